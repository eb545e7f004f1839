// 세션 기록 화면과 CSV 내보내기 문자열 (`log` 키 아래에 연결됨). 키 구조는 log.en.ts와 같아야 합니다.
import type en from './log.en.ts'

const ko: typeof en = {
  heading: '세션 기록',
  intro:
    '이 브라우저 세션에서 한 사진 저장, 삭제, 실행 취소와 실패를 최신 순으로 보여 줍니다. 기록은 이 탭에만 남고 로그아웃하면 지워집니다.',
  empty: '아직 기록이 없습니다. 사진을 저장하거나 삭제하거나 실행 취소하면 여기에 표시됩니다.',
  export: 'CSV 내보내기',
  summary: '{total}건: 완료 {ok}, 실패 {failed}, 대기 {pending}',
  dropped: '기록을 작게 유지하려고 가장 오래된 {count}건을 지웠습니다.',
  onlyProblems: '실패와 대기 중인 사진만',
  caption: '세션 기록, 최신 순',
  noChecks: '—',
  checks: {
    failed: '실패: {list}.',
    passed: '통과: {list}.',
    failedWith: '{check}({hint})',
  },
  columns: {
    time: '시간',
    operator: '운영자',
    userId: '사용자 ID',
    name: '이름',
    action: '작업',
    bytes: '바이트',
    checks: '품질 검사',
    result: '결과',
    message: '메시지',
  },
  actions: {
    save: '사진 저장',
    remove: '사진 삭제',
    undo: '실행 취소',
    resend: '대기 중인 사진 전송',
    discard: '다른 운영자의 대기 중인 사진 폐기',
    'discard-refused': 'BioStar가 거부한 대기 중인 사진 폐기',
    batch: '일괄 가져오기',
    'same-person': '경고: 같은 사람이 아닐 수 있음',
    'review-fix': '사진 검토: 단말기용으로 변환',
    'review-restore': '사진 검토: 원본 복원',
  },
  results: {
    ok: '완료',
    failed: '실패',
    pending: '전송 대기',
    superseded: '더 새로운 사진으로 대체됨',
    aborted: '전송 안 됨: 중단됨',
  },
}

export default ko
