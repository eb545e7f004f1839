// The idle lock in time: the countdown starts after the idle time, ticks each second, ends at
// once on a key or touch, signs out when it runs out, and a tab waking from sleep signs out.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { useIdleLock, type UseIdleLockOptions } from '@/composables/useIdleLock.ts'

const MIN = 60_000

function setup(overrides: Partial<UseIdleLockOptions> = {}) {
  const last = ref<number | null>(Date.now())
  const signedIn = ref(true)
  const idleMs = ref(15 * MIN)
  const inputs = new Set<() => void>()
  const doc = new EventTarget() as EventTarget & { visibilityState: string }
  doc.visibilityState = 'visible'
  const lock = vi.fn(async () => {
    signedIn.value = false
  })
  const scope = effectScope()
  const lockState = scope.run(() =>
    useIdleLock({
      idleMs: () => idleMs.value,
      active: () => signedIn.value,
      lastSeen: () => last.value,
      onInput: (listener) => {
        inputs.add(listener)
        return () => inputs.delete(listener)
      },
      lock,
      document: doc as unknown as Document,
      ...overrides,
    }),
  )!
  /** The operator presses a key now. */
  const input = () => {
    last.value = Date.now()
    inputs.forEach((l) => l())
  }
  return { ...lockState, last, signedIn, idleMs, lock, input, doc, scope, inputs }
}

beforeEach(() => {
  vi.useFakeTimers({ now: 10 * MIN })
})

afterEach(() => {
  vi.useRealTimers()
})

describe('useIdleLock', () => {
  it('counts down for a minute after the idle time, then signs out once', async () => {
    const { secondsLeft, lock } = setup()
    vi.advanceTimersByTime(15 * MIN - 1)
    expect(secondsLeft.value).toBe(0)
    vi.advanceTimersByTime(1)
    expect(secondsLeft.value).toBe(60)
    vi.advanceTimersByTime(1_000)
    expect(secondsLeft.value).toBe(59)
    vi.advanceTimersByTime(58_000)
    expect(secondsLeft.value).toBe(1)
    expect(lock).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1_000)
    await nextTick()
    expect(lock).toHaveBeenCalledTimes(1)
    expect(secondsLeft.value).toBe(0)
    // Signed out: nothing runs any more.
    vi.advanceTimersByTime(60 * MIN)
    expect(lock).toHaveBeenCalledTimes(1)
  })

  it('ends the countdown at once on a key or touch, and starts over from it', () => {
    const { secondsLeft, lock, input } = setup()
    vi.advanceTimersByTime(15 * MIN + 30_000)
    expect(secondsLeft.value).toBe(30)
    input()
    expect(secondsLeft.value).toBe(0)
    vi.advanceTimersByTime(15 * MIN - 1)
    expect(secondsLeft.value).toBe(0)
    vi.advanceTimersByTime(1)
    expect(secondsLeft.value).toBe(60)
    expect(lock).not.toHaveBeenCalled()
  })

  it('counts from the latest activity, not from when it started watching', () => {
    const { secondsLeft, last } = setup()
    vi.advanceTimersByTime(10 * MIN)
    last.value = Date.now() // e.g. a batch upload answered
    vi.advanceTimersByTime(5 * MIN) // the first deadline: not idle long enough any more
    expect(secondsLeft.value).toBe(0)
    vi.advanceTimersByTime(10 * MIN)
    expect(secondsLeft.value).toBe(60)
  })

  it('is off at 0 minutes and when signed out, and follows a change of the setting', async () => {
    const { secondsLeft, idleMs, signedIn, lock } = setup()
    idleMs.value = 0
    await nextTick()
    vi.advanceTimersByTime(120 * MIN)
    expect(secondsLeft.value).toBe(0)
    idleMs.value = 1 * MIN
    await nextTick()
    // Long idle already: straight to signing out.
    expect(lock).toHaveBeenCalledTimes(1)
    expect(signedIn.value).toBe(false)
  })

  it('signs out at once when a tab wakes after the countdown would have ended', async () => {
    // Timers of a sleeping tab do not run: the clock jumps while nothing fires.
    const { secondsLeft, lock, doc } = setup()
    vi.setSystemTime(Date.now() + 3 * 60 * MIN)
    doc.dispatchEvent(new Event('visibilitychange'))
    await nextTick()
    expect(secondsLeft.value).toBe(0)
    expect(lock).toHaveBeenCalledTimes(1)
  })

  it('stops its timer and listeners with its scope', () => {
    const { scope, inputs, lock } = setup()
    scope.stop()
    expect(inputs.size).toBe(0)
    vi.advanceTimersByTime(60 * MIN)
    expect(lock).not.toHaveBeenCalled()
  })
})
