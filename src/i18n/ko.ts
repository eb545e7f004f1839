import type en from './en.ts'

// 한국어 UI 문자열. en.ts 와 키가 같아야 합니다 (테스트가 확인).
const ko: typeof en = {
  app: {
    title: 'Photo Desk',
    demoBadge: '데모 서버',
    demoBadgeHint: '실제 서버가 아니라 내장된 BioStar 2 시뮬레이터가 응답합니다.',
    skipToContent: '본문으로 건너뛰기',
    language: '언어',
    updateReady:
      'Photo Desk 새 버전이 준비되었습니다. 편할 때 새로 고침하세요. 그때까지 이 화면은 계속 작동합니다.',
    reload: '새로 고침',
    loadFailed: '이 화면을 불러오지 못했습니다. 네트워크 연결을 확인한 뒤 다시 시도하세요.',
    loadRetry: '다시 시도',
    languageFailed: '{language}을(를) 불러오지 못했습니다. 연결을 확인한 뒤 다시 선택하세요.',
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
    siteProblems:
      '관리자 안내: 사이트 설정 파일(photo-desk.json)에 문제가 {count}개 있습니다. Photo Desk는 올바른 설정만 사용합니다.',
    siteDetails: '진단에서 자세히 보기',
  },
  nav: {
    label: '주 메뉴',
    desk: '데스크',
    batch: '일괄 가져오기',
    settings: '설정',
    log: '세션 기록',
    review: '사진 검토',
    diagnostics: '진단',
    menu: '메뉴',
  },
  kiosk: {
    exit: '키오스크 모드 종료',
    exitTitle: '키오스크 모드 종료',
    exitBody: '키오스크 모드를 끝내려면 운영자 비밀번호를 입력하세요.',
    password: '비밀번호',
    next: '{seconds}초 후 다음 사람…',
    cancel: '취소',
  },
  header: {
    signedInAs: '{name} 님 로그인됨',
    signOut: '로그아웃',
  },
  signOut: {
    title: '로그아웃',
    waiting:
      '사진 {count}장이 아직 BioStar에 저장되지 않았습니다. 지금 로그아웃하면 보낼 수 있는 사진은 한 번 더 보내 보고, 나머지는 버립니다.',
    password: '로그아웃하려면 운영자 비밀번호를 입력하세요.',
    allSent: '이제 모든 사진을 보냈습니다.',
    confirm: '로그아웃',
    cancel: '취소',
  },
  idle: {
    title: '계속 사용 중이신가요?',
    body: '한동안 Photo Desk를 사용하지 않았습니다. {seconds}초 후 로그아웃합니다.',
    hint: '로그인 상태를 유지하려면 아무 키나 누르거나 화면을 터치하세요.',
    stay: '로그인 유지',
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
    refused:
      '프록시가 이 요청을 BioStar로 보내지 않았습니다. 일반 /api/ 경로만 전달됩니다. BioStar가 아니라 Photo Desk의 오류이며, 프록시 로그에 해당 경로가 남아 있습니다.',
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
    invalidId:
      'Photo Desk는 사용자 ID “{message}”를 BioStar에 보내지 않습니다: 사용자 ID는 영문자, 숫자, - 와 _ 만 쓸 수 있습니다 (최대 32자).',
    unknown: '문제가 생겼습니다: {message}',
  },
  connection: {
    pending: '보낼 사진 {count}장 대기 중',
    pendingFailed: 'BioStar가 {name} 님(ID {id})의 사진을 거부했습니다. {reason}',
    tryAgain: '다시 시도',
    pendingOther:
      '{name} 님이 오프라인에서 저장한 사진 {count}장은 그 운영자가 여기서 로그인할 때까지 대기합니다',
    pendingUnknown:
      '저장한 운영자를 알 수 없는 사진 {count}장(이전 버전의 Photo Desk)은 보내지 않고 보관합니다',
    discard: '폐기…',
    discardTitle: '오프라인에서 저장된 사진 {count}장을 폐기할까요?',
    discardBody:
      '{name} 님이 오프라인에서 저장한 사진 {count}장을 BioStar로 보내지 않고 이 기기에서 삭제합니다. 되돌릴 수 없습니다.',
    discardUnknownBody:
      '저장한 운영자를 알 수 없는 사진 {count}장을 BioStar로 보내지 않고 이 기기에서 삭제합니다. 되돌릴 수 없습니다.',
    discardRefusedTitle: '{name} 님의 사진을 폐기할까요?',
    discardRefusedBody:
      'BioStar가 거부한 {name} 님(ID {id})의 사진을 보내지 않고 이 기기에서 삭제합니다. 되돌릴 수 없습니다.',
    discardConfirm: '폐기',
    keep: '보관',
    retrying: '연결 문제로 재시도 중 ({attempt}/{max})…',
    down: '서버에 연결할 수 없습니다. Photo Desk가 스스로 다시 연결합니다.',
    back: '다시 연결되었습니다.',
  },
}

export default ko
