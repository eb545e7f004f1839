// 공용 진행 표시 (`progress` 키 아래).
export default {
  pause: '일시 중지',
  resume: '계속',
  cancel: '취소',
  rate: '초당 {rate}장',
  secondsLeft: '약 {n}초 남음',
  minutesLeft: '약 {n}분 남음',
}
