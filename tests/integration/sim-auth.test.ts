import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_NO_LEVEL, DEMO_OPERATOR, DEMO_VIEWER, SUPPORT_LINK } from '../../sim/index.ts'
import { startTestServer } from '../../sim/testing.ts'
import type { TestServer } from '../../sim/testing.ts'

const LOGIN_REQUIRED = {
  Response: { code: '10', link: SUPPORT_LINK, message: 'Login required.' },
}
const SUCCESS = { code: '0', link: SUPPORT_LINK, message: 'Success' }

const credentials = (loginId: string, password: string) => ({
  json: { User: { login_id: loginId, password } },
})

/**
 * The simulator tells session and lock-out ages by Date.now(). Faked (timers stay real), the clock
 * moves only by what the test says: a busy machine no longer ages a session between two calls.
 */
const stopClock = () => vi.useFakeTimers({ toFake: ['Date'] })
const elapse = (ms: number) => vi.advanceTimersByTime(ms)

let t: TestServer
afterEach(() => {
  vi.useRealTimers()
  return t?.close()
})

describe('POST /api/login', () => {
  it('answers 200 with the session in the bs-session-id header and the operator in the body', async () => {
    t = await startTestServer()
    const res = await t.call('POST', '/api/login', credentials('admin', DEMO_OPERATOR.password))
    expect(res.status).toBe(200)
    expect(res.headers.get('bs-session-id')).toMatch(/^[0-9a-f]{32}$/)
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8')
    expect(res.body.Response).toEqual(SUCCESS)
    expect(res.body.User).toMatchObject({
      user_id: '1',
      login_id: 'admin',
      user_group_id: { id: '1', name: 'All Users' },
      permission: {
        id: '1',
        name: 'Administrator',
        module: { User: { read: 'true', write: 'true' } },
      },
    })
    expect(res.body.User.photo).toBeUndefined()
    expect(res.body).not.toHaveProperty('bs-session-id')
  })

  it('refuses bad credentials with 400, an envelope and no header', async () => {
    t = await startTestServer()
    const res = await t.call('POST', '/api/login', credentials('admin', 'wrong'))
    expect(res.status).toBe(400)
    expect(res.headers.get('bs-session-id')).toBeNull()
    expect(res.body.Response).toEqual({
      code: '11',
      link: SUPPORT_LINK,
      message: 'Login failed. Invalid login id or password.',
    })
    const unknown = await t.call('POST', '/api/login', credentials('nobody', 'x'))
    expect(unknown.status).toBe(400)
  })

  it('uses the configured failure status and code', async () => {
    t = await startTestServer({
      loginFailStatus: 401,
      loginFailCode: '99',
      loginFailMessage: 'No.',
    })
    const res = await t.call('POST', '/api/login', credentials('admin', 'wrong'))
    expect(res.status).toBe(401)
    expect(res.body.Response).toEqual({ code: '99', link: SUPPORT_LINK, message: 'No.' })
  })

  it('locks the account after N failures, even for the right password, then unlocks', async () => {
    t = await startTestServer({ lockoutAttempts: 3, lockoutMs: 400 })
    stopClock()
    const codes: string[] = []
    for (let i = 0; i < 3; i++) {
      codes.push(
        (await t.call('POST', '/api/login', credentials('admin', 'bad'))).body.Response.code,
      )
    }
    expect(codes).toEqual(['11', '11', '12'])
    const locked = await t.call('POST', '/api/login', credentials('admin', DEMO_OPERATOR.password))
    expect(locked.status).toBe(400)
    expect(locked.body.Response.code).toBe('12')
    expect(locked.headers.get('bs-session-id')).toBeNull()
    // Another account is not affected.
    await expect(t.login(DEMO_VIEWER)).resolves.toMatch(/^[0-9a-f]{32}$/)
    elapse(399)
    const still = await t.call('POST', '/api/login', credentials('admin', DEMO_OPERATOR.password))
    expect(still.body.Response.code).toBe('12')
    elapse(1)
    await expect(t.login()).resolves.toMatch(/^[0-9a-f]{32}$/)
  })

  it('needs the User wrapper and valid JSON', async () => {
    t = await startTestServer()
    const bare = await t.call('POST', '/api/login', {
      json: { login_id: 'admin', password: DEMO_OPERATOR.password },
    })
    expect(bare.status).toBe(400)
    expect(bare.body.Response.code).not.toBe('0')
    expect(bare.headers.get('bs-session-id')).toBeNull()
    const garbage = await t.call('POST', '/api/login', { body: 'login_id=admin' })
    expect(garbage.status).toBe(400)
    expect(garbage.body.Response.message).toMatch(/JSON/)
  })

  it('refuses operators with operator level None', async () => {
    t = await startTestServer()
    const res = await t.call('POST', '/api/login', credentials('nolevel', DEMO_NO_LEVEL.password))
    expect(res.status).toBe(403)
    expect(res.body.Response).toEqual({
      code: '20',
      link: SUPPORT_LINK,
      message: 'Permission denied.',
    })
    expect(res.headers.get('bs-session-id')).toBeNull()
  })

  it('accepts the viewer, whose permission is User Operator without user write', async () => {
    t = await startTestServer()
    const res = await t.call('POST', '/api/login', credentials('viewer', DEMO_VIEWER.password))
    expect(res.status).toBe(200)
    expect(res.body.User.permission).toMatchObject({
      id: '2',
      name: 'User Operator',
      module: { User: { read: 'true', write: 'false' } },
    })
  })
})

describe('sessions', () => {
  it('answers 401 code 10 with the exact body when the header is missing or unknown', async () => {
    t = await startTestServer()
    for (const session of [undefined, 'deadbeefdeadbeefdeadbeefdeadbeef']) {
      for (const [method, path] of [
        ['GET', '/api/users/1'],
        ['GET', '/api/users?limit=1'],
        ['POST', '/api/v2/users/search'],
        ['PUT', '/api/users/4'],
        ['POST', '/api/logout'],
      ] as const) {
        const json = method === 'GET' ? undefined : { User: { name: 'x' } }
        const res = await t.call(method, path, { session, json })
        expect(res.status, `${method} ${path}`).toBe(401)
        expect(res.body).toEqual(LOGIN_REQUIRED)
      }
    }
  })

  it('checks the session first: unknown paths, bad and oversized bodies get 401 too', async () => {
    t = await startTestServer()
    const calls: Array<[string, string, { body?: string }]> = [
      ['GET', '/api/doors/1/open', {}],
      ['DELETE', '/api/users/4', {}],
      ['POST', '/api/users', { body: '{"User":' }],
      ['OPTIONS', '/api/users/4', {}],
      ['GET', '/api', {}],
      ['PUT', '/api/users/check/upload_picture', { body: '{not json' }],
      // Over the 64 KiB limit: read, it would be a 413.
      ['POST', '/api/v2/users/search', { body: JSON.stringify({ user_id_list: 'x'.repeat(1e5) }) }],
    ]
    for (const [method, path, init] of calls) {
      const res = await t.call(method, path, init)
      expect(res.status, `${method} ${path}`).toBe(401)
      expect(res.body).toEqual(LOGIN_REQUIRED)
      // Answered unread: nothing recorded but its declared size, though tests record bodies.
      const seen = t.sim.requests.at(-1)!
      expect(seen).toMatchObject({ method, path, status: 401, body: undefined })
      expect(seen.size).toBe(Buffer.byteLength(init.body ?? ''))
    }
    // /api/login is the one path without a session; the wrong method there is unsupported.
    const wrongMethod = await t.call('GET', '/api/login')
    expect(wrongMethod.status).toBe(400)
    expect(wrongMethod.body.Response).toMatchObject({ code: '103' })
    // With a session, the same unknown paths are "Request is not supported".
    const session = await t.login()
    expect((await t.call('GET', '/api/doors/1/open', { session })).status).toBe(400)
  })

  it('expires idle sessions (sliding by default)', async () => {
    t = await startTestServer({ idleTimeoutMs: 300 })
    stopClock()
    const session = await t.login()
    // Three calls 200 ms apart outlive two idle periods only because each renews the session.
    for (let i = 0; i < 3; i++) {
      elapse(200)
      expect((await t.call('GET', '/api/users/1', { session })).status).toBe(200)
    }
    elapse(301)
    const res = await t.call('GET', '/api/users/1', { session })
    expect(res.status).toBe(401)
    expect(res.body).toEqual(LOGIN_REQUIRED)
  })

  it('counts from login in absolute mode', async () => {
    t = await startTestServer({ idleTimeoutMs: 300, sessionMode: 'absolute' })
    stopClock()
    const session = await t.login()
    elapse(150)
    expect((await t.call('GET', '/api/users/1', { session })).status).toBe(200)
    // 200 ms after the last call, but 350 ms after the login.
    elapse(200)
    expect((await t.call('GET', '/api/users/1', { session })).status).toBe(401)
  })

  it('ends the session on logout', async () => {
    t = await startTestServer()
    const session = await t.login()
    const res = await t.call('POST', '/api/logout', { session })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ Response: SUCCESS })
    expect((await t.call('GET', '/api/users/1', { session })).body).toEqual(LOGIN_REQUIRED)
  })

  it('keeps parallel sessions by default and ends the old one with singleSession', async () => {
    t = await startTestServer()
    const first = await t.login()
    await t.login()
    expect((await t.call('GET', '/api/users/1', { session: first })).status).toBe(200)

    t.sim.options.singleSession = true
    const old = await t.login()
    const fresh = await t.login()
    expect((await t.call('GET', '/api/users/1', { session: old })).status).toBe(401)
    expect((await t.call('GET', '/api/users/1', { session: fresh })).status).toBe(200)
    // A different operator keeps its session.
    const viewer = await t.login(DEMO_VIEWER)
    await t.login()
    expect((await t.call('GET', '/api/users/1', { session: viewer })).status).toBe(200)
  })

  it('expireSessions() forces every client back to login', async () => {
    t = await startTestServer()
    const session = await t.login()
    t.sim.expireSessions()
    expect((await t.call('GET', '/api/users/1', { session })).body).toEqual(LOGIN_REQUIRED)
  })
})
