import { ref } from 'vue'
import { onClientEvent } from '@/api/client.ts'
import { useSessionStore } from '@/stores/session.ts'

/** sessionStorage key: a reload of the tab keeps knowing when BioStar last answered. */
export const ACTIVITY_STORAGE_KEY = 'photo-desk:activity'
/** sessionStorage key: when the operator last pressed a key or touched the screen. */
export const INPUT_STORAGE_KEY = 'photo-desk:input'
/** Storage is written at most this often (ms), and once more as the page goes away. */
export const ACTIVITY_WRITE_MS = 10_000
/** BioStar's default idle timeout; the real one is a server setting the app cannot read. */
export const BIOSTAR_IDLE_TIMEOUT_MIN = 60
/** The operator is there: a key, a click or touch, the scroll wheel (not a passing mouse). */
const INPUT_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const

type Target = Pick<Window, 'addEventListener' | 'removeEventListener'>

function readStored(key: string): number | null {
  try {
    const value = Number(globalThis.sessionStorage?.getItem(key))
    return Number.isFinite(value) && value > 0 ? value : null
  } catch {
    return null
  }
}

function store(key: string, value: number | null) {
  try {
    if (value === null) globalThis.sessionStorage?.removeItem(key)
    else globalThis.sessionStorage?.setItem(key, String(value))
  } catch {
    // storage blocked: known for this page only
  }
}

/** When a call to BioStar last succeeded (ms since 1970): each one renews the session. */
export const lastActivity = ref<number | null>(readStored(ACTIVITY_STORAGE_KEY))
/** When the operator last pressed a key or touched the screen (ms since 1970). */
let lastInput: number | null = readStored(INPUT_STORAGE_KEY)

/**
 * The last sign of the operator's work: a key, a touch, or an answer from BioStar (a batch
 * import running counts). The idle lock and a restored tab go by this; null: nothing known.
 */
export function lastSeen(): number | null {
  if (lastInput === null) return lastActivity.value
  return lastActivity.value === null ? lastInput : Math.max(lastInput, lastActivity.value)
}

const inputListeners = new Set<() => void>()

/** Calls `listener` on each key or touch (the idle lock's countdown ends at once). */
export function onInput(listener: () => void): () => void {
  inputListeners.add(listener)
  return () => inputListeners.delete(listener)
}

let stop: (() => void) | null = null
let clock: () => number = Date.now
let writtenAt = 0
let writeTimer: ReturnType<typeof setTimeout> | null = null

function writeNow() {
  if (writeTimer) clearTimeout(writeTimer)
  writeTimer = null
  writtenAt = clock()
  store(ACTIVITY_STORAGE_KEY, lastActivity.value)
  store(INPUT_STORAGE_KEY, lastInput)
}

// Every key press would otherwise be a storage write: at most one per ACTIVITY_WRITE_MS.
function save() {
  const wait = writtenAt + ACTIVITY_WRITE_MS - clock()
  if (wait <= 0) writeNow()
  else writeTimer ??= setTimeout(writeNow, wait)
}

/** Notes the operator's key or touch now (also a test's way to be "there"). */
export function noteInput(): void {
  lastInput = clock()
  save()
  for (const listener of inputListeners) listener()
}

function forget() {
  if (writeTimer) clearTimeout(writeTimer)
  writeTimer = null
  lastActivity.value = null
  lastInput = null
  store(ACTIVITY_STORAGE_KEY, null)
  store(INPUT_STORAGE_KEY, null)
}

/**
 * Starts following successful API calls and the operator's keys and touches; call once at
 * start-up, after Pinia is installed (repeat calls do nothing). Sign-out forgets both times,
 * like everything else of the session.
 */
export function trackActivity(
  now: () => number = Date.now,
  target: Target | undefined = globalThis.window,
): void {
  if (stop) return
  clock = now
  useSessionStore().onSignOut(forget)
  const offClient = onClientEvent((event) => {
    if (event.type !== 'ok') return
    lastActivity.value = now()
    save()
  })
  const options = { capture: true, passive: true }
  for (const type of INPUT_EVENTS) target?.addEventListener(type, noteInput, options)
  // A reload or a closed tab keeps the exact time, not the last throttled one.
  target?.addEventListener('pagehide', writeNow)
  stop = () => {
    offClient()
    for (const type of INPUT_EVENTS) target?.removeEventListener(type, noteInput, options)
    target?.removeEventListener('pagehide', writeNow)
  }
}

/** For tests: stop following and forget. */
export function resetActivity(): void {
  stop?.()
  stop = null
  forget()
  clock = Date.now
  writtenAt = 0
  inputListeners.clear()
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
