import { ref } from 'vue'
import { onClientEvent } from '@/api/client.ts'
import { useSessionStore } from '@/stores/session.ts'

/** sessionStorage key: a reload of the tab keeps knowing when BioStar last answered. */
export const ACTIVITY_STORAGE_KEY = 'photo-desk:activity'
/** BioStar's default idle timeout; the real one is a server setting the app cannot read. */
export const BIOSTAR_IDLE_TIMEOUT_MIN = 60

function readStored(): number | null {
  try {
    const value = Number(globalThis.sessionStorage?.getItem(ACTIVITY_STORAGE_KEY))
    return Number.isFinite(value) && value > 0 ? value : null
  } catch {
    return null
  }
}

/** When a call to BioStar last succeeded (ms since 1970): each one renews the session. */
export const lastActivity = ref<number | null>(readStored())

let stop: (() => void) | null = null

function forget() {
  lastActivity.value = null
  try {
    globalThis.sessionStorage?.removeItem(ACTIVITY_STORAGE_KEY)
  } catch {
    // storage blocked: nothing was kept
  }
}

/**
 * Starts following successful API calls; call once at start-up, after Pinia is installed (repeat
 * calls do nothing). Sign-out forgets the time, like everything else of the session.
 */
export function trackActivity(now: () => number = Date.now): void {
  if (stop) return
  useSessionStore().onSignOut(forget)
  stop = onClientEvent((event) => {
    if (event.type !== 'ok') return
    lastActivity.value = now()
    try {
      globalThis.sessionStorage?.setItem(ACTIVITY_STORAGE_KEY, String(lastActivity.value))
    } catch {
      // storage blocked: known for this page only
    }
  })
}

/** For tests: stop following and forget. */
export function resetActivity(): void {
  stop?.()
  stop = null
  forget()
}

export interface SessionTimes {
  /** Whole minutes since the last successful call. */
  idleMin: number
  /** Whole minutes left before BioStar's default timeout, at least 0. */
  leftMin: number
}

/** Minutes idle and left, from the last activity and BioStar's default timeout. */
export function sessionTimes(
  last: number,
  now: number,
  timeoutMin = BIOSTAR_IDLE_TIMEOUT_MIN,
): SessionTimes {
  const idleMin = Math.max(0, Math.floor((now - last) / 60_000))
  return { idleMin, leftMin: Math.max(0, timeoutMin - idleMin) }
}
