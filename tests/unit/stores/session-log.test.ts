// The session log store: what a record holds, the cap, the sessionStorage round trip (a reload
// keeps the log, another sign-in does not see it), the wipe on sign-out, and a full storage.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ApiError } from '@/api/errors.ts'
import type { Operator } from '@/api/types.ts'
import { useSessionStore } from '@/stores/session.ts'
import {
  LOG_STORAGE_KEY,
  LOG_WRITE_DELAY_MS,
  MAX_LOG_ENTRIES,
  fingerprint,
  readLog,
  useSessionLogStore,
  writeLog,
  type LogEntry,
} from '@/stores/session-log.ts'

vi.mock('@/api/auth.ts', () => ({ login: vi.fn(), logout: vi.fn(async () => undefined) }))

const CLERK: Operator = {
  userId: '1',
  loginId: 'clerk',
  name: 'Kim Clerk',
  permissionName: 'Operator',
  canWriteUsers: true,
}
const SESSION_ID = 'f00dfeedcafe4242'

/** A fresh app (new Pinia) in the same tab: what a reload does (the old page gets "pagehide"). */
function reload(signedInAs: string | null = SESSION_ID) {
  window.dispatchEvent(new Event('pagehide'))
  setActivePinia(createPinia())
  const session = useSessionStore()
  if (signedInAs) {
    sessionStorage.setItem(
      'photo-desk:session',
      JSON.stringify({ sessionId: signedInAs, operator: CLERK }),
    )
    session.restore()
  }
  return { session, log: useSessionLogStore() }
}

const saved = (userId: string, bytes = 15_000) =>
  ({ action: 'save', result: 'ok', userId, name: `Person ${userId}`, bytes }) as const

beforeEach(() => {
  // The stores of earlier tests write what they hold now, then the tab starts clean.
  window.dispatchEvent(new Event('pagehide'))
  sessionStorage.clear()
  vi.useRealTimers()
})

describe('recording', () => {
  it('adds the time and the operator, and keeps the rest as given', () => {
    vi.useFakeTimers({ now: new Date('2025-03-07T05:05:09Z') })
    const { log } = reload()
    const entry = log.record({ ...saved('42'), checks: ['face centred', 'sharp'] })
    expect(entry).toEqual({
      action: 'save',
      result: 'ok',
      userId: '42',
      name: 'Person 42',
      bytes: 15_000,
      checks: ['face centred', 'sharp'],
      time: Date.parse('2025-03-07T05:05:09Z'),
      operator: 'clerk',
    })
    expect(log.entries).toEqual([entry])
  })

  it('keeps a failure as data: kind, status, code and message, never the thrown object', () => {
    const { log } = reload()
    log.record({
      action: 'save',
      result: 'failed',
      userId: '7',
      name: 'Lee',
      error: new ApiError({ kind: 'rejected', status: 400, code: '65675', serverMessage: 'bad' }),
    })
    log.record({
      action: 'undo',
      result: 'failed',
      userId: '7',
      name: 'Lee',
      error: new Error('x'),
    })
    log.record({ action: 'remove', result: 'failed', userId: '7', name: 'Lee', error: 'odd' })
    expect(log.entries.map((e) => e.error)).toEqual([
      { kind: 'rejected', status: 400, code: '65675', serverMessage: 'bad' },
      { kind: 'other', message: 'x' },
      { kind: 'other', message: 'odd' },
    ])
    expect(log.counts).toEqual({ ok: 0, failed: 3, pending: 0, superseded: 0, aborted: 0 })
  })

  it(`keeps the newest ${MAX_LOG_ENTRIES} entries and counts the ones let go`, () => {
    const { log } = reload()
    for (let i = 1; i <= MAX_LOG_ENTRIES + 25; i++) log.record(saved(String(i)))
    expect(log.entries).toHaveLength(MAX_LOG_ENTRIES)
    expect(log.entries[0]!.userId).toBe('26')
    expect(log.entries.at(-1)!.userId).toBe(String(MAX_LOG_ENTRIES + 25))
    expect(log.dropped).toBe(25)
    // The stored copy is capped too.
    log.flush()
    const stored = JSON.parse(sessionStorage.getItem(LOG_STORAGE_KEY)!)
    expect(stored.entries).toHaveLength(MAX_LOG_ENTRIES)
    expect(stored.dropped).toBe(25)
  })
})

describe('sessionStorage', () => {
  it('survives a reload of the tab, entries and order intact', () => {
    const first = reload().log
    first.record(saved('1'))
    first.record({ action: 'save', result: 'pending', userId: '2', name: 'Two', bytes: 9000 })
    first.record({ action: 'remove', result: 'ok', userId: '3', name: 'Three' })
    const before = JSON.parse(JSON.stringify(first.entries)) as LogEntry[]

    const { log } = reload()
    expect(log.entries).toEqual(before)
    expect(log.counts).toEqual({ ok: 2, failed: 0, pending: 1, superseded: 0, aborted: 0 })
  })

  it('writes shortly after a record, together with the records that follow', () => {
    vi.useFakeTimers()
    const { log } = reload()
    log.record(saved('1'))
    vi.advanceTimersByTime(LOG_WRITE_DELAY_MS - 1)
    log.record(saved('2'))
    expect(sessionStorage.getItem(LOG_STORAGE_KEY)).toBeNull()
    vi.advanceTimersByTime(1)
    expect(readLog(sessionStorage, fingerprint(SESSION_ID))?.entries).toHaveLength(2)
  })

  it('never stores the session id, only a fingerprint of it', () => {
    reload().log.record(saved('1'))
    reload()
    const raw = sessionStorage.getItem(LOG_STORAGE_KEY)!
    expect(raw).not.toContain(SESSION_ID)
    expect(JSON.parse(raw).owner).toBe(fingerprint(SESSION_ID))
    expect(fingerprint(SESSION_ID)).not.toBe(fingerprint(SESSION_ID + 'x'))
  })

  it('does not show another sign-in’s log (signed out while the log was not loaded)', () => {
    reload('session-a').log.record(saved('1'))
    const { log } = reload('session-b')
    expect(log.entries).toEqual([])
    expect(sessionStorage.getItem(LOG_STORAGE_KEY)).toBeNull()
  })

  it('follows a new session id after "Session expired" and a new sign-in', async () => {
    const { session, log } = reload('old-session')
    log.record(saved('1'))
    sessionStorage.setItem(
      'photo-desk:session',
      JSON.stringify({ sessionId: 'new-session', operator: CLERK }),
    )
    session.restore() // what reauthenticate() does: adopt the new id
    await Promise.resolve()
    const after = reload('new-session').log
    expect(after.entries.map((e) => e.userId)).toEqual(['1'])
  })

  it('ignores damaged or foreign data', () => {
    sessionStorage.setItem(LOG_STORAGE_KEY, '{not json')
    expect(readLog(sessionStorage, '')).toBeNull()
    sessionStorage.setItem(LOG_STORAGE_KEY, JSON.stringify({ v: 2, owner: '', entries: [] }))
    expect(readLog(sessionStorage, '')).toBeNull()
    sessionStorage.setItem(
      LOG_STORAGE_KEY,
      JSON.stringify({ v: 1, owner: '', dropped: 0, entries: [{ junk: true }, { time: 1 }] }),
    )
    expect(readLog(sessionStorage, '')?.entries).toEqual([])
  })

  it('lets the oldest entries go when the tab’s storage is full', () => {
    const entries = Array.from({ length: 8 }, (_, i) => ({
      time: i,
      operator: 'clerk',
      userId: String(i),
      name: '',
      action: 'save' as const,
      result: 'ok' as const,
    }))
    let room = 3 // entries that fit
    const storage = {
      setItem: vi.fn((_key: string, value: string) => {
        if (JSON.parse(value).entries.length > room)
          throw new DOMException('full', 'QuotaExceededError')
      }),
    } as unknown as Storage
    const kept = writeLog(storage, { v: 1, owner: '', dropped: 0, entries })
    expect(kept.entries.map((e) => e.userId)).toEqual(['5', '6', '7'])
    expect(kept.dropped).toBe(5)
    room = 0
    expect(writeLog(storage, { v: 1, owner: '', dropped: 0, entries }).entries).toEqual([])
  })
})

describe('sign-out', () => {
  it('wipes the log from memory and from sessionStorage', async () => {
    const { session, log } = reload()
    log.record(saved('1'))
    log.record(saved('2'))
    await session.signOut()
    expect(log.entries).toEqual([])
    expect(log.dropped).toBe(0)
    expect(sessionStorage.getItem(LOG_STORAGE_KEY)).toBeNull()

    // The next operator in this tab starts empty, also after a reload.
    expect(reload('next-session').log.entries).toEqual([])
  })
})
