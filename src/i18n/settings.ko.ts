import type en from './settings.en.ts'

// 설정 화면 문자열 (`settings` 키 아래에 연결됨). 키 구조는 settings.en.ts와 같아야 합니다.
const ko: typeof en = {
  heading: '설정',
  intro: '이 설정은 이 브라우저에 저장됩니다.',
  photo: '프로필 사진',
  aspect: '자르기 모양',
  aspectSquare: '정사각형 (1:1)',
  aspectPortrait: '세로 (3:4)',
  maxSide: '긴 변 (픽셀)',
  maxSideHint: '200 ~ 1024. 단말기는 약 400 px로 표시합니다.',
  maxBytes: '크기 한도 (바이트)',
  maxBytesHint: '단말기는 사진을 16,384바이트 공간에 저장합니다. 16,000이면 여유가 있습니다.',
  deviceSafe: '단말기 안전 모드',
  deviceSafeHint:
    '켜짐: 사진이 단말기의 16,384바이트 공간보다 커질 수 없습니다. 사진이 단말기로 가지 않는 서버에서만 끄세요.',
  deviceSafeOffWarning:
    '단말기 안전 모드가 꺼져 있습니다: 16,384바이트를 넘는 사진은 단말기에 표시되지 않습니다.',
  server: 'BioStar 서버',
  idType: '사용자 ID 유형',
  idNumeric: '숫자 (1 ~ 4294967294)',
  idAlphanumeric: '영문자, 숫자, - 와 _ (최대 32자)',
  idTypeHint: 'BioStar의 설정 > 서버 > 사용자 ID 유형과 같아야 합니다.',
  station: '이 작업대',
  faceGuide: '얼굴 안내',
  faceGuideHint:
    '촬영 전에 얼굴, 조명, 선명도를 확인하고 얼굴에 맞춰 자릅니다. 이 기기에서만 처리되며 밖으로 나가지 않습니다.',
  samePersonCheck: '같은 사람인지 확인',
  samePersonCheckHint:
    '새 사진을 현재 사진과 비교하여 다른 사람일 수 있으면 알려줍니다. 얼굴 안내가 켜져 있어야 합니다.',
  autoCapture: '자동 촬영',
  autoCaptureHint: '모든 확인이 1초 동안 통과하면 카운트다운 후 스스로 촬영합니다.',
  kiosk: '키오스크 모드',
  kioskHint:
    '전체 화면, 큰 버튼, 데스크만 표시: 메뉴, 검색, 삭제와 실행 취소가 없습니다. 저장할 때마다 다음 사람을 위해 초기화됩니다. 끄거나 로그아웃하려면 비밀번호가 필요합니다.',
  kioskLocale: '키오스크 언어',
  kioskLocaleAny: '방문자가 선택',
  kioskLocaleHint: '여기서 고른 언어만 키오스크 모드에서 쓰이고, 언어 메뉴는 숨겨집니다.',
  idleLock: '사용하지 않을 때 로그아웃 (분)',
  idleLockHint:
    '이 시간 동안 키 입력, 터치, BioStar 작업(진행 중인 일괄 가져오기 포함)이 없으면 1분 카운트다운 후 Photo Desk가 로그아웃합니다. 0이면 끕니다.',
  timeout: '서버 응답 제한 시간 (초)',
  reset: '기본값으로 되돌리기',
  saved: '설정을 저장했습니다.',
  siteLocked: '사이트에서 설정함',
  siteIntro:
    '“사이트에서 설정함”으로 표시된 설정은 사이트 설정 파일에서 정하며, 이 작업대에서 바꿀 수 없습니다.',
}

export default ko
