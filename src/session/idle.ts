// The idle lock's rules, pure: from the last sign of the operator (a key, a touch, an answer
// from BioStar), the idle time and the countdown, what the app does now.

/** The visible countdown before the idle lock signs out (ms). */
export const IDLE_COUNTDOWN_MS = 60_000

export type IdlePhase =
  /** The operator was here lately; the countdown starts in `msLeft`. */
  | { kind: 'active'; msLeft: number }
  /** The countdown is on: sign-out in `msLeft`, unless a key or touch comes first. */
  | { kind: 'countdown'; msLeft: number }
  /** Idle time and countdown are over: sign out now (also after a sleeping tab wakes up). */
  | { kind: 'over' }

/** Where the idle lock stands at `now`; `idleMs` > 0 (0 means the lock is off). */
export function idlePhase(
  last: number,
  now: number,
  idleMs: number,
  countdownMs = IDLE_COUNTDOWN_MS,
): IdlePhase {
  // A clock set back makes the last activity look in the future: count it as now.
  const idle = Math.max(0, now - last)
  if (idle < idleMs) return { kind: 'active', msLeft: idleMs - idle }
  if (idle < idleMs + countdownMs) return { kind: 'countdown', msLeft: idleMs + countdownMs - idle }
  return { kind: 'over' }
}

/** Whole seconds shown by the countdown (60 … 1). */
export function countdownSeconds(msLeft: number): number {
  return Math.max(1, Math.ceil(msLeft / 1000))
}

/**
 * A tab restored (reload, "reopen closed tab", a restored browser session) whose last activity
 * is older than the idle time starts at the sign-in screen. Nothing known counts as too old.
 */
export function isStale(last: number | null, now: number, idleMs: number): boolean {
  if (idleMs <= 0) return false
  return last === null || now - last >= idleMs
}
