// The one write path on its own: fakes for the API and the clock's retry delays, a Map for
// IndexedDB. What BioStar "received" is the list of sends the fake API answered.
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '@/api/errors.ts'
import { memoryStore } from '@/storage/idb.ts'
import {
  PhotoWrites,
  type SendRequest,
  type WriteLogEntry,
  type PhotoWritesDeps,
} from '@/writes/photo-writes.ts'
import type { WriteOwner, WriteRequest, WriteStatus } from '@/writes/types.ts'

const SERVER = 'http://127.0.0.1/api'
const ADMIN: WriteOwner = { loginId: 'admin', server: SERVER, name: 'Administrator' }
const CLERK: WriteOwner = { loginId: 'clerk', server: SERVER, name: 'Second clerk' }

interface Call {
  request: SendRequest
  signal: AbortSignal
  resolve(value?: unknown): void
  reject(error: unknown): void
}

/** An API whose every call waits until the test answers it. */
function fakeApi() {
  const calls: Call[] = []
  /** What BioStar ended with, per user: the photo of the last call answered with success. */
  const stored = new Map<string, string>()
  const send = (request: SendRequest, signal: AbortSignal) =>
    new Promise<unknown>((resolve, reject) => {
      const call: Call = {
        request,
        signal,
        resolve: (value) => {
          stored.set(request.userId, request.photo)
          resolve(value)
        },
        reject,
      }
      calls.push(call)
      signal.addEventListener('abort', () => reject(new ApiError({ kind: 'aborted' })))
    })
  return { calls, stored, send }
}

const busy = () => new ApiError({ kind: 'server', status: 503, code: '503' })
const badPhoto = () =>
  new ApiError({ kind: 'rejected', status: 400, code: '65675', serverMessage: 'bad photo' })

let engines: PhotoWrites[] = []
afterEach(() => {
  for (const e of engines) e.dispose()
  engines = []
})

function setup(overrides: Partial<PhotoWritesDeps> = {}) {
  const api = fakeApi()
  const storage = memoryStore()
  const log: WriteLogEntry[] = []
  let signedIn: WriteOwner | null = ADMIN
  const encoded: string[] = []
  const deps: PhotoWritesDeps = {
    storage,
    send: api.send,
    toBase64: async (blob) => {
      const text = await blob.text()
      encoded.push(text)
      return `b64:${text}`
    },
    signedIn: () => signedIn,
    log: (entry) => log.push(entry),
    retryDelayMs: () => 20,
    ...overrides,
  }
  const writes = new PhotoWrites(deps)
  engines.push(writes)
  return {
    api,
    storage,
    log,
    encoded,
    writes,
    deps,
    signIn: (who: WriteOwner | null) => {
      signedIn = who
      writes.kick()
    },
  }
}

const jpeg = (text: string) => new Blob([text], { type: 'image/jpeg' })

function save(userId: string, text: string, extra: Partial<WriteRequest> = {}): WriteRequest {
  return {
    userId,
    name: `User ${userId}`,
    kind: 'save',
    photo: { blob: jpeg(text) },
    bytes: text.length,
    owner: ADMIN,
    durable: true,
    ...extra,
  }
}

/** Waits (a bounded number of turns) until `check` holds. */
async function until(check: () => boolean, what = 'condition', ms = 2000) {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 2))
  }
}

const stateOf = (writes: PhotoWrites, id: string) => writes.status(id)?.state
const states = (list: WriteStatus[]) => list.map((s) => `${s.userId}:${s.state}`)

describe('one write, start to end', () => {
  it('stores the photo, made base64 only when sent, and logs it under its operator', async () => {
    const t = setup()
    const handle = t.writes.submit(save('12', 'photo-a', { checks: ['face pass'] }))
    await until(() => t.api.calls.length === 1, 'the PUT')
    expect(t.api.calls[0]!.request).toEqual({ kind: 'save', userId: '12', photo: 'b64:photo-a' })
    expect(t.encoded).toEqual(['photo-a'])
    // On disk while it is on its way.
    expect(t.storage.data.size).toBe(1)
    t.api.calls[0]!.resolve()
    expect(await handle.done).toEqual({ state: 'stored' })
    await t.writes.flushed()
    expect(t.storage.data.size).toBe(0)
    expect(t.log).toEqual([
      {
        operator: 'admin',
        userId: '12',
        name: 'User 12',
        action: 'save',
        result: 'ok',
        bytes: 7,
        checks: ['face pass'],
      },
    ])
  })

  it('removes with an empty photo and puts back an old base64 photo as it was', async () => {
    const t = setup()
    const removed = t.writes.submit({ ...save('5', ''), kind: 'remove', photo: null })
    await until(() => t.api.calls.length === 1)
    t.api.calls[0]!.resolve()
    await removed.done
    const undone = t.writes.submit({ ...save('5', ''), kind: 'undo', photo: { base64: 'OLD' } })
    await until(() => t.api.calls.length === 2)
    t.api.calls[1]!.resolve()
    await undone.done
    expect(t.api.calls.map((c) => c.request)).toEqual([
      { kind: 'remove', userId: '5', photo: '' },
      { kind: 'undo', userId: '5', photo: 'OLD' },
    ])
    expect(t.encoded).toEqual([])
    expect(t.log.map((l) => `${l.action} ${l.result}`)).toEqual(['remove ok', 'undo ok'])
  })
})

describe('one user at a time, in the order made', () => {
  it('never overlaps two writes of one user; other users go at once', async () => {
    const t = setup()
    const first = t.writes.submit(save('7', 'one'))
    await until(() => t.api.calls.length === 1)
    const second = t.writes.submit(save('7', 'two'))
    t.writes.submit(save('8', 'other'))
    await until(() => t.api.calls.length === 2, 'user 8')
    expect(t.api.calls.map((c) => c.request.userId)).toEqual(['7', '8'])
    expect(stateOf(t.writes, second.id)).toBe('queued')
    t.api.calls[0]!.resolve()
    await first.done
    await until(() => t.api.calls.length === 3, 'the second write of user 7')
    expect(t.api.calls[2]!.request.photo).toBe('b64:two')
    t.api.calls[2]!.resolve()
    expect(await second.done).toEqual({ state: 'stored' })
    expect(t.api.stored.get('7')).toBe('b64:two')
  })

  it('a newer photo stored supersedes the older one still waiting: it is never sent again', async () => {
    // Defect 1: offline save, first resend refused with 503, newer save stored, then the retry.
    const t = setup()
    const old = t.writes.submit(save('12', 'old'))
    await until(() => t.api.calls.length === 1)
    t.api.calls[0]!.reject(busy())
    await until(() => stateOf(t.writes, old.id) === 'waiting', 'waiting')
    const fresh = t.writes.submit(save('12', 'new'))
    await until(() => t.api.calls.length === 2, 'the newer save')
    expect(t.api.calls[1]!.request.photo).toBe('b64:new')
    t.api.calls[1]!.resolve()
    await fresh.done
    expect(await old.done).toEqual({ state: 'superseded' })
    // Well past the retry delay: the old photo never goes out again.
    await new Promise((r) => setTimeout(r, 80))
    expect(t.api.calls).toHaveLength(2)
    expect(t.api.stored.get('12')).toBe('b64:new')
    await t.writes.flushed()
    expect(t.storage.data.size).toBe(0)
    expect(t.log.map((l) => `${l.action} ${l.result}`)).toEqual([
      'save pending',
      'save ok',
      'resend superseded',
    ])
  })

  it('sends only the newest of several waiting writes of a user', async () => {
    const t = setup()
    const a = t.writes.submit(save('3', 'a'))
    await until(() => t.api.calls.length === 1)
    const b = t.writes.submit(save('3', 'b'))
    const c = t.writes.submit(save('3', 'c'))
    t.api.calls[0]!.reject(busy())
    await until(() => t.api.calls.length === 2, 'the newest')
    expect(t.api.calls[1]!.request.photo).toBe('b64:c')
    t.api.calls[1]!.resolve()
    await c.done
    expect((await a.done).state).toBe('superseded')
    expect((await b.done).state).toBe('superseded')
    expect(t.api.stored.get('3')).toBe('b64:c')
  })

  it('"Try again" on a refused write after a newer photo was stored sends nothing old', async () => {
    const t = setup()
    const refused = t.writes.submit(save('9', 'old'))
    await until(() => t.api.calls.length === 1)
    t.api.calls[0]!.reject(badPhoto())
    expect((await refused.done).state).toBe('refused')
    const newer = t.writes.submit({ ...save('9', ''), kind: 'remove', photo: null })
    await until(() => t.api.calls.length === 2)
    t.api.calls[1]!.resolve()
    await newer.done
    expect(stateOf(t.writes, refused.id)).toBe('superseded')
    expect(t.writes.retry(refused.id)).toBe(false)
    await new Promise((r) => setTimeout(r, 40))
    expect(t.api.calls).toHaveLength(2)
  })

  it('keeps the order across a reload: the same records, a new page, only the newest goes', async () => {
    const first = setup()
    // Both written while the network was down: each failed once, both wait on disk.
    first.writes.submit(save('21', 'older'))
    await until(() => first.api.calls.length === 1)
    first.api.calls[0]!.reject(new ApiError({ kind: 'offline' }))
    await until(() => first.writes.statuses()[0]?.state === 'waiting')
    first.writes.submit(save('21', 'newer'))
    await until(() => first.api.calls.length === 2)
    first.api.calls[1]!.reject(new ApiError({ kind: 'offline' }))
    await until(() => first.writes.statuses()[1]?.state === 'waiting')
    await first.writes.flushed()
    first.writes.dispose()
    expect(first.storage.data.size).toBe(2)

    const second = setup({ storage: first.storage })
    await second.writes.start()
    await until(() => second.api.calls.length === 1, 'the resend')
    expect(second.api.calls[0]!.request.photo).toBe('b64:newer')
    second.api.calls[0]!.resolve()
    await until(() => states(second.writes.statuses()).join() === '21:superseded,21:stored')
    await second.writes.flushed()
    expect(first.storage.data.size).toBe(0)
    expect(second.log.map((l) => `${l.action} ${l.result}`)).toEqual([
      'resend ok',
      'resend superseded',
    ])
  })

  it('reads the saves an older version left (one per user, base64) as waiting saves', async () => {
    const storage = memoryStore()
    await storage.set(JSON.stringify([SERVER, 'admin', '14']), {
      userId: '14',
      name: 'Kim',
      base64: 'LEGACY',
      bytes: 9000,
      createdAt: 1_000,
      owner: ADMIN,
    })
    await storage.set('15', { userId: '15', name: '', base64: 'NOBODY', createdAt: 2_000 })
    const t = setup({ storage })
    await t.writes.start()
    await until(() => t.api.calls.length === 1)
    expect(t.api.calls[0]!.request).toEqual({ kind: 'save', userId: '14', photo: 'LEGACY' })
    // Saved without an owner: nobody's to send.
    expect(t.writes.statuses().find((s) => s.userId === '15')).toMatchObject({
      state: 'queued',
      owner: null,
    })
  })
})

describe('waiting, refused, discarded', () => {
  it('tries a waiting write again by itself until BioStar has it', async () => {
    const t = setup()
    const handle = t.writes.submit(save('4', 'x'))
    for (let i = 1; i <= 3; i++) {
      await until(() => t.api.calls.length === i, `attempt ${i}`)
      t.api.calls[i - 1]!.reject(busy())
    }
    await until(() => t.api.calls.length === 4, 'attempt 4')
    t.api.calls[3]!.resolve()
    expect((await handle.done).state).toBe('stored')
    expect(t.writes.status(handle.id)?.attempts).toBe(4)
    // One "pending" line, then the resend: not one line per attempt.
    expect(t.log.map((l) => `${l.action} ${l.result}`)).toEqual(['save pending', 'resend ok'])
  })

  it('marks a refused write on disk, never resends it by itself, and sends it on Try again', async () => {
    const t = setup()
    const handle = t.writes.submit(save('6', 'y'))
    await until(() => t.api.calls.length === 1)
    t.api.calls[0]!.reject(badPhoto())
    expect((await handle.done).state).toBe('refused')
    await t.writes.flushed()
    const [record] = [...t.storage.data.values()] as Array<{ refused?: unknown }>
    expect(record?.refused).toMatchObject({ kind: 'rejected', code: '65675' })
    t.writes.kick()
    await new Promise((r) => setTimeout(r, 60))
    expect(t.api.calls).toHaveLength(1)
    expect(t.writes.retry(handle.id)).toBe(true)
    await until(() => t.api.calls.length === 2)
    t.api.calls[1]!.resolve()
    await until(() => stateOf(t.writes, handle.id) === 'stored')
  })

  it("sends a write only under its own operator; another's is discarded on purpose", async () => {
    const t = setup()
    t.signIn(CLERK)
    const theirs = t.writes.submit(save('30', 'theirs', { owner: ADMIN }))
    await new Promise((r) => setTimeout(r, 30))
    expect(t.api.calls).toHaveLength(0)
    expect(t.writes.discard(theirs.id)).toBe(true)
    expect((await theirs.done).state).toBe('discarded')
    expect(t.log).toMatchObject([{ operator: 'admin', action: 'discard', result: 'ok' }])
  })

  it("an operator's stored photo supersedes another operator's older one left waiting", async () => {
    const t = setup()
    t.signIn(CLERK)
    const left = t.writes.submit(save('31', 'left', { owner: ADMIN }))
    const mine = t.writes.submit(save('31', 'mine', { owner: CLERK }))
    await until(() => t.api.calls.length === 1)
    t.api.calls[0]!.resolve()
    await mine.done
    expect((await left.done).state).toBe('superseded')
    // Recorded under the operator who made it, not under the one signed in.
    expect(t.log.find((l) => l.result === 'superseded')?.operator).toBe('admin')
  })
})

describe('sign-out', () => {
  it('lets a write on its way finish, recorded under its own operator', async () => {
    const t = setup()
    const handle = t.writes.submit(save('40', 'slow'))
    await until(() => t.api.calls.length === 1)
    const finishing = t.writes.finishFor(ADMIN, 2000)
    setTimeout(() => t.api.calls[0]!.resolve(), 30)
    await finishing
    expect((await handle.done).state).toBe('stored')
    expect(t.log).toMatchObject([{ operator: 'admin', userId: '40', result: 'ok' }])
  })

  it('aborts what is still on its way at the deadline, and drops what could not go', async () => {
    const t = setup()
    const slow = t.writes.submit(save('41', 'slow'))
    const waiting = t.writes.submit(save('42', 'busy'))
    await until(() => t.api.calls.length === 2)
    t.api.calls[1]!.reject(busy())
    await until(() => stateOf(t.writes, waiting.id) === 'waiting')
    await t.writes.finishFor(ADMIN, 100)
    // The waiting one was tried once more; neither answered in time.
    expect(t.api.calls.filter((c) => c.request.userId === '42')).toHaveLength(2)
    expect((await slow.done).state).toBe('aborted')
    await t.writes.abandon(ADMIN)
    expect((await waiting.done).state).toBe('aborted')
    await t.writes.flushed()
    expect(t.storage.data.size).toBe(0)
    expect(t.log.filter((l) => l.result === 'aborted').map((l) => l.operator)).toEqual([
      'admin',
      'admin',
    ])
  })
})

describe('writes that are not durable', () => {
  it('get one attempt, are never on disk, and can be cancelled before they go', async () => {
    const t = setup()
    const cancel = new AbortController()
    const blocker = t.writes.submit(save('50', 'desk'))
    await until(() => t.api.calls.length === 1)
    const batch = t.writes.submit(
      save('50', 'file', {
        kind: 'batch',
        durable: false,
        signal: cancel.signal,
        message: 'a.jpg',
      }),
    )
    const other = t.writes.submit(save('51', 'file2', { kind: 'batch', durable: false }))
    await until(() => t.api.calls.length === 2)
    t.api.calls[1]!.reject(busy())
    expect((await other.done).state).toBe('failed')
    cancel.abort()
    expect((await batch.done).state).toBe('aborted')
    t.api.calls[0]!.resolve()
    await blocker.done
    await t.writes.flushed()
    expect(t.api.calls).toHaveLength(2)
    expect(t.log.map((l) => `${l.action} ${l.result}`)).toEqual([
      'batch failed',
      'batch aborted',
      'save ok',
    ])
  })

  it('sends a Visual Face after the photo of the same user, and gives back its answer', async () => {
    const t = setup()
    const photo = t.writes.submit(save('60', 'profile'))
    const visual = t.writes.submit(
      save('60', 'big', { kind: 'visual-face', durable: false, photo: { base64: 'BIG' } }),
    )
    await until(() => t.api.calls.length === 1)
    expect(t.api.calls[0]!.request.kind).toBe('save')
    t.api.calls[0]!.resolve()
    await until(() => t.api.calls.length === 2)
    t.api.calls[1]!.resolve({ image: 'NORMALISED' })
    expect(await visual.done).toEqual({ state: 'stored', result: { image: 'NORMALISED' } })
    // A Visual Face is not a photo: nothing superseded, no log line of its own.
    expect((await photo.done).state).toBe('stored')
    expect(t.log).toHaveLength(1)
  })
})

/** Web Locks as two tabs of one browser share them: one holder per name, the others queue. */
function sharedLocks() {
  const tails = new Map<string, Promise<unknown>>()
  return <T>(userId: string, fn: () => Promise<T>): Promise<T> => {
    const before = tails.get(userId) ?? Promise.resolve()
    const run = before.then(fn, fn)
    tails.set(
      userId,
      run.catch(() => undefined),
    )
    return run
  }
}

describe('two tabs of one browser', () => {
  /** Two pages on one IndexedDB, one BioStar, one set of Web Locks; a kept save of user 7. */
  async function twoTabs() {
    const api = fakeApi()
    const storage = memoryStore()
    const lockUser = sharedLocks()
    const kept = setup({ storage, send: api.send, lockUser })
    const handle = kept.writes.submit(save('7', 'OLD'))
    await until(() => api.calls.length === 1)
    api.calls[0]!.reject(busy())
    await until(() => stateOf(kept.writes, handle.id) === 'waiting')
    await kept.writes.flushed()
    return { api, storage, lockUser, kept }
  }

  it('sends a kept photo once, whichever tab tries it first', async () => {
    const { api, storage, lockUser } = await twoTabs()
    const other = setup({ storage, send: api.send, lockUser })
    await other.writes.start()
    // The other tab finds it on disk and sends it; the first tab's retry comes while it is on
    // its way, waits for the user's lock, then finds the record gone.
    await until(() => api.calls.length === 2)
    await new Promise((r) => setTimeout(r, 60))
    expect(api.calls).toHaveLength(2)
    api.calls[1]!.resolve()
    await until(() => other.writes.statuses().every((s) => s.state === 'stored'))
    await new Promise((r) => setTimeout(r, 60))
    expect(api.calls.map((c) => c.request.photo)).toEqual(['b64:OLD', 'b64:OLD'])
    expect(api.stored.get('7')).toBe('b64:OLD')
    expect(storage.data.size).toBe(0)
  })

  it('never sends a kept photo after another tab stored a newer one of the same user', async () => {
    const { api, storage, lockUser, kept } = await twoTabs()
    // A tab opened before that save was kept (it never loaded it) stores a newer photo.
    const other = setup({ storage, send: api.send, lockUser })
    const newer = other.writes.submit(save('7', 'NEW', { durable: false }))
    await until(() => api.calls.length === 2)
    expect(api.calls[1]!.request.photo).toBe('b64:NEW')
    api.calls[1]!.resolve()
    expect((await newer.done).state).toBe('stored')
    // The first tab's retries come and go: the older photo is never sent again.
    await new Promise((r) => setTimeout(r, 120))
    expect(api.calls.map((c) => c.request.photo)).toEqual(['b64:OLD', 'b64:NEW'])
    expect(api.stored.get('7')).toBe('b64:NEW')
    expect(states(kept.writes.statuses())).toEqual(['7:superseded'])
    // Logged once, by the tab that replaced it, under the operator who made it.
    expect([...kept.log, ...other.log].map((l) => `${l.operator} ${l.action} ${l.result}`)).toEqual(
      ['admin save pending', 'admin save ok', 'admin resend superseded'],
    )
    expect(storage.data.size).toBe(0)
  })
})
