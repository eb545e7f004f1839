// Korean strings of the user search: the same keys as search.en.ts.
export default {
  hint: 'ID를 입력하고 Enter를 누르거나 이름 일부를 입력하세요. 위/아래 화살표로 고르고 Enter로 선택, Esc로 닫습니다.',
  results: '검색 결과',
  progressLabel: '사용자 목록 불러오기',
  loadingStart: '사용자를 불러오는 중…',
  loading: '사용자 불러오는 중: {total}명 중 {loaded}명',
  usersInList: '목록의 사용자: {count}명',
  partial:
    '서버가 {total}명 중 {loaded}명만 보냈습니다. 일부 이름이 빠졌을 수 있지만 ID로는 누구든 찾을 수 있습니다.',
  loadFailed: '사용자 목록을 불러오지 못했습니다. {reason}',
  retry: '다시 시도',
  noMatches: '일치하는 사용자 없음',
  noMatchesYet: '아직 일치하는 사용자가 없습니다. 계속 불러오는 중입니다.',
  oneMatch: '1명 일치',
  matches: '{count}명 일치',
  capped: '일치하는 {count}명 중 {shown}명 표시 — 더 입력해 범위를 좁히세요',
  userId: 'ID {id}',
  noGroup: '그룹 없음',
  disabled: '비활성',
  expired: '만료',
  noPhoto: '사진 없음',
  hasPhoto: '사진 있음',
}
