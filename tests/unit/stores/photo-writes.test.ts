// The write path as the app runs it: the real store over a real IndexedDB (fake-indexeddb), the
// API faked at its verbs. Writes belong to the operator who made them: only that operator's
// session ever sends them; another operator's, and those stored before owners were recorded,
// stay on the device until their owner signs in or someone discards them.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ApiError } from '@/api/errors.ts'
import type { Operator } from '@/api/types.ts'
import { deleteDatabase } from '@/storage/idb.ts'
import { useSessionStore } from '@/stores/session.ts'
import { useSessionLogStore } from '@/stores/session-log.ts'
import { usePhotoWritesStore } from '@/stores/photo-writes.ts'
import { WRITES_DB } from '@/writes/records.ts'
import { ownerId } from '@/writes/owners.ts'
import { ADMIN, CLERK, ownerFor, storedWrite, writesDisk } from '../../helpers/writes.ts'

const api = vi.hoisted(() => ({
  sent: [] as Array<{ userId: string; photo: string; session: string | null }>,
  answer: null as null | ((userId: string) => Promise<void>),
}))
vi.mock('@/api/auth.ts', () => ({ login: vi.fn(), logout: vi.fn(async () => undefined) }))
vi.mock('@/api/users.ts', () => ({
  updatePhoto: vi.fn(async (userId: string, photo: string) => {
    api.sent.push({ userId, photo, session: useSessionStore().sessionId })
    await api.answer?.(userId)
  }),
  removePhoto: vi.fn(async (userId: string) => {
    api.sent.push({ userId, photo: '', session: useSessionStore().sessionId })
    await api.answer?.(userId)
  }),
}))

async function seed(...records: Array<[string, unknown]>) {
  await writesDisk().setMany(records)
}

/** A new page of the app, signed in as `who` (or nobody). */
function openApp(who: Operator | null) {
  setActivePinia(createPinia())
  const session = useSessionStore()
  if (who) signInAs(session, who)
  return { session, writes: usePhotoWritesStore(), log: useSessionLogStore() }
}

function signInAs(session: ReturnType<typeof useSessionStore>, who: Operator) {
  session.sessionId = `sid-${who.loginId}`
  session.operator = who
}

const keys = async () => (await writesDisk().entries()).map(([k]) => k).sort()
const settled = () => new Promise((r) => setTimeout(r, 20))

beforeEach(async () => {
  sessionStorage.clear()
  api.sent.length = 0
  api.answer = null
  await deleteDatabase(WRITES_DB)
})
afterEach(() => vi.useRealTimers())

describe('the write path store', () => {
  it("sends the signed-in operator's own waiting photos, under their session, and forgets them", async () => {
    await seed(['a', storedWrite('5', ADMIN, 1)], ['b', storedWrite('6', ADMIN, 2)])
    const { writes, log } = openApp(ADMIN)
    await writes.start()
    await vi.waitFor(() => expect(api.sent).toHaveLength(2))
    expect(api.sent).toEqual([
      { userId: '5', photo: 'jpeg-5', session: 'sid-admin' },
      { userId: '6', photo: 'jpeg-6', session: 'sid-admin' },
    ])
    await vi.waitFor(async () => expect(await keys()).toEqual([]))
    expect(log.entries.map((e) => [e.action, e.result, e.operator])).toEqual([
      ['resend', 'ok', 'admin'],
      ['resend', 'ok', 'admin'],
    ])
    expect(writes.count).toBe(0)
  })

  it("keeps another operator's photos and those without an owner, unsent, and names them", async () => {
    await seed(
      ['a', storedWrite('10', CLERK, 1)],
      ['b', storedWrite('11', CLERK, 2)],
      ['c', storedWrite('12', null, 3)],
    )
    const { writes } = openApp(ADMIN)
    await writes.start()
    await settled()
    expect(api.sent).toEqual([])
    expect(writes.others).toEqual([
      { id: ownerId(ownerFor(CLERK)), owner: ownerFor(CLERK), count: 2 },
      { id: '', owner: null, count: 1 },
    ])
    expect(await keys()).toEqual(['a', 'b', 'c'])
  })

  it('sends nothing while nobody is signed in, then the photos of whoever signs in', async () => {
    await seed(['a', storedWrite('20', ADMIN, 1)], ['b', storedWrite('21', CLERK, 2)])
    const { session, writes } = openApp(null)
    await writes.start()
    await settled()
    expect(api.sent).toEqual([])
    signInAs(session, CLERK)
    await vi.waitFor(() =>
      expect(api.sent).toEqual([{ userId: '21', photo: 'jpeg-21', session: 'sid-clerk' }]),
    )
    expect(await keys()).toEqual(['a'])
  })

  it('discards the chosen group only, and logs each photo under its own operator', async () => {
    await seed(
      ['a', storedWrite('30', CLERK, 1)],
      ['b', storedWrite('31', CLERK, 2)],
      ['c', storedWrite('32', null, 3)],
    )
    const { writes, log } = openApp(ADMIN)
    await writes.start()
    expect(writes.discardGroup(ownerId(ownerFor(CLERK)))).toBe(2)
    await writes.flushed()
    expect(await keys()).toEqual(['c'])
    expect(log.entries.map((e) => [e.action, e.userId, e.operator])).toEqual([
      ['discard', '30', 'clerk'],
      ['discard', '31', 'clerk'],
    ])
  })

  it("on sign-out finishes the photo on its way, drops the operator's others, keeps everyone else's", async () => {
    await seed([
      'mine',
      storedWrite('40', ADMIN, 1, { refused: { kind: 'permission', status: 403 } }),
    ])
    await seed(['theirs', storedWrite('41', CLERK, 2)])
    const { session, writes, log } = openApp(ADMIN)
    await writes.start()
    let finish: () => void = () => {}
    api.answer = () => new Promise<void>((resolve) => (finish = resolve))
    writes.submit({
      userId: '42',
      name: 'Slow',
      kind: 'save',
      photo: { base64: 'NEW' },
      owner: ownerFor(ADMIN),
      durable: true,
    })
    await vi.waitFor(() => expect(api.sent.map((s) => s.userId)).toEqual(['42']))
    const recorded: string[] = []
    // What the log holds just before sign-out wipes it: the answer, under its operator.
    session.beforeSignOut(
      () => void recorded.push(...log.entries.map((e) => `${e.operator} ${e.userId} ${e.result}`)),
    )
    const out = session.signOut()
    setTimeout(() => finish(), 30)
    await out
    expect(recorded).toEqual(['admin 42 ok', 'admin 40 aborted'])
    // The next operator's log starts empty: nothing of the first lands in it.
    expect(log.entries).toEqual([])
    await writes.flushed()
    expect(await keys()).toEqual(['theirs'])
  })

  it('marks a refused photo on disk, logs it once, and does not send it again after a reload', async () => {
    api.answer = async () => {
      throw new ApiError({ kind: 'rejected', status: 400, code: '65675', serverMessage: 'bad' })
    }
    const first = openApp(ADMIN)
    const handle = first.writes.submit({
      userId: '50',
      name: 'Refused',
      kind: 'save',
      photo: { base64: 'BAD' },
      owner: ownerFor(ADMIN),
      durable: true,
    })
    expect((await handle.done).state).toBe('refused')
    await first.writes.flushed()
    expect(first.log.entries.map((e) => `${e.action} ${e.result}`)).toEqual(['save failed'])

    const second = openApp(ADMIN)
    await second.writes.start()
    await settled()
    expect(api.sent).toHaveLength(1)
    expect(second.writes.refused.map((s) => s.userId)).toEqual(['50'])
    expect(second.writes.refused[0]?.error).toMatchObject({ code: '65675' })
  })
})
