// The one activity tracker: the last successful call to BioStar ("Last activity" on the
// Diagnostics screen) and the operator's last key or touch (the idle lock), kept over a reload
// of the tab with at most one storage write per ACTIVITY_WRITE_MS, forgotten on sign-out.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { ClientEvent } from '@/api/client.ts'
import { ApiError } from '@/api/errors.ts'
import { useSessionStore } from '@/stores/session.ts'
import {
  ACTIVITY_STORAGE_KEY,
  ACTIVITY_WRITE_MS,
  INPUT_STORAGE_KEY,
  lastActivity,
  lastSeen,
  noteInput,
  onInput,
  resetActivity,
  trackActivity,
} from '@/diagnostics/activity.ts'

const listeners = new Set<(event: ClientEvent) => void>()
vi.mock('@/api/client.ts', () => ({
  onClientEvent: (listener: (event: ClientEvent) => void) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
  setSessionId: () => undefined,
  setSessionExpiredHandler: () => undefined,
}))
vi.mock('@/api/auth.ts', () => ({ login: vi.fn(), logout: vi.fn(async () => undefined) }))

const emit = (event: ClientEvent) => listeners.forEach((l) => l(event))
const stored = (key: string) => sessionStorage.getItem(key)

beforeEach(() => {
  resetActivity()
  sessionStorage.clear()
  setActivePinia(createPinia())
  vi.useFakeTimers({ now: 1_000_000 })
})

afterEach(() => {
  resetActivity()
  vi.useRealTimers()
})

describe('trackActivity', () => {
  it('notes each successful call, not retries or failures, and keeps it for a reload', () => {
    trackActivity()
    trackActivity() // a second start changes nothing
    expect(listeners.size).toBe(1)
    emit({ type: 'ok', path: '/users/1' })
    expect(lastActivity.value).toBe(1_000_000)
    expect(stored(ACTIVITY_STORAGE_KEY)).toBe('1000000')
    vi.advanceTimersByTime(4_000)
    const error = new ApiError({ kind: 'unreachable' })
    emit({ type: 'retry', path: '/users/1', attempt: 1, maxTries: 3, error })
    emit({ type: 'failed', path: '/users/1', error })
    expect(lastActivity.value).toBe(1_000_000)
    emit({ type: 'ok', path: '/users/2' })
    expect(lastActivity.value).toBe(1_004_000)
    // Written once the throttle allows, not at every call.
    expect(stored(ACTIVITY_STORAGE_KEY)).toBe('1000000')
    vi.advanceTimersByTime(ACTIVITY_WRITE_MS - 4_000)
    expect(stored(ACTIVITY_STORAGE_KEY)).toBe('1004000')
  })

  it('notes keys, touches and the wheel (not a passing mouse), with throttled writes', () => {
    const target = new EventTarget() as unknown as Window
    trackActivity(Date.now, target)
    const heard = vi.fn()
    onInput(heard)
    expect(lastSeen()).toBeNull()

    target.dispatchEvent(new Event('keydown'))
    expect(lastSeen()).toBe(1_000_000)
    expect(stored(INPUT_STORAGE_KEY)).toBe('1000000')
    expect(heard).toHaveBeenCalledTimes(1)

    // A burst of keys and touches: no write until the throttle allows one, with the newest time.
    for (let i = 0; i < 50; i++) {
      vi.advanceTimersByTime(100)
      target.dispatchEvent(new Event(i % 2 ? 'pointerdown' : 'wheel'))
      expect(stored(INPUT_STORAGE_KEY)).toBe('1000000')
    }
    target.dispatchEvent(new Event('pointermove'))
    expect(heard).toHaveBeenCalledTimes(51)
    expect(lastSeen()).toBe(1_005_000)
    vi.advanceTimersByTime(ACTIVITY_WRITE_MS - 5_000)
    expect(stored(INPUT_STORAGE_KEY)).toBe('1005000')

    // The page going away (a reload, a closed tab) writes the exact time at once.
    vi.advanceTimersByTime(1_000)
    target.dispatchEvent(new Event('keydown'))
    expect(stored(INPUT_STORAGE_KEY)).toBe('1005000')
    target.dispatchEvent(new Event('pagehide'))
    expect(stored(INPUT_STORAGE_KEY)).toBe('1011000')
  })

  it('takes the later of the last key or touch and the last answer from BioStar', () => {
    trackActivity()
    noteInput()
    vi.advanceTimersByTime(60_000)
    emit({ type: 'ok', path: '/users' }) // a batch upload going on
    expect(lastSeen()).toBe(1_060_000)
    vi.advanceTimersByTime(60_000)
    noteInput()
    expect(lastSeen()).toBe(1_120_000)
  })

  it('forgets both on sign-out', async () => {
    trackActivity()
    emit({ type: 'ok', path: '/login' })
    noteInput()
    expect(lastActivity.value).toBe(1_000_000)
    await useSessionStore().signOut()
    expect(lastActivity.value).toBeNull()
    expect(lastSeen()).toBeNull()
    expect(stored(ACTIVITY_STORAGE_KEY)).toBeNull()
    expect(stored(INPUT_STORAGE_KEY)).toBeNull()
    // Nothing written back later by a throttled write.
    vi.advanceTimersByTime(ACTIVITY_WRITE_MS)
    expect(stored(INPUT_STORAGE_KEY)).toBeNull()
  })
})
