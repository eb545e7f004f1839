/** How fast a run goes and how long it has left, from its start and what is done. */
export interface Pace {
  /** Items per second; 0 until one is done. */
  perSecond: number
  /** null until the rate is known. */
  secondsLeft: number | null
}

export function pace(done: number, total: number, startedAt: number, now: number): Pace {
  const seconds = (now - startedAt) / 1000
  const perSecond = seconds > 0 && done > 0 ? done / seconds : 0
  return {
    perSecond,
    secondsLeft: perSecond > 0 ? Math.max(0, total - done) / perSecond : null,
  }
}
