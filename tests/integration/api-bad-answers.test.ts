// What the app makes of answers a real deployment can produce: not JSON, a proxy's HTML error
// page, a 200 that carries a failure code, a reply without the Response envelope.
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientConfig, setSessionId } from '../../src/api/client.ts'
import { getUser, updatePhoto } from '../../src/api/users.ts'
import { login } from '../../src/api/auth.ts'
import { ApiError } from '../../src/api/errors.ts'
import { describeError } from '../../src/i18n/describe-error.ts'
import { createAppI18n } from '../../src/i18n/index.ts'

const { t } = createAppI18n('en').global
let server: Server
let next: { status: number; type: string; body: string; headers?: Record<string, string> }
let hits = 0

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits++
    res.writeHead(next.status, { 'content-type': next.type, ...next.headers })
    res.end(next.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  clientConfig.baseURL = `http://127.0.0.1:${address.port}/api`
  clientConfig.retryBaseMs = 1
  setSessionId('abc')
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  return { error: error as ApiError, message: describeError(error, t) }
}

describe('answers that are not what BioStar sends', () => {
  it('plain text with status 200', async () => {
    next = { status: 200, type: 'text/plain', body: 'OK' }
    const { error, message } = await failure(getUser('1'))
    expect(error.kind).toBe('bad-response')
    expect(message).toMatch(/does not understand.*proxied to BioStar/)
  })

  it('an HTML error page from a proxy, after retries', async () => {
    next = {
      status: 502,
      type: 'text/html',
      body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
    }
    hits = 0
    const { error, message } = await failure(getUser('1'))
    expect(error.kind).toBe('server')
    expect(message).toContain('HTTP 502')
    expect(hits).toBe(3)
  })

  it('JSON that is broken', async () => {
    next = { status: 200, type: 'application/json', body: '{"Response":' }
    const { error } = await failure(getUser('1'))
    expect(error.kind).toBe('bad-response')
  })

  it('a 200 with a non-"0" code is a failure, with BioStar\'s message', async () => {
    next = {
      status: 200,
      type: 'application/json',
      body: JSON.stringify({ Response: { code: '65675', message: 'not defined' } }),
    }
    hits = 0
    const { error, message } = await failure(updatePhoto('1', '/9j/AAAA'))
    expect(error).toMatchObject({ kind: 'rejected', code: '65675' })
    expect(message).toBe('BioStar refused the request: not defined (code 65675).')
    expect(hits).toBe(1) // a refusal is not retried
  })

  it('a 200 without the Response envelope', async () => {
    next = {
      status: 200,
      type: 'application/json',
      body: JSON.stringify({ User: { user_id: '1' } }),
    }
    const { error } = await failure(updatePhoto('1', '/9j/AAAA'))
    expect(error.kind).toBe('bad-response')
  })

  it('numeric codes are read like string codes', async () => {
    next = {
      status: 200,
      type: 'application/json',
      body: JSON.stringify({
        User: { user_id: 1, name: 'A', photo_exists: false },
        Response: { code: 0 },
      }),
    }
    const user = await getUser('1')
    expect(user).toMatchObject({ userId: '1', name: 'A', hasPhoto: false })
  })

  it('a login that succeeds without a bs-session-id header', async () => {
    next = {
      status: 200,
      type: 'application/json',
      body: JSON.stringify({ User: { user_id: '1' }, Response: { code: '0' } }),
    }
    const { error, message } = await failure(login('admin', 'x'))
    expect(error.code).toBe('no-session-header')
    expect(message).toContain('bs-session-id')
  })

  it('401 with code 10 on a non-JSON body is still an expired session', async () => {
    next = { status: 401, type: 'text/html', body: '<h1>Unauthorized</h1>' }
    const { error } = await failure(getUser('1'))
    expect(error.kind).toBe('session')
  })
})

describe('timeouts', () => {
  it('gives up after the configured timeout on every try and says so', async () => {
    const slow = createServer(() => undefined) // never answers
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve))
    const address = slow.address()
    if (!address || typeof address === 'string') throw new Error('no port')
    const saved = { ...clientConfig }
    Object.assign(clientConfig, { baseURL: `http://127.0.0.1:${address.port}/api`, timeoutMs: 150 })
    try {
      const started = Date.now()
      const { error, message } = await failure(getUser('1'))
      expect(error.kind).toBe('timeout')
      expect(message).toContain('did not answer in time')
      expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 150)
    } finally {
      Object.assign(clientConfig, saved)
      slow.closeAllConnections()
      await new Promise<void>((resolve) => slow.close(() => resolve()))
    }
  })
})
