import type en from './desk.en.ts'

// 데스크 문자열 (desk.en.ts 와 키가 같아야 합니다).
const ko: typeof en = {
  desk: {
    heading: '사진 등록 데스크',
    photoArea: '사진',
    capture: '촬영',
    retake: '다시 촬영',
    chooseFile: '사진 파일 선택',
    dropHint: '또는 사진을 카메라 위에 끌어 놓거나 붙여 넣으세요 (Ctrl+V)',
    dropNow: '사진을 놓으면 사용합니다',
    touchHint: '사용자를 찾은 뒤 촬영하고 저장하세요.',
    emptyTitle: '다음 사람은 누구인가요?',
    emptyBody:
      '위에 사용자 ID나 이름을 입력하고 Enter를 누르세요. 그다음 Space로 촬영하고 Enter로 저장합니다.',
    newPhotoHint: '촬영하거나 사진 파일을 고르세요',
    viewOnly:
      '보기 전용: 이 운영자 계정은 사용자를 조회할 수 있지만 사진을 바꿀 수 없습니다. 관리자에게 사용자 쓰기 권한을 요청하세요.',
    deviceSafeOff:
      '장치 안전 모드가 꺼져 있습니다: 최대 {budget}의 사진이 저장되지만 단말기는 16 KB까지만 보관합니다. 단말기에 사진이 필요하면 설정에서 켜세요.',
    unsavedTitle: '{name}의 새 사진이 저장되지 않았습니다',
    unsavedBody: '사진을 버리고 {id}을(를) 찾거나, 먼저 저장하도록 데스크에 남겨 두세요.',
    unsavedDiscard: '버리고 {id} 찾기',
    unsavedKeep: '사진 유지',
    keysHint:
      'ID를 입력하고 Enter를 누르거나 이름 일부를 입력하세요. 그다음 Space 촬영, Enter 저장, Esc 다시 촬영, Ctrl+Z 되돌리기.',
    selectFirst: '먼저 사용자를 찾은 뒤 사진을 찍거나 고르세요.',
    save: '사진 저장',
    saveFor: '{name} · {id} 사진 저장',
    saving: '저장 중…',
    remove: '사진 삭제',
    removeTitle: '사진을 삭제할까요?',
    removeBody:
      '{name} (ID {id}) 의 프로필 사진이 BioStar에서 삭제됩니다. 다음 사용자를 불러오기 전까지 되돌릴 수 있습니다.',
    removeConfirm: '삭제',
    cancel: '취소',
    undo: '되돌리기',
    dismiss: '닫기',
    tryAgain: '다시 시도',
    notSamePerson: '현재 사진과 같은 사람이 아닐 수 있습니다. 사용자 ID를 확인하세요.',
    saveAnyway: '그래도 저장',
    checkingPerson: '같은 사람인지 확인하는 중…',
    saved: '{name} (ID {id}) 의 사진을 저장했습니다, {size}.',
    removed: '{name} (ID {id}) 의 사진을 삭제했습니다.',
    pending:
      '{name} (ID {id}) 의 사진을 아직 보내지 못했습니다: {reason} 사진은 이 기기에 보관되며 자동으로 전송됩니다.',
    superseded:
      '{name} (ID {id}) 의 이전 사진은 보내지 않았습니다: 더 새로운 사진이 저장되었습니다.',
    undone: '되돌렸습니다: {name} (ID {id}) 의 이전 사진이 복원되었습니다.',
    saveFailed: '사진이 저장되지 않았습니다. {reason} 사진은 그대로 있으니 다시 시도하세요.',
    preparing: '사진 준비 중…',
    newPhoto: '새 사진',
    currentPhoto: '현재 사진',
    none: '사진 없음',
    asOnReader: '단말기에 표시되는 크기',
    newSize: '{size} / {budget} · {width}×{height} px · 품질 {quality}',
  },
  writes: {
    heading: '최근 저장',
    person: '{name} · {id}',
    kinds: {
      save: '사진',
      remove: '삭제',
      undo: '되돌리기',
      batch: '일괄',
      'visual-face': '비주얼 페이스',
    },
    states: {
      queued: '차례를 기다리는 중',
      sending: '보내는 중…',
      waiting: '아직 보내지 못함: {reason} 자동으로 다시 시도합니다.',
      stored: '저장됨',
      refused: 'BioStar가 거부함: {reason}',
      failed: '보내지 못함: {reason}',
      superseded: '더 새로운 사진으로 대체됨',
      discarded: '폐기됨',
      aborted: '보내지 못함: 중단됨',
    },
  },
  lookup: {
    label: '사용자 ID 또는 이름',
    idOnly: '사용자 ID',
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
    fitOk: '단말기에 맞는 사진 ({size})',
    fitProblems: {
      'too-large': '단말기에 비해 너무 큼 ({size})',
      'not-baseline': '베이스라인 JPEG가 아님',
      'not-jpeg': 'JPEG가 아님',
    },
    makeSafe: '단말기에 맞게 변환',
    viewOnly: '보기 전용',
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
    eyeLine: '눈',
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
