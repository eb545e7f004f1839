// The app's API verbs against the simulator over real HTTP: what the app sends and how it
// reads BioStar's answers (string typing, envelopes, 401 code "10", 403 code "20").
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSimulator, DEMO_OPERATOR, DEMO_VIEWER, type Simulator } from '../../sim/index.ts'
import {
  clientConfig,
  onClientEvent,
  setSessionExpiredHandler,
  setSessionId,
  type ClientEvent,
} from '../../src/api/client.ts'
import { login, logout } from '../../src/api/auth.ts'
import { getUser, listUsers, removePhoto, searchUsers, updatePhoto } from '../../src/api/users.ts'
import { ApiError } from '../../src/api/errors.ts'
import { memoryStore } from '../../src/storage/idb.ts'
import { PhotoWrites } from '../../src/writes/photo-writes.ts'
import { tinyJpegBase64 } from '../helpers/tiny-jpeg.ts'

let sim: Simulator
let server: { url: string; close(): Promise<void> }

async function signIn(who: { loginId: string; password: string } = DEMO_OPERATOR) {
  const { sessionId } = await login(who.loginId, who.password)
  setSessionId(sessionId)
  return sessionId
}

/**
 * Waits for `check` on real I/O turns, for tests that fake setTimeout: the faked timers stand
 * still meanwhile (vi.waitFor and expect.poll would move them).
 */
async function until(check: () => boolean, what: string) {
  const end = performance.now() + 5_000
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

async function expectApiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

beforeAll(async () => {
  sim = createSimulator({ seed: 7, idleTimeoutMs: 60_000, recordBodies: true })
  server = await sim.listen({ port: 0 })
  clientConfig.baseURL = `${server.url}/api`
  clientConfig.retryBaseMs = 5
})

afterAll(async () => {
  setSessionExpiredHandler(null)
  await server.close()
  await sim.close()
})

beforeEach(() => {
  setSessionId(null)
  setSessionExpiredHandler(null)
})

describe('login and logout', () => {
  it('reads the session id from the bs-session-id header and the operator from the body', async () => {
    const result = await login(DEMO_OPERATOR.loginId, DEMO_OPERATOR.password)
    expect(result.sessionId).toMatch(/^\S{8,}$/)
    expect(result.operator.loginId).toBe(DEMO_OPERATOR.loginId)
    expect(result.operator.userId).toBe('1')
    expect(result.operator.canWriteUsers).toBe(true)
    const sent = sim.requests.filter((r) => r.path === '/api/login').at(-1)
    expect(sent?.body).toEqual({
      User: { login_id: DEMO_OPERATOR.loginId, password: DEMO_OPERATOR.password },
    })
  })

  it('reports a wrong password as credentials, without a session', async () => {
    const error = await expectApiError(login(DEMO_OPERATOR.loginId, 'wrong'))
    expect(error.kind).toBe('credentials')
    expect(error.status).toBe(400)
  })

  it('ends the session on logout: the next call is 401 code "10"', async () => {
    await signIn()
    await getUser('1')
    await logout()
    const error = await expectApiError(getUser('1'))
    expect(error.kind).toBe('session')
    expect(error.status).toBe(401)
    expect(error.code).toBe('10')
  })

  it('logs out a session left behind by its id, and leaves the current one alone', async () => {
    const left = await signIn()
    const current = await signIn()
    await logout({ sessionId: left })
    // The current session still works; the one left behind is gone.
    expect((await getUser('1')).userId).toBe('1')
    setSessionId(left)
    expect((await expectApiError(getUser('1'))).kind).toBe('session')
    setSessionId(current)
    await logout()
  })

  it('without the header every call is 401 code "10"', async () => {
    const error = await expectApiError(listUsers({ limit: 5, offset: 0 }))
    expect(error).toMatchObject({
      kind: 'session',
      status: 401,
      code: '10',
      serverMessage: 'Login required.',
    })
  })
})

describe('users', () => {
  beforeEach(async () => {
    await signIn()
  })

  it('pages through GET /api/users to total, turning strings into types', async () => {
    const first = await listUsers({ limit: 25, offset: 0 })
    expect(first.total).toBeGreaterThan(25)
    expect(first.rows).toHaveLength(25)
    const seen = new Set(first.rows.map((r) => r.userId))
    for (let offset = 25; offset < first.total && offset < 1000; offset += 25) {
      const page = await listUsers({ limit: 25, offset })
      for (const row of page.rows) seen.add(row.userId)
    }
    expect(seen.size).toBe(first.total)
    const row = first.rows[0]!
    expect(typeof row.hasPhoto).toBe('boolean')
    expect(typeof row.disabled).toBe('boolean')
    expect(row.group?.name).toBeTruthy()
  })

  it('finds users by id with the v2 search', async () => {
    const page = await searchUsers({ userIds: ['1', '2', '3'], limit: 50, offset: 0 })
    expect(page.total).toBe(3)
    expect(page.rows.map((r) => r.userId).sort()).toEqual(['1', '2', '3'])
  })

  it('sets a photo with a partial PUT and reads it back inline', async () => {
    const photo = tinyJpegBase64()
    await updatePhoto('2', photo)
    const put = sim.requests.filter((r) => r.method === 'PUT').at(-1)
    expect(put?.path).toBe('/api/users/2')
    expect(put?.body).toEqual({ User: { photo } })
    const user = await getUser('2')
    expect(user.photo).toBe(photo)
    expect(user.hasPhoto).toBe(true)
    expect(sim.getUser('2')?.name).toBe(user.name) // nothing else changed
  })

  it('puts back a photo BioStar sent in lines without them, as a strict server wants', async () => {
    const photo = tinyJpegBase64()
    // Another client stored it MIME-wrapped; the simulator refuses such base64 by default.
    sim.setPhoto('5', photo.replace(/.{16}/g, '$&\r\n'))
    const previous = await getUser('5')
    expect(previous.photo).toBe(photo)
    await updatePhoto('5', previous.photo!) // what Undo does
    const put = sim.requests.filter((r) => r.method === 'PUT').at(-1)
    expect(put).toMatchObject({ path: '/api/users/5', status: 200, body: { User: { photo } } })
  })

  it('removes a photo with photo ""', async () => {
    await updatePhoto('3', tinyJpegBase64())
    await removePhoto('3')
    const user = await getUser('3')
    expect(user.photo).toBeNull()
    expect(user.hasPhoto).toBe(false)
  })

  it('reports an unknown user as not-found', async () => {
    const error = await expectApiError(getUser('4294967000'))
    expect(error.kind).toBe('not-found')
    expect(error.code).toBe('201')
  })

  it("passes BioStar's refusal of a bad photo on with its code and message", async () => {
    const error = await expectApiError(updatePhoto('2', 'data:image/jpeg;base64,/9j/AAAA'))
    expect(error.kind).toBe('rejected')
    expect(error.code).not.toBe('0')
    expect(error.serverMessage).toBeTruthy()
  })

  it('gives a read-only operator a permission error on PUT (403, code "20")', async () => {
    await signIn(DEMO_VIEWER)
    const error = await expectApiError(updatePhoto('2', tinyJpegBase64()))
    expect(error).toMatchObject({ kind: 'permission', status: 403, code: '20' })
  })

  it('sends an alphanumeric id as it is, and never a path made of a bad one', async () => {
    await expectApiError(getUser('Emp_0042-b'))
    expect(sim.requests.at(-1)?.path).toBe('/api/users/Emp_0042-b')
    const count = sim.requests.length
    for (const id of ['a b/../login', '..', '.', '', '%2e%2e']) {
      const error = await expectApiError(getUser(id))
      expect(error).toMatchObject({ kind: 'invalid-id', serverMessage: id })
      await expectApiError(updatePhoto(id, tinyJpegBase64()))
      await expectApiError(removePhoto(id))
    }
    expect(sim.requests.length).toBe(count)
  })

  it('refuses a waiting photo whose user id came back damaged from IndexedDB, sending nothing', async () => {
    await signIn()
    const storage = memoryStore()
    const owner = { loginId: DEMO_OPERATOR.loginId, server: '', name: 'Administrator' }
    await storage.set('legacy', { userId: '../login', name: 'x', base64: tinyJpegBase64(), owner })
    const writes = new PhotoWrites({
      storage,
      send: (r, signal) => updatePhoto(r.userId, r.photo, { signal }),
      toBase64: async () => '',
      signedIn: () => owner,
      log: () => {},
    })
    const count = sim.requests.length
    await writes.start()
    await vi.waitFor(() => expect(writes.statuses()[0]?.state).toBe('refused'))
    expect(writes.statuses()[0]?.error).toMatchObject({ kind: 'invalid-id' })
    expect(sim.requests.length).toBe(count)
    writes.dispose()
  })
})

describe('session expiry', () => {
  it('waits for a new sign-in and sends the failed request again, once', async () => {
    await signIn()
    sim.expireSessions()
    let asked = 0
    setSessionExpiredHandler(async () => {
      asked++
      await signIn()
      return true
    })
    const before = sim.putCount('4')
    await updatePhoto('4', tinyJpegBase64())
    expect(asked).toBe(1)
    expect(sim.putCount('4')).toBe(before + 1)
  })

  it('asks once when calls in flight at the expiry come back after the new sign-in', async () => {
    await signIn()
    sim.expireSessions()
    // Answers spread over half a second: most 401s arrive after the operator signed in again.
    sim.faults.latencyMs = [0, 500]
    let asked = 0
    setSessionExpiredHandler(async () => {
      asked++
      await signIn()
      return true
    })
    try {
      const ids = ['1', '2', '3', '4', '5', '6', '7', '8']
      const users = await Promise.all(ids.map((id) => getUser(id)))
      expect(users.map((u) => u.userId)).toEqual(ids)
      expect(asked).toBe(1)
    } finally {
      sim.faults.latencyMs = [0, 0]
    }
  })

  it('never resends a call under the next operator, nor asks them for a password', async () => {
    const { sessionId } = await login(DEMO_OPERATOR.loginId, DEMO_OPERATOR.password)
    setSessionId(sessionId, DEMO_OPERATOR.loginId)
    sim.expireSessions()
    // The simulator holds the PUT for 300 ms of a faked clock (login has no latency): it answers
    // when the test moves the clock, after the viewer has signed in, however busy the machine.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    sim.faults.latencyMs = [300, 300]
    let asked = 0
    setSessionExpiredHandler(async () => {
      asked++
      return true
    })
    try {
      const before = sim.putCount('9')
      const arrived = sim.stats.requests
      const call = updatePhoto('9', tinyJpegBase64())
      await until(() => sim.stats.requests > arrived, 'the PUT at the simulator')
      // While the PUT is on its way, the clerk signs out and a viewer signs in at this desk.
      const next = await login(DEMO_VIEWER.loginId, DEMO_VIEWER.password)
      setSessionId(next.sessionId, DEMO_VIEWER.loginId)
      sim.faults.latencyMs = [0, 0] // only that PUT is held: a resend would answer at once
      vi.advanceTimersByTime(300)
      const error = await expectApiError(call)
      expect(error.kind).toBe('aborted')
      expect(asked).toBe(0)
      expect(sim.putCount('9')).toBe(before)
      const sentWithViewer = sim.requests.filter(
        (r) => r.method === 'PUT' && r.headers['bs-session-id'] === next.sessionId,
      )
      expect(sentWithViewer).toEqual([])
    } finally {
      sim.faults.latencyMs = [0, 0]
      vi.useRealTimers()
    }
  })

  it('does not try a call again once another operator has signed in', async () => {
    const { sessionId } = await login(DEMO_OPERATOR.loginId, DEMO_OPERATOR.password)
    setSessionId(sessionId, DEMO_OPERATOR.loginId)
    sim.failNext(1, 503)
    // The backoff before the next try runs on a faked clock: it ends when the test moves the
    // clock, after the viewer has signed in, however busy the machine.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const events: ClientEvent['type'][] = []
    const off = onClientEvent((event) => events.push(event.type))
    try {
      const count = sim.requests.length
      const gets = () => sim.requests.slice(count).filter((r) => r.method === 'GET')
      const call = getUser('1')
      // The first try has its 503; the next waits. The viewer signs in meanwhile.
      await until(() => events.includes('retry'), 'the first try and its 503')
      const next = await login(DEMO_VIEWER.loginId, DEMO_VIEWER.password)
      setSessionId(next.sessionId, DEMO_VIEWER.loginId)
      vi.advanceTimersByTime(clientConfig.retryBaseMs * 1.25) // the longest first backoff
      const error = await expectApiError(call)
      expect(error.kind).toBe('aborted')
      expect(gets()).toHaveLength(1)
    } finally {
      off()
      vi.useRealTimers()
    }
  })

  it('gives up when the operator cancels', async () => {
    await signIn()
    sim.expireSessions()
    setSessionExpiredHandler(async () => false)
    const error = await expectApiError(getUser('1'))
    expect(error.kind).toBe('session')
  })
})

describe('faults', () => {
  beforeEach(async () => {
    await signIn()
  })

  it('retries a PUT on 503 and succeeds', async () => {
    sim.failNext(2, 503)
    await updatePhoto('5', tinyJpegBase64())
    expect(sim.getUser('5')?.photo).toBeTruthy()
  })

  it('shows the error after three tries', async () => {
    sim.failNext(3, 502)
    const error = await expectApiError(getUser('1'))
    expect(error.kind).toBe('server')
    expect(error.status).toBe(502)
  })

  it('never retries a 4xx', async () => {
    const count = sim.requests.length
    await expectApiError(getUser('4294967001'))
    expect(sim.requests.length - count).toBe(1)
  })
})
