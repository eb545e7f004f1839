import { onScopeDispose, readonly, ref, watch, type Ref } from 'vue'
import { countdownSeconds, idlePhase, IDLE_COUNTDOWN_MS } from '@/session/idle.ts'

export interface UseIdleLockOptions {
  /** Idle time before the countdown starts (ms); 0 turns the lock off. */
  idleMs: () => number
  /** Whether there is anything to lock (signed in). */
  active: () => boolean
  /** The last sign of the operator (ms since 1970); null: nothing known yet. */
  lastSeen: () => number | null
  /** Subscribes to the operator's keys and touches; returns the unsubscribe. */
  onInput: (listener: () => void) => () => void
  /** Signs out (and sends the logout). */
  lock: () => void | Promise<void>
  /** The visible countdown (ms), default one minute. */
  countdownMs?: number
  /** For tests: the clock. */
  now?: () => number
  /** For tests: the document whose return to view triggers a check. */
  document?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>
}

export interface UseIdleLockReturn {
  /** Seconds before the sign-out while the countdown shows; 0 otherwise. */
  secondsLeft: Readonly<Ref<number>>
}

/**
 * Signs out after `idleMs` without the operator, once a visible countdown has run out; a key
 * or touch ends the countdown at once. One timer, set to the next moment anything can change;
 * a tab that slept past the countdown (a laptop lid, a frozen background tab) signs out as it
 * wakes, without showing the countdown again.
 */
export function useIdleLock(options: UseIdleLockOptions): UseIdleLockReturn {
  const now = options.now ?? Date.now
  const countdownMs = options.countdownMs ?? IDLE_COUNTDOWN_MS
  const doc = options.document ?? globalThis.document
  const secondsLeft = ref(0)
  let timer: ReturnType<typeof setTimeout> | null = null
  /** When watching began: the idle time counts from here when nothing else is known. */
  let since: number | null = null
  let locking = false

  function clear() {
    if (timer) clearTimeout(timer)
    timer = null
  }

  async function check() {
    clear()
    const idleMs = options.idleMs()
    if (locking || !options.active() || idleMs <= 0) {
      secondsLeft.value = 0
      if (!locking) since = null
      return
    }
    const at = now()
    since ??= at
    const phase = idlePhase(options.lastSeen() ?? since, at, idleMs, countdownMs)
    if (phase.kind === 'active') {
      secondsLeft.value = 0
      timer = setTimeout(check, phase.msLeft)
    } else if (phase.kind === 'countdown') {
      secondsLeft.value = countdownSeconds(phase.msLeft)
      // The next whole second of the countdown.
      timer = setTimeout(check, phase.msLeft % 1000 || 1000)
    } else {
      secondsLeft.value = 0
      locking = true
      try {
        await options.lock()
      } finally {
        locking = false
        since = null
        void check()
      }
    }
  }

  const onVisible = () => {
    if (doc?.visibilityState === 'visible') void check()
  }
  watch([options.active, options.idleMs], () => void check(), { immediate: true })
  // Only the countdown needs the input at once; otherwise the timer reads the time when due.
  const offInput = options.onInput(() => {
    if (secondsLeft.value > 0) void check()
  })
  doc?.addEventListener('visibilitychange', onVisible)

  onScopeDispose(() => {
    clear()
    offInput()
    doc?.removeEventListener('visibilitychange', onVisible)
  })

  return { secondsLeft: readonly(secondsLeft) }
}
