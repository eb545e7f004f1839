import type en from './en.ts'

// 한국어 UI 문자열. en.ts 와 키가 같아야 합니다 (테스트가 확인).
const ko: typeof en = {
  app: {
    title: 'Photo Desk',
    demoBadge: '데모 서버',
    demoBadgeHint: '실제 서버가 아니라 내장된 BioStar 2 시뮬레이터가 응답합니다.',
    skipToContent: '본문으로 건너뛰기',
    language: '언어',
    updateReady: 'Photo Desk 새 버전이 준비되었습니다.',
    reload: '새로 고침',
    loadFailed: '이 화면을 불러오지 못했습니다. 네트워크 연결을 확인한 뒤 다시 시도하세요.',
    loadRetry: '다시 시도',
  },
  signIn: {
    heading: 'BioStar 2 로그인',
    loginId: '로그인 ID',
    password: '비밀번호',
    submit: '로그인',
    submitting: '로그인 중…',
    demoHint: '데모 모드: {loginId} / 비밀번호 {password} 로 로그인하세요.',
    demoOperator: '{loginId} / {password} ({role})',
    demoTitle: '데모 운영자',
    required: '로그인 ID와 비밀번호를 입력하세요.',
    diagnostics: '로그인이나 카메라에 문제가 있나요? 진단 열기',
  },
  nav: {
    label: '주 메뉴',
    desk: '데스크',
    batch: '일괄 가져오기',
    settings: '설정',
    log: '세션 기록',
    diagnostics: '진단',
    menu: '메뉴',
  },
  settings: {
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
    autoCapture: '자동 촬영',
    autoCaptureHint: '모든 확인이 1초 동안 통과하면 카운트다운 후 스스로 촬영합니다.',
    kiosk: '키오스크 모드',
    kioskHint:
      '전체 화면, 큰 버튼, 메뉴 없음. 저장할 때마다 다음 사람을 위해 초기화됩니다. 끄려면 비밀번호가 필요합니다.',
    timeout: '서버 응답 제한 시간 (초)',
    reset: '기본값으로 되돌리기',
    saved: '설정을 저장했습니다.',
  },
  kiosk: {
    exit: '키오스크 모드 종료',
    exitTitle: '키오스크 모드 종료',
    exitBody: '키오스크 모드를 끝내려면 운영자 비밀번호를 입력하세요.',
    password: '비밀번호',
    next: '{seconds}초 후 다음 사람…',
  },
  header: {
    signedInAs: '{name} 님 로그인됨',
    signOut: '로그아웃',
  },
  expired: {
    title: '세션 만료',
    body: 'BioStar 세션이 끝났습니다. {loginId} 의 비밀번호를 입력하면 하던 작업을 이어서 합니다.',
    password: '비밀번호',
    submit: '로그인',
    cancel: '로그아웃',
  },
  errors: {
    credentials: '로그인 ID 또는 비밀번호가 틀렸습니다. 확인 후 다시 시도하세요.',
    locked:
      '로그인 실패가 너무 많아 계정이 잠겼습니다. 잠시 기다리거나 BioStar 관리자에게 잠금 해제를 요청하세요.',
    permission:
      'BioStar 운영자 권한으로는 이 작업을 할 수 없습니다. 관리자에게 사용자 쓰기 권한을 요청하세요.',
    session: '세션이 끝났습니다. 다시 로그인하세요.',
    notFound: '이 ID의 사용자가 BioStar에 없습니다. ID를 확인하세요.',
    rejected: 'BioStar가 요청을 거부했습니다: {message} (코드 {code}).',
    unreachable:
      'BioStar 서버에 연결할 수 없습니다. 네트워크를 확인하세요. Photo Desk가 계속 재시도합니다.',
    unreachableServer:
      'Photo Desk가 {server} 의 BioStar 서버에 연결할 수 없습니다. 서버가 실행 중인지, 주소가 맞는지 확인하세요.',
    offline: '이 기기가 오프라인입니다. 네트워크에 다시 연결한 뒤 시도하세요.',
    tls: '{server} 의 BioStar 서버가 응답했지만 인증서를 받아들일 수 없습니다. BIOSTAR_CA 를 확인하거나, 자체 서명 인증서를 허용하려면 제거하세요.',
    timeout:
      'BioStar가 제때 응답하지 않았습니다. 다시 시도하세요. 계속되면 서버 부하와 네트워크를 확인하세요.',
    server: 'BioStar 서버에 문제가 생겼습니다 (HTTP {status}). 잠시 후 다시 시도하세요.',
    badResponse:
      '서버가 Photo Desk가 이해할 수 없는 응답을 보냈습니다 (HTTP {status}). /api 가 BioStar 2 로 프록시되고 있는지 확인하세요.',
    noSessionHeader:
      'BioStar가 로그인을 받아들였지만 세션 ID를 보내지 않았습니다. BioStar 앞의 프록시가 bs-session-id 헤더를 전달해야 합니다.',
    aborted: '요청이 취소되었습니다.',
    unknown: '문제가 생겼습니다: {message}',
  },
  connection: {
    pending: '보낼 사진 {count}장 대기 중 | 보낼 사진 {count}장 대기 중',
    pendingFailed:
      '오프라인에서 저장한 {name} 님(ID {id})의 사진을 BioStar가 거부했습니다. {reason}',
    tryAgain: '다시 시도',
    pendingOther:
      '{name} 님이 오프라인에서 저장한 사진 {count}장은 그 운영자가 여기서 로그인할 때까지 대기합니다 | {name} 님이 오프라인에서 저장한 사진 {count}장은 그 운영자가 여기서 로그인할 때까지 대기합니다',
    pendingUnknown:
      '저장한 운영자를 알 수 없는 사진 {count}장(이전 버전의 Photo Desk)은 보내지 않고 보관합니다 | 저장한 운영자를 알 수 없는 사진 {count}장(이전 버전의 Photo Desk)은 보내지 않고 보관합니다',
    discard: '폐기…',
    discardTitle:
      '오프라인에서 저장된 사진 {count}장을 폐기할까요? | 오프라인에서 저장된 사진 {count}장을 폐기할까요?',
    discardBody:
      '{name} 님이 오프라인에서 저장한 사진 {count}장을 BioStar로 보내지 않고 이 기기에서 삭제합니다. 되돌릴 수 없습니다. | {name} 님이 오프라인에서 저장한 사진 {count}장을 BioStar로 보내지 않고 이 기기에서 삭제합니다. 되돌릴 수 없습니다.',
    discardUnknownBody:
      '저장한 운영자를 알 수 없는 사진 {count}장을 BioStar로 보내지 않고 이 기기에서 삭제합니다. 되돌릴 수 없습니다. | 저장한 운영자를 알 수 없는 사진 {count}장을 BioStar로 보내지 않고 이 기기에서 삭제합니다. 되돌릴 수 없습니다.',
    discardRefusedTitle: '{name} 님의 사진을 폐기할까요?',
    discardRefusedBody:
      'BioStar가 거부한 {name} 님(ID {id})의 사진을 보내지 않고 이 기기에서 삭제합니다. 되돌릴 수 없습니다.',
    discardConfirm: '폐기',
    keep: '보관',
    retrying: '연결 문제로 재시도 중 ({attempt}/{max})…',
    down: '서버에 연결할 수 없습니다. Photo Desk가 스스로 다시 연결합니다.',
    back: '다시 연결되었습니다.',
  },
  desk: {
    heading: '사진 등록 데스크',
    photoArea: '사진',
    capture: '촬영',
    retake: '다시 촬영',
    chooseFile: '사진 파일 선택',
    dropHint: '또는 사진을 여기에 끌어 놓거나 붙여 넣으세요 (Ctrl+V)',
    dropNow: '사진을 놓으면 사용합니다',
    keysHint: '키: Enter 찾기, Space 촬영, Enter 저장, Esc 다시 촬영.',
    selectFirst: '먼저 사용자를 찾은 뒤 사진을 찍거나 고르세요.',
    save: '사진 저장',
    saving: '저장 중…',
    remove: '사진 삭제',
    removeTitle: '사진을 삭제할까요?',
    removeBody:
      '{name} (ID {id}) 의 프로필 사진이 BioStar에서 삭제됩니다. 다음 사용자를 불러오기 전까지 되돌릴 수 있습니다.',
    removeConfirm: '삭제',
    cancel: '취소',
    undo: '되돌리기',
    tryAgain: '다시 시도',
    saved: '{name} (ID {id}) 의 사진을 저장했습니다, {size}.',
    removed: '{name} (ID {id}) 의 사진을 삭제했습니다.',
    pending:
      '네트워크 없음: {name} (ID {id}) 의 사진을 이 기기에 보관했다가 네트워크가 돌아오면 보냅니다.',
    undone: '되돌렸습니다: {name} (ID {id}) 의 이전 사진이 복원되었습니다.',
    saveFailed: '사진이 저장되지 않았습니다. {reason} 사진은 그대로 있으니 다시 시도하세요.',
    preparing: '사진 준비 중…',
    newPhoto: '새 사진',
    currentPhoto: '현재 사진',
    none: '없음',
    asOnReader: '단말기에 표시되는 크기',
    newSize: '{size} / {budget} · {width}×{height} px · 품질 {quality}',
  },
  lookup: {
    userId: '사용자 ID',
    find: '찾기',
    problems: {
      empty: '사용자 ID를 입력하세요.',
      'not-a-number': '이 서버의 사용자 ID는 숫자입니다 (1 ~ {max}). 입력한 값을 확인하세요.',
      'out-of-range': '사용자 ID는 1 ~ {max} 범위입니다. 입력한 값을 확인하세요.',
      'all-zeros': '사용자 ID는 0으로만 이루어질 수 없습니다.',
      'bad-characters': '사용자 ID에는 영문자, 숫자, - 와 _ 만 쓸 수 있습니다.',
      'too-long': '사용자 ID는 최대 32자입니다.',
    },
  },
  card: {
    label: '사용자 {name}',
    currentPhoto: '현재 사진',
    noPhoto: '사진 없음',
    noName: '(이름 없음)',
    id: 'ID {id}',
    disabled: '비활성',
    expired: '만료',
  },
  crop: {
    label: '자르기: 끌어서 이동, 휠이나 두 손가락으로 확대/축소, 화살표 키로 미세 조정',
    tools: '자르기 도구',
    rotateLeft: '왼쪽으로 회전',
    rotateRight: '오른쪽으로 회전',
    zoomIn: '확대',
    zoomOut: '축소',
    hint: '끌어서 이동 · 휠이나 두 손가락으로 확대/축소',
  },
  photoErrors: {
    empty: '빈 파일입니다 (0 바이트). 사진을 다시 고르세요.',
    'too-large-bytes': '이 파일은 {size} 입니다. 한도는 25 MB입니다. 더 작은 사진을 쓰세요.',
    'too-many-pixels':
      '이 사진은 {megapixels} 메가픽셀입니다. 한도는 50입니다. 더 작은 사진을 쓰세요.',
    heic: 'HEIC 사진(아이폰)은 여기서 읽을 수 없습니다. 먼저 JPEG로 변환하거나 카메라 설정을 “호환성 우선”으로 바꾸세요.',
    gif: 'GIF 파일은 받지 않습니다. JPEG 또는 PNG 사진을 쓰세요.',
    svg: 'SVG 그림은 받지 않습니다. JPEG 또는 PNG 사진을 쓰세요.',
    unsupported: '파일 이름과 달리 JPEG, PNG, WebP 사진이 아닙니다. 사진 파일을 고르세요.',
    'unreadable-header':
      '사진 파일이 손상되었거나 일부만 있습니다. 다시 고르거나 다른 파일을 쓰세요.',
    'decode-failed':
      '사진을 읽을 수 없습니다. 파일이 손상되었거나 잘렸을 수 있습니다. 다른 파일을 쓰세요.',
    'render-failed': '사진을 준비할 수 없습니다. 더 작은 사진을 쓰세요.',
    'encode-failed': '이 브라우저는 사진을 JPEG로 만들 수 없습니다. 다른 브라우저를 쓰세요.',
    'over-budget':
      '이 사진은 단말기 한도({budget})에 맞게 줄일 수 없습니다. 더 가깝게 자르거나 단순한 배경을 쓰세요.',
  },
}

export default ko
