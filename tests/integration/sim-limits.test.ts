// The simulator cannot be exhausted: callers without a session are answered before their body is
// read, bodies are capped by what the route needs, and sim.requests keeps no bodies by default.
import http from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_OPERATOR, SUPPORT_LINK, createSimulator, type Simulator } from '../../sim/index.ts'
import { startTestServer, type TestServer } from '../../sim/testing.ts'
import { startSimProcess, type SimProcess } from '../helpers/sim-process.ts'

const MB = 1024 * 1024
const TOO_LARGE = {
  Response: { code: '65675', link: SUPPORT_LINK, message: 'The request body is too large.' },
}
const LOGIN_REQUIRED = { Response: { code: '10', link: SUPPORT_LINK, message: 'Login required.' } }
/** A 19 MB JSON array of ten million numbers: parsed, it would take hundreds of MB. */
const HUGE_ARRAY = `[${'1,'.repeat(9.5 * MB)}1]`

let sim: Simulator | undefined
let t: TestServer | undefined
let child: SimProcess | undefined
afterEach(async () => {
  await Promise.all([sim?.close(), t?.close(), child?.close()])
  sim = t = child = undefined
})

async function send(url: string, method: string, body: string, session?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (session) headers['bs-session-id'] = session
  const res = await fetch(url, { method, headers, body })
  return { status: res.status, body: (await res.json()) as unknown }
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/login`, {
    method: 'POST',
    body: JSON.stringify({
      User: { login_id: DEMO_OPERATOR.loginId, password: DEMO_OPERATOR.password },
    }),
  })
  return res.headers.get('bs-session-id') ?? ''
}

/**
 * Declares `declared` body bytes but sends only the first kilobyte, and resolves with the
 * answer: one that comes at all was given without waiting for the body.
 */
function answerBeforeBody(url: string, method: string, declared: number) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const req = http.request(url, {
      method,
      headers: { 'content-type': 'application/json', 'content-length': String(declared) },
    })
    req.on('response', (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) })
        req.destroy()
      })
    })
    req.on('error', reject)
    req.write(`{"User":{"photo":"${'A'.repeat(1024)}`)
  })
}

describe('what sim.requests keeps', () => {
  it('method, path, status and size by default; bodies only with recordBodies', async () => {
    sim = createSimulator()
    const { url } = await sim.listen({ port: 0 })
    const session = await login(url)
    const photo = 'A'.repeat(300_000)
    const put = JSON.stringify({ User: { photo } })
    expect((await send(`${url}/api/users/4`, 'PUT', put, session)).status).toBe(400)
    expect(sim.requests.at(-1)).toMatchObject({
      method: 'PUT',
      path: '/api/users/4',
      status: 400,
      size: put.length,
      body: undefined,
    })
    // Long paths and header values are cut: 5,000 entries stay small whatever callers send.
    const long = `/api/users/${'9'.repeat(5_000)}`
    await fetch(url + long, { headers: { 'bs-session-id': 'x'.repeat(8_000) } })
    const last = sim.requests.at(-1)!
    expect(last.status).toBe(401)
    expect(last.path.length).toBeLessThan(600)
    expect(last.headers['bs-session-id']!.length).toBeLessThan(600)

    sim.options.recordBodies = true
    await send(`${url}/api/users/4`, 'PUT', put, session)
    expect(sim.requests.at(-1)?.body).toEqual({ User: { photo } })
  })
})

describe('limits', () => {
  it('answers a caller without a session before its body arrives', async () => {
    t = await startTestServer()
    const res = await answerBeforeBody(`${t.url}/api/users/4`, 'PUT', 5 * MB)
    expect(res).toEqual({ status: 401, body: LOGIN_REQUIRED })
    expect(t.sim.requests.at(-1)).toMatchObject({ status: 401, size: 5 * MB, body: undefined })
  })

  it('refuses a login body over 64 KiB from its Content-Length, and any body beyond the cap', async () => {
    t = await startTestServer()
    const declared = await answerBeforeBody(`${t.url}/api/login`, 'POST', 30 * MB)
    expect(declared).toEqual({ status: 413, body: TOO_LARGE })
    // Chunked (no Content-Length): refused once the limit is crossed.
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(4096)))
        controller.close()
      },
    })
    const chunked = await fetch(`${t.url}/api/login`, {
      method: 'POST',
      body: chunks,
      duplex: 'half',
    } as RequestInit)
    expect(chunked.status).toBe(413)
    expect(await chunked.json()).toEqual(TOO_LARGE)
    // A login of normal size still works, and a search stays within its cap.
    const session = await t.login()
    const ids = Array.from({ length: 100 }, (_, i) => String(i + 1))
    const search = JSON.stringify({ limit: 100, offset: 0, user_id_list: ids })
    expect((await send(`${t.url}/api/v2/users/search`, 'POST', search, session)).status).toBe(200)
    expect(await send(`${t.url}/api/v2/users/search`, 'POST', HUGE_ARRAY, session)).toEqual({
      status: 413,
      body: TOO_LARGE,
    })
  })

  it('uses photoBodyLimitBytes on the photo routes and bodyLimitBytes elsewhere', async () => {
    t = await startTestServer({ bodyLimitBytes: 1024, photoBodyLimitBytes: 64 * 1024 })
    const session = await t.login()
    const put = (size: number) =>
      t!.call('PUT', '/api/users/4', { session, json: { User: { name: 'x'.repeat(size) } } })
    expect((await put(10_000)).status).toBe(400) // read: the name is too long
    expect((await put(70_000)).status).toBe(413)
    const upload = { template_ex_picture: 'A'.repeat(70_000) }
    const picture = await t.call('PUT', '/api/users/check/upload_picture', {
      session,
      json: upload,
    })
    expect(picture.status).toBe(413)
    const search = { limit: 1, offset: 0, pad: 'x'.repeat(2000) }
    const res = await t.call('POST', '/api/v2/users/search', { session, json: search })
    expect(res.status).toBe(413)
  })
})

describe('a flood of large bodies', () => {
  it('leaves the simulator no bigger: 200 unauthenticated 1.9 MB bodies and a 19 MB array', async () => {
    child = await startSimProcess({ seed: 1 })
    const { url } = child
    const photo = JSON.stringify({ User: { photo: 'A'.repeat(1.9 * MB) } })
    const credentials = JSON.stringify({
      User: { login_id: 'admin', password: 'x'.repeat(1.9 * MB) },
    })
    const flood = async (count: number) => {
      const statuses = new Map<string, number>()
      const one = async (i: number) => {
        const res =
          i % 2 === 0
            ? await send(`${url}/api/users/${4 + (i % 50)}`, 'PUT', photo)
            : await send(`${url}/api/login`, 'POST', credentials)
        const key = `${res.status} ${(res.body as { Response: { code: string } }).Response.code}`
        statuses.set(key, (statuses.get(key) ?? 0) + 1)
      }
      // Four at a time, as a small script would.
      for (let i = 0; i < count; i += 4) await Promise.all([0, 1, 2, 3].map((k) => one(i + k)))
      return Object.fromEntries(statuses)
    }

    await flood(8) // warm up: code paths compiled, buffer pools in place
    const before = await child.memory()
    const statuses = await flood(200)
    // Unauthenticated photos: 401 unread. Logins: 413 from their size, never parsed.
    expect(statuses).toEqual({ '401 10': 100, '413 65675': 100 })
    expect((await send(`${url}/api/v2/users/search`, 'POST', HUGE_ARRAY)).status).toBe(401)
    const session = await login(url)
    expect((await send(`${url}/api/v2/users/search`, 'POST', HUGE_ARRAY, session)).status).toBe(413)
    const after = await child.memory()

    const grown = (key: 'heapUsed' | 'external' | 'rss') => (after[key] - before[key]) / MB
    console.log(
      `simulator after 200 x 1.9 MB and 2 x 19 MB: heap ${grown('heapUsed').toFixed(1)} MB, ` +
        `external ${grown('external').toFixed(1)} MB, rss ${grown('rss').toFixed(1)} MB, ` +
        `${after.recorded} entries in ${(after.recordedChars / 1024).toFixed(0)} kB of JSON`,
    )
    // Keeping the bodies would be 380 MB; what it keeps is a few hundred bytes per call.
    expect(after.recorded).toBe(before.recorded + 203)
    expect(after.recordedChars / after.recorded).toBeLessThan(400)
    expect(grown('heapUsed')).toBeLessThan(8)
    expect(grown('external')).toBeLessThan(8)
  }, 90_000)
})
