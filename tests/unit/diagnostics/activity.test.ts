// "Last activity" on the Diagnostics screen: the time of the last successful call to BioStar,
// kept over a reload of the tab, forgotten on sign-out.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { ClientEvent } from '@/api/client.ts'
import { ApiError } from '@/api/errors.ts'
import { useSessionStore } from '@/stores/session.ts'
import {
  ACTIVITY_STORAGE_KEY,
  lastActivity,
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

beforeEach(() => {
  resetActivity()
  sessionStorage.clear()
  setActivePinia(createPinia())
})

describe('trackActivity', () => {
  it('notes each successful call, not retries or failures, and keeps it for a reload', () => {
    let clock = 1_000
    trackActivity(() => clock)
    trackActivity(() => clock) // a second start changes nothing
    expect(listeners.size).toBe(1)
    emit({ type: 'ok', path: '/users/1' })
    expect(lastActivity.value).toBe(1_000)
    clock = 5_000
    const error = new ApiError({ kind: 'unreachable' })
    emit({ type: 'retry', path: '/users/1', attempt: 1, maxTries: 3, error })
    emit({ type: 'failed', path: '/users/1', error })
    expect(lastActivity.value).toBe(1_000)
    emit({ type: 'ok', path: '/users/2' })
    expect(sessionStorage.getItem(ACTIVITY_STORAGE_KEY)).toBe('5000')
  })

  it('forgets it on sign-out', async () => {
    trackActivity(() => 42)
    emit({ type: 'ok', path: '/login' })
    expect(lastActivity.value).toBe(42)
    await useSessionStore().signOut()
    expect(lastActivity.value).toBeNull()
    expect(sessionStorage.getItem(ACTIVITY_STORAGE_KEY)).toBeNull()
  })
})
