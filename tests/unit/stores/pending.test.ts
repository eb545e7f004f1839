// Offline saves belong to the operator who made them: only that operator's session ever sends
// them. Another operator's saves, and saves stored before owners were recorded, stay on the device
// (never sent, never dropped by themselves) until their owner signs in or someone discards them.
// happy-dom has no IndexedDB: the store gets a Map through setPendingDeps.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { ApiError, type ApiErrorInit } from '@/api/errors.ts'
import type { Operator } from '@/api/types.ts'
import { createAppI18n } from '@/i18n/index.ts'
import { useSessionStore } from '@/stores/session.ts'
import { useSessionLogStore } from '@/stores/session-log.ts'
import {
  FLUSH_INTERVAL_MS,
  isRefusal,
  otherOwners,
  ownSaves,
  ownerId,
  readSave,
  saveKey,
  setPendingDeps,
  usePendingStore,
  type PendingOwner,
  type PendingSave,
  type PendingStorage,
} from '@/stores/pending.ts'
import PendingCount from '@/components/PendingCount.vue'

vi.mock('@/api/auth.ts', () => ({ login: vi.fn(), logout: vi.fn(async () => undefined) }))

enableAutoUnmount(afterEach)

const SERVER = 'https://desk.example/api'
const operator = (loginId: string, name: string): Operator => ({
  userId: loginId,
  loginId,
  name,
  permissionName: 'User Operator',
  canWriteUsers: true,
})
const ADMIN = operator('admin', 'Administrator')
const CLERK = operator('clerk', 'Kim Clerk')
const owner = (op: Operator, server = SERVER): PendingOwner => ({
  loginId: op.loginId,
  server,
  name: op.name,
})

function save(userId: string, who: PendingOwner | null, createdAt = 1): PendingSave {
  const s: PendingSave = {
    userId,
    name: `Person ${userId}`,
    base64: `jpeg-${userId}`,
    bytes: 9,
    createdAt,
  }
  if (who) s.owner = who
  return s
}

/** The queue as IndexedDB would hold it, in a Map (copies in, copies out). */
function memoryStorage(data = new Map<string, unknown>()) {
  const storage: PendingStorage & { data: Map<string, unknown> } = {
    data,
    mayHaveSaves: async () => data.size > 0,
    entries: async () => [...data].map(([k, v]) => [k, structuredClone(v)]),
    set: async (key, value) => void data.set(key, structuredClone(value)),
    del: async (key) => void data.delete(key),
    dropIfEmpty: vi.fn(async () => undefined),
  }
  return storage
}

let storage: ReturnType<typeof memoryStorage>
let sent: Array<{ userId: string; photo: string; session: string | null }>
let updatePhoto: ReturnType<typeof vi.fn>

/** A new page of the app (the tab was closed and opened again), signed in as `who`. */
function openApp(who: Operator | null) {
  setActivePinia(createPinia())
  const session = useSessionStore()
  if (who) {
    session.sessionId = `sid-${who.loginId}`
    session.operator = who
  }
  return { session, pending: usePendingStore() }
}

function signInAs(session: ReturnType<typeof useSessionStore>, who: Operator) {
  session.sessionId = `sid-${who.loginId}`
  session.operator = who
}

beforeEach(() => {
  sessionStorage.clear()
  storage = memoryStorage()
  sent = []
  updatePhoto = vi.fn(async (userId: string, photo: string) => {
    sent.push({ userId, photo, session: useSessionStore().sessionId })
  })
  setPendingDeps({
    createStorage: () => storage,
    updatePhoto: updatePhoto as never,
    server: () => SERVER,
  })
})

afterEach(() => setPendingDeps(null))

function seed(...saves: Array<[string, PendingSave]>) {
  for (const [key, value] of saves) storage.data.set(key, value)
}
const mine = (userId: string, at = 1) =>
  [saveKey(owner(ADMIN), userId), save(userId, owner(ADMIN), at)] as [string, PendingSave]
const clerks = (userId: string, at = 1) =>
  [saveKey(owner(CLERK), userId), save(userId, owner(CLERK), at)] as [string, PendingSave]
/** Stored by the version before owners: keyed by the user id, no owner. */
const oldFormat = (userId: string, at = 1) =>
  [userId, save(userId, null, at)] as [string, PendingSave]

describe('who owns a save (pure)', () => {
  const items = [
    { ...save('10', owner(ADMIN), 1), key: 'a' },
    { ...save('11', owner(CLERK), 2), key: 'b' },
    { ...save('12', null, 3), key: 'c' },
    { ...save('13', owner(ADMIN, 'https://other.example/api'), 4), key: 'd' },
    { ...save('14', owner(CLERK), 5), key: 'e' },
  ]

  it("selects the signed-in operator's saves on this server only", () => {
    expect(ownSaves(items, owner(ADMIN)).map((i) => i.userId)).toEqual(['10'])
    expect(ownSaves(items, owner(CLERK)).map((i) => i.userId)).toEqual(['11', '14'])
    expect(ownSaves(items, null)).toEqual([])
  })

  it('groups everyone else by owner, saves without one in their own group', () => {
    expect(otherOwners(items, owner(ADMIN))).toEqual([
      { id: ownerId(owner(CLERK)), owner: owner(CLERK), count: 2 },
      { id: '', owner: null, count: 1 },
      {
        id: ownerId(owner(ADMIN, 'https://other.example/api')),
        owner: owner(ADMIN, 'https://other.example/api'),
        count: 1,
      },
    ])
  })

  it('reads an old record as ownerless, and a damaged owner as none', () => {
    expect(readSave('12', save('12', null))?.owner).toBeUndefined()
    expect(readSave('12', { ...save('12', null), owner: { name: 'x' } })?.owner).toBeUndefined()
    expect(readSave('k', save('12', owner(CLERK)))?.owner).toEqual(owner(CLERK))
    expect(readSave('k', { userId: '1' })).toBeNull()
  })

  it('reads a refusal as plain data, and a damaged one as refused all the same', () => {
    const refused = { kind: 'rejected', status: 400, code: '65675', serverMessage: 'Bad photo.' }
    expect(readSave('k', { ...save('12', owner(ADMIN)), refused })?.refused).toEqual(refused)
    expect(readSave('k', { ...save('12', owner(ADMIN)), refused: true })?.refused).toEqual({
      kind: 'other',
      message: '',
    })
    expect(readSave('k', save('12', owner(ADMIN)))?.refused).toBeUndefined()
  })

  it('tells a refusal from a send that only has to wait', () => {
    for (const kind of ['not-found', 'permission', 'rejected', 'bad-response'] as const)
      expect(isRefusal(new ApiError({ kind, status: 400 })), kind).toBe(true)
    for (const kind of ['offline', 'unreachable', 'timeout', 'session', 'aborted'] as const)
      expect(isRefusal(new ApiError({ kind })), kind).toBe(false)
    expect(isRefusal(new ApiError({ kind: 'server', status: 503 }))).toBe(false)
    expect(isRefusal(new ApiError({ kind: 'server', status: 500 }))).toBe(true)
  })

  it('keys saves by owner and user, so one operator never replaces another', () => {
    expect(saveKey(owner(ADMIN), '10')).not.toBe(saveKey(owner(CLERK), '10'))
    expect(saveKey(null, '10')).toBe('10')
  })
})

describe('the pending store', () => {
  it("sends the signed-in operator's own saves and removes them", async () => {
    seed(mine('10', 1), mine('11', 2))
    const { pending } = openApp(ADMIN)
    await pending.start()
    await vi.waitFor(() => expect(storage.data.size).toBe(0))
    expect(sent).toEqual([
      { userId: '10', photo: 'jpeg-10', session: 'sid-admin' },
      { userId: '11', photo: 'jpeg-11', session: 'sid-admin' },
    ])
    expect(pending.count).toBe(0)
    expect(useSessionLogStore().entries.map((e) => [e.action, e.result, e.userId])).toEqual([
      ['resend', 'ok', '10'],
      ['resend', 'ok', '11'],
    ])
  })

  it("keeps another operator's saves, unsent, and names them", async () => {
    seed(clerks('10'), clerks('11'))
    const { pending } = openApp(ADMIN)
    await pending.start()
    expect(await pending.flush()).toBe(0)
    await flushPromises()
    expect(updatePhoto).not.toHaveBeenCalled()
    expect(storage.data.size).toBe(2)
    expect(pending.count).toBe(0)
    expect(pending.others).toEqual([{ id: ownerId(owner(CLERK)), owner: owner(CLERK), count: 2 }])
  })

  it('keeps saves stored without an owner, unsent', async () => {
    seed(oldFormat('10'), mine('11'))
    const { pending } = openApp(ADMIN)
    await pending.start()
    await vi.waitFor(() => expect(storage.data.has(saveKey(owner(ADMIN), '11'))).toBe(false))
    expect(sent.map((s) => s.userId)).toEqual(['11'])
    expect([...storage.data.keys()]).toEqual(['10'])
    expect(pending.others).toEqual([{ id: '', owner: null, count: 1 }])
  })

  it('sends nothing while nobody is signed in', async () => {
    seed(mine('10'), oldFormat('11'))
    const { pending } = openApp(null)
    await pending.start()
    expect(await pending.flush()).toBe(0)
    expect(updatePhoto).not.toHaveBeenCalled()
    expect(storage.data.size).toBe(2)
  })

  it('discards the chosen group only, and logs each photo', async () => {
    updatePhoto.mockRejectedValue(new ApiError({ kind: 'offline' }))
    seed(mine('9'), clerks('10'), clerks('11'), oldFormat('12'))
    const { pending } = openApp(ADMIN)
    await pending.start()
    await flushPromises()

    expect(await pending.discard(ownerId(owner(CLERK)))).toBe(2)
    expect([...storage.data.keys()].sort()).toEqual(['12', saveKey(owner(ADMIN), '9')].sort())
    expect(pending.others).toEqual([{ id: '', owner: null, count: 1 }])
    expect(pending.count).toBe(1)
    const logged = useSessionLogStore().entries.filter((e) => e.action === 'discard')
    expect(logged.map((e) => [e.userId, e.result, e.operator, e.message])).toEqual([
      ['10', 'ok', 'admin', 'clerk'],
      ['11', 'ok', 'admin', 'clerk'],
    ])

    expect(await pending.discard('')).toBe(1)
    expect([...storage.data.keys()]).toEqual([saveKey(owner(ADMIN), '9')])
    // Own saves are not "another operator's": discarding never reaches them.
    expect(await pending.discard(ownerId(owner(ADMIN)))).toBe(0)
    expect(storage.data.size).toBe(1)
  })

  it("stores a new save next to another operator's save for the same user", async () => {
    updatePhoto.mockRejectedValue(new ApiError({ kind: 'offline' }))
    seed(clerks('10'))
    const { pending } = openApp(ADMIN)
    await pending.start()
    await pending.add({ userId: '10', name: 'Person 10', base64: 'admin-jpeg', bytes: 5 })
    expect(storage.data.size).toBe(2)
    expect((storage.data.get(saveKey(owner(ADMIN), '10')) as PendingSave).owner).toEqual(
      owner(ADMIN),
    )
    expect(pending.count).toBe(1)
  })

  it("on sign-out wipes the operator's own saves and keeps everyone else's", async () => {
    updatePhoto.mockRejectedValue(new ApiError({ kind: 'offline' }))
    seed(mine('9'), clerks('10'), oldFormat('11'))
    const { session, pending } = openApp(ADMIN)
    await pending.start()
    await session.signOut()
    expect([...storage.data.keys()].sort()).toEqual(['11', saveKey(owner(CLERK), '10')].sort())
    expect(storage.dropIfEmpty).not.toHaveBeenCalled()
  })

  it('sends the waiting saves once their own operator signs in, in the same tab', async () => {
    seed(clerks('10'))
    const { session, pending } = openApp(ADMIN)
    await pending.start()
    await session.signOut()
    signInAs(session, CLERK)
    await vi.waitFor(() => expect(storage.data.size).toBe(0))
    expect(sent).toEqual([{ userId: '10', photo: 'jpeg-10', session: 'sid-clerk' }])
  })

  it('cancels a send under way when its operator signs out', async () => {
    const signals: AbortSignal[] = []
    updatePhoto.mockImplementation(
      (_id: string, _photo: string, opts: { signal: AbortSignal }) =>
        new Promise((_resolve, reject) => {
          signals.push(opts.signal)
          opts.signal.addEventListener('abort', () => reject(new ApiError({ kind: 'aborted' })))
        }),
    )
    seed(mine('10', 1), mine('11', 2))
    const { session, pending } = openApp(ADMIN)
    await pending.start()
    await vi.waitFor(() => expect(signals).toHaveLength(1))
    await session.signOut()
    signInAs(session, CLERK)
    await flushPromises()
    expect(signals[0]?.aborted).toBe(true)
    // Nothing else went out, under either session.
    expect(updatePhoto).toHaveBeenCalledTimes(1)
  })
  /** updatePhoto that waits until the test lets it answer (or refuse). */
  function heldSend() {
    let answer: (error?: ApiError) => void = () => {}
    updatePhoto.mockImplementation(
      (userId: string, photo: string) =>
        new Promise<void>((resolve, reject) => {
          answer = (error) => {
            if (error) return reject(error)
            sent.push({ userId, photo, session: useSessionStore().sessionId })
            resolve()
          }
        }),
    )
    return { answer: (error?: ApiError) => answer(error) }
  }
  const newer = { userId: '60', name: 'Person 60', base64: 'jpeg-60-newer', bytes: 9 }

  it('keeps a newer photo of the user saved while the older one was being sent', async () => {
    const held = heldSend()
    seed(mine('60', 1))
    const { pending } = openApp(ADMIN)
    await pending.start()
    await vi.waitFor(() => expect(updatePhoto).toHaveBeenCalledTimes(1))
    // The network dropped again: the desk queues a newer photo of the same person.
    await pending.add(newer)
    held.answer()
    await flushPromises()
    expect(sent.map((s) => s.photo)).toEqual(['jpeg-60'])
    expect(pending.count).toBe(1)
    expect([...storage.data.values()].map((v) => (v as PendingSave).base64)).toEqual([
      'jpeg-60-newer',
    ])
  })

  it('does not mark the newer photo refused when BioStar refuses the older one', async () => {
    const held = heldSend()
    seed(mine('61', 1))
    const { pending } = openApp(ADMIN)
    await pending.start()
    await vi.waitFor(() => expect(updatePhoto).toHaveBeenCalledTimes(1))
    await pending.add({ ...newer, userId: '61', base64: 'jpeg-61-newer' })
    held.answer(new ApiError({ kind: 'permission', status: 403, code: '20' }))
    await flushPromises()
    expect(pending.count).toBe(1)
    const stored = [...storage.data.values()] as PendingSave[]
    expect(stored.map((v) => [v.base64, v.refused ?? null])).toEqual([['jpeg-61-newer', null]])
  })
})

describe('a save BioStar refuses for good', () => {
  // User ids of their own: stores of earlier tests still listen for "online" on this window.
  const NOT_FOUND: ApiErrorInit = {
    kind: 'not-found',
    status: 400,
    code: '201',
    serverMessage: 'User not found.',
  }
  const refuse = (...ids: string[]) =>
    updatePhoto.mockImplementation(async (userId: string, photo: string) => {
      if (ids.includes(userId)) throw new ApiError(NOT_FOUND)
      sent.push({ userId, photo, session: useSessionStore().sessionId })
    })
  const callsFor = (userId: string) => updatePhoto.mock.calls.filter(([id]) => id === userId).length
  /** The log's resend lines of these tests' users (earlier tests' stores resend theirs). */
  const resends = () =>
    useSessionLogStore()
      .entries.filter((e) => e.action === 'resend' && Number(e.userId) >= 70)
      .map((e) => [e.userId, e.result])

  afterEach(() => vi.useRealTimers())

  it('is marked with the reason, logged once, and not sent again, even after a reload', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    refuse('70')
    seed(mine('70', 1), mine('71', 2))
    const { pending } = openApp(ADMIN)
    await pending.start()
    await vi.waitFor(() => expect(sent.map((s) => s.userId)).toEqual(['71']))
    await flushPromises()

    expect(pending.count).toBe(0)
    expect(pending.refused.map((s) => [s.userId, s.refused])).toEqual([['70', NOT_FOUND]])
    // The mark is stored with the save, as plain data.
    expect(storage.data.get(saveKey(owner(ADMIN), '70'))).toMatchObject({ refused: NOT_FOUND })

    // Neither the timer nor the network coming back sends it again.
    window.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS * 4)
    expect(await pending.flush()).toBe(0)
    await flushPromises()
    expect(callsFor('70')).toBe(1)
    expect(resends()).toEqual([
      ['70', 'failed'],
      ['71', 'ok'],
    ])

    // A new page of the app reads the mark and does not send it either.
    const again = openApp(ADMIN).pending
    await again.start()
    expect(await again.flush()).toBe(0)
    await flushPromises()
    expect(callsFor('70')).toBe(1)
    expect(again.count).toBe(0)
    expect(again.refused.map((s) => [s.userId, s.refused])).toEqual([['70', NOT_FOUND]])
  })

  it('leaves a save that met a network failure waiting, and sends it later', async () => {
    updatePhoto.mockRejectedValueOnce(new ApiError({ kind: 'unreachable' }))
    seed(mine('72'))
    const { pending } = openApp(ADMIN)
    await pending.start()
    await vi.waitFor(() => expect(callsFor('72')).toBe(1))
    await flushPromises()
    expect(pending.count).toBe(1)
    expect(pending.refused).toEqual([])
    expect((storage.data.get(saveKey(owner(ADMIN), '72')) as PendingSave).refused).toBeUndefined()
    expect(resends()).toEqual([])

    expect(await pending.flush()).toBe(1)
    expect(storage.data.size).toBe(0)
    expect(resends()).toEqual([['72', 'ok']])
  })

  it('is sent once on "try again", and marked again if BioStar still refuses it', async () => {
    refuse('73')
    seed(mine('73'))
    const { pending } = openApp(ADMIN)
    await pending.start()
    await vi.waitFor(() => expect(pending.refused).toHaveLength(1))
    const key = saveKey(owner(ADMIN), '73')

    await pending.tryAgain(key)
    expect(callsFor('73')).toBe(2)
    expect(pending.refused.map((s) => s.userId)).toEqual(['73'])
    expect(storage.data.get(key)).toMatchObject({ refused: NOT_FOUND })

    refuse()
    await pending.tryAgain(key)
    await flushPromises()
    expect(callsFor('73')).toBe(3)
    expect(sent.map((s) => s.userId)).toEqual(['73'])
    expect(storage.data.size).toBe(0)
    expect(pending.refused).toEqual([])
    // One line per refusal, not one per flush.
    expect(resends()).toEqual([
      ['73', 'failed'],
      ['73', 'failed'],
      ['73', 'ok'],
    ])
  })

  it('is discarded on its own, unsent, and the discard is logged', async () => {
    refuse('74')
    seed(mine('74', 1), clerks('74', 2))
    const { pending } = openApp(ADMIN)
    await pending.start()
    await vi.waitFor(() => expect(pending.refused).toHaveLength(1))
    updatePhoto.mockRejectedValue(new ApiError({ kind: 'offline' }))
    await pending.add({ userId: '75', name: 'Person 75', base64: 'jpeg-75', bytes: 9 })
    await flushPromises()

    // A save that waits is not "refused": this never reaches it.
    expect(await pending.discardRefused(saveKey(owner(ADMIN), '75'))).toBe(false)
    expect(await pending.discardRefused(saveKey(owner(ADMIN), '74'))).toBe(true)
    expect([...storage.data.keys()].sort()).toEqual(
      [saveKey(owner(ADMIN), '75'), saveKey(owner(CLERK), '74')].sort(),
    )
    expect(pending.refused).toEqual([])
    expect(pending.count).toBe(1)
    const logged = useSessionLogStore().entries.filter((e) => e.action === 'discard-refused')
    expect(logged.map((e) => [e.userId, e.result, e.operator, e.error])).toEqual([
      ['74', 'ok', 'admin', NOT_FOUND],
    ])
    expect(callsFor('74')).toBe(1)
  })
})

describe('the banner line', () => {
  function mountBanner() {
    const pinia = createPinia()
    setActivePinia(pinia)
    const session = useSessionStore()
    signInAs(session, ADMIN)
    const i18n = createAppI18n('en')
    return mount(PendingCount, { global: { plugins: [pinia, i18n] }, attachTo: document.body })
  }

  it('names the other operator and discards their photos only after a confirmation', async () => {
    seed(clerks('10'), clerks('11'), oldFormat('12'))
    const wrapper = mountBanner()
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="pending-other"]')).toHaveLength(2))
    const [clerkLine, oldLine] = wrapper.findAll('[data-test="pending-other"]')
    expect(clerkLine?.text()).toContain(
      '2 photos saved offline by Kim Clerk (clerk) wait until they sign in here',
    )
    expect(oldLine?.text()).toContain('1 photo saved offline by an unknown operator')
    expect(wrapper.find('[data-test="pending-count"]').exists()).toBe(false)

    await clerkLine?.get('[data-test="pending-discard"]').trigger('click')
    await flushPromises()
    const dialog = document.body.querySelector('dialog')!
    expect(dialog.textContent).toContain('Discard 2 photos saved offline?')
    // "Keep" changes nothing.
    const buttons = () => [...dialog.querySelectorAll('button')]
    buttons()
      .find((b) => b.textContent?.trim() === 'Keep')!
      .click()
    await flushPromises()
    expect(storage.data.size).toBe(3)

    await clerkLine?.get('[data-test="pending-discard"]').trigger('click')
    await flushPromises()
    buttons()
      .find((b) => b.textContent?.trim() === 'Discard')!
      .click()
    await flushPromises()
    expect([...storage.data.keys()]).toEqual(['12'])
    expect(wrapper.findAll('[data-test="pending-other"]')).toHaveLength(1)
    expect(updatePhoto).not.toHaveBeenCalled()
  })
  it('says whose photo BioStar refused and why, with "try again" and a confirmed discard', async () => {
    const refusal: ApiErrorInit = { kind: 'permission', status: 403, code: '20' }
    seed(
      [saveKey(owner(ADMIN), '76'), { ...save('76', owner(ADMIN), 1), refused: refusal }],
      [saveKey(owner(ADMIN), '77'), { ...save('77', owner(ADMIN), 2), refused: refusal }],
    )
    const wrapper = mountBanner()
    const lines = () => wrapper.findAll('[data-test="pending-refused"]')
    await vi.waitFor(() => expect(lines()).toHaveLength(2))
    expect(lines()[0]?.text()).toContain(
      'BioStar refused the photo of Person 76 (ID 76) saved offline. Your BioStar operator level does not allow this.',
    )
    expect(wrapper.find('[data-test="pending-count"]').exists()).toBe(false)
    expect(updatePhoto).not.toHaveBeenCalled()

    // Each button is named by its action and described by the line it belongs to.
    const line = lines()[0]!
    const buttons = line.findAll('button')
    expect(buttons.map((b) => b.text())).toEqual(['Try again', 'Discard…'])
    for (const button of buttons) {
      const described = document.getElementById(button.attributes('aria-describedby') ?? '')
      expect(described?.textContent).toContain('Person 76 (ID 76)')
    }

    await line.get('[data-test="pending-discard"]').trigger('click')
    await flushPromises()
    const dialog = document.body.querySelector('dialog')!
    expect(dialog.textContent).toContain('Discard the photo of Person 76?')
    expect(dialog.textContent).toContain('The photo of Person 76 (ID 76) that BioStar refused')
    ;[...dialog.querySelectorAll('button')]
      .find((b) => b.textContent?.trim() === 'Discard')!
      .click()
    await flushPromises()
    expect([...storage.data.keys()]).toEqual([saveKey(owner(ADMIN), '77')])
    expect(lines()).toHaveLength(1)
    expect(useSessionLogStore().entries.map((e) => [e.action, e.userId])).toEqual([
      ['discard-refused', '76'],
    ])

    await lines()[0]!.get('[data-test="pending-try-again"]').trigger('click')
    await flushPromises()
    expect(sent.map((s) => s.userId)).toEqual(['77'])
    expect(storage.data.size).toBe(0)
    expect(lines()).toHaveLength(0)
    expect(updatePhoto).toHaveBeenCalledTimes(1)
  })
})
