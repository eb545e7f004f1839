// Session hygiene: a password check or a new sign-in after "Session expired" logs the session
// it replaces out, and a tab restored after the idle time is not signed in (its session is
// logged out instead).
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useSessionStore } from '@/stores/session.ts'
import type { Operator } from '@/api/types.ts'

const auth = vi.hoisted(() => ({
  login: vi.fn(),
  logout: vi.fn<(opts?: { sessionId?: string }) => Promise<undefined>>(async () => undefined),
}))
vi.mock('@/api/auth.ts', () => auth)

const admin = { loginId: 'admin', name: 'Administrator' } as Operator
const MIN = 60_000
let next = 0

beforeEach(() => {
  setActivePinia(createPinia())
  auth.login.mockReset()
  auth.logout.mockClear()
  auth.login.mockImplementation(async () => ({ sessionId: `s${++next}`, operator: admin }))
})

const saved = () => JSON.parse(sessionStorage.getItem('photo-desk:session') ?? 'null')

describe('confirmPassword', () => {
  it('carries on with the new session and logs out the one it replaces', async () => {
    const session = useSessionStore()
    await session.signIn('admin', 'pw')
    const first = session.sessionId
    await session.confirmPassword('pw')
    expect(auth.login).toHaveBeenLastCalledWith('admin', 'pw')
    expect(session.sessionId).not.toBe(first)
    expect(saved().sessionId).toBe(session.sessionId)
    expect(auth.logout).toHaveBeenCalledTimes(1)
    expect(auth.logout).toHaveBeenCalledWith({ sessionId: first })
  })

  it('keeps the session, and ends nothing, when the password is wrong', async () => {
    const session = useSessionStore()
    await session.signIn('admin', 'pw')
    const first = session.sessionId
    auth.login.mockRejectedValueOnce(new Error('credentials'))
    await expect(session.confirmPassword('nope')).rejects.toThrow('credentials')
    expect(session.sessionId).toBe(first)
    expect(auth.logout).not.toHaveBeenCalled()
  })
})

describe('reauthenticate', () => {
  it('resends the waiting calls and logs out the old session, in case BioStar still has it', async () => {
    const session = useSessionStore()
    await session.signIn('admin', 'pw')
    const old = session.sessionId
    const waiting = session.waitForReauth()
    expect(session.expired).toBe(true)
    await session.reauthenticate('pw')
    await expect(waiting).resolves.toBe(true)
    expect(session.expired).toBe(false)
    expect(session.sessionId).not.toBe(old)
    expect(auth.logout).toHaveBeenCalledWith({ sessionId: old })
  })

  it('does not hold the waiting calls back while the old session is logged out', async () => {
    const session = useSessionStore()
    await session.signIn('admin', 'pw')
    let endOld: () => void = () => undefined
    auth.logout.mockImplementationOnce(
      () => new Promise((resolve) => (endOld = () => resolve(undefined))),
    )
    const waiting = session.waitForReauth()
    const done = session.reauthenticate('pw')
    await expect(waiting).resolves.toBe(true)
    endOld()
    await done
  })
})

describe('restore', () => {
  async function leaveSavedSession() {
    await useSessionStore().signIn('admin', 'pw')
    const id = saved().sessionId as string
    setActivePinia(createPinia()) // the reload
    auth.logout.mockClear()
    return id
  }

  it('picks up the tab’s session when its last activity is within the idle time', async () => {
    const id = await leaveSavedSession()
    const session = useSessionStore()
    const now = 100 * MIN
    expect(session.restore({ idleMs: 15 * MIN, lastSeen: now - 14 * MIN, now })).toBe(true)
    expect(session.sessionId).toBe(id)
    expect(auth.logout).not.toHaveBeenCalled()
  })

  it('starts signed out, and logs the old session out, when the tab was idle too long', async () => {
    const id = await leaveSavedSession()
    const session = useSessionStore()
    const now = 100 * MIN
    expect(session.restore({ idleMs: 15 * MIN, lastSeen: now - 15 * MIN, now })).toBe(false)
    expect(session.signedIn).toBe(false)
    expect(saved()).toBeNull()
    expect(auth.logout).toHaveBeenCalledWith({ sessionId: id })
  })

  it('treats a tab with no known activity as too old, unless the idle lock is off', async () => {
    await leaveSavedSession()
    expect(useSessionStore().restore({ idleMs: 15 * MIN, lastSeen: null })).toBe(false)

    await leaveSavedSession()
    expect(useSessionStore().restore({ idleMs: 0, lastSeen: null })).toBe(true)
  })
})
