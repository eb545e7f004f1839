// The dev/preview proxy in front of a separate HTTPS simulator with a self-signed certificate,
// as `BIOSTAR_URL=https://... npm run preview` runs it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Logger, type ViteDevServer } from 'vite'
import {
  BIOSTAR_SECURITY_HEADERS,
  createSimulator,
  DEMO_OPERATOR,
  type Simulator,
} from '../../sim/index.ts'
import { biostar } from '../../server/biostar-plugin.ts'
import { createProxyErrorLog, proxyErrorLine } from '../../server/proxy-errors.ts'
import { clientConfig, onClientEvent, request, type ClientEvent } from '../../src/api/client.ts'
import { ApiError } from '../../src/api/errors.ts'
import { selfSignedCert } from '../helpers/certs.ts'
import {
  expectRefusal,
  FORWARDED,
  NOT_API,
  rawRequest,
  recordingBiostar,
  REFUSED,
  type RecordingBiostar,
} from '../helpers/raw-paths.ts'

let sim: Simulator
let biostarUrl: string
let closeSim: () => Promise<void>
let dir: string
let ownCa: string
let otherCa: string
const servers: ViteDevServer[] = []

/** Everything a Vite server logs, by level (what the dev terminal would show). */
function captureLogger() {
  const lines: Array<{ level: 'info' | 'warn' | 'error'; msg: string }> = []
  const logger: Logger = {
    hasWarned: false,
    info: (msg) => void lines.push({ level: 'info', msg }),
    warn: (msg) => void lines.push({ level: 'warn', msg }),
    warnOnce: (msg) => void lines.push({ level: 'warn', msg }),
    error: (msg) => void lines.push({ level: 'error', msg }),
    clearScreen: () => undefined,
    hasErrorLogged: () => false,
  }
  return { logger, lines }
}

/** A Vite dev server (middleware only: no client bundle needed) with the real plugin. */
async function proxyServer(options: Parameters<typeof biostar>[0], customLogger?: Logger) {
  const server = await createServer({
    configFile: false,
    logLevel: 'silent',
    customLogger,
    root: dir,
    server: { port: 0, host: '127.0.0.1', ws: false },
    plugins: [biostar(options)],
  })
  await server.listen()
  servers.push(server)
  const address = server.httpServer!.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  return `http://127.0.0.1:${address.port}`
}

async function login(base: string) {
  return fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      User: { login_id: DEMO_OPERATOR.loginId, password: DEMO_OPERATOR.password },
    }),
  })
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'photo-desk-proxy-'))
  const [tls, other] = await Promise.all([selfSignedCert(), selfSignedCert('someone-else')])
  ownCa = join(dir, 'biostar-ca.pem')
  otherCa = join(dir, 'other-ca.pem')
  writeFileSync(ownCa, tls.cert)
  writeFileSync(otherCa, other.cert)
  sim = createSimulator({ seed: 3 })
  const listening = await sim.listen({ port: 0, host: '127.0.0.1', tls })
  biostarUrl = listening.url
  closeSim = listening.close
})

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  await closeSim?.()
  await sim?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('proxy to a real server', () => {
  it('accepts the self-signed certificate by default and passes bs-session-id both ways', async () => {
    const base = await proxyServer({ biostarUrl })
    const res = await login(base)
    expect(res.status).toBe(200)
    const sessionId = res.headers.get('bs-session-id')
    expect(sessionId).toBeTruthy()
    const user = await fetch(`${base}/api/users/1`, { headers: { 'bs-session-id': sessionId! } })
    expect(user.status).toBe(200)
    expect(((await user.json()) as { Response: { code: string } }).Response.code).toBe('0')
    // BioStar 2.9.12+'s security headers (no-store, nosniff, X-Frame-Options) reach the app.
    for (const [name, value] of Object.entries(BIOSTAR_SECURITY_HEADERS)) {
      expect(user.headers.get(name), name).toBe(value)
      expect(res.headers.get(name), name).toBe(value)
    }
    // The simulator saw the call arrive through the proxy, without the browser's origin.
    expect(sim.requests.at(-1)?.path).toBe('/api/users/1')
  })

  it('verifies TLS against BIOSTAR_CA when given the right CA', async () => {
    const base = await proxyServer({ biostarUrl, caFile: ownCa })
    expect((await login(base)).status).toBe(200)
  })

  it('fails with a clear message naming the server when BIOSTAR_CA is another CA', async () => {
    const base = await proxyServer({ biostarUrl, caFile: otherCa })
    const res = await login(base)
    expect(res.status).toBe(502)
    expect(res.headers.get('x-photo-desk-proxy-error')).toBe('tls')
    const body = (await res.json()) as {
      Response: { code: string; message: string }
      proxy: { server: string }
    }
    expect(body.Response.code).toBe('proxy-tls')
    expect(body.Response.message).toContain(biostarUrl)
    expect(body.Response.message).toMatch(/certificate/i)
    expect(body.proxy.server).toBe(biostarUrl)
  })

  it('says the server cannot be reached when nothing listens there', async () => {
    const base = await proxyServer({ biostarUrl: 'https://127.0.0.1:9' })
    const res = await login(base)
    expect(res.status).toBe(502)
    const body = (await res.json()) as { Response: { message: string } }
    expect(body.Response.message).toContain('https://127.0.0.1:9')
    expect(body.Response.message).toMatch(/cannot reach/i)
  })

  it('logs one short line for a server that is down, not a stack trace per request', async () => {
    const { logger, lines } = captureLogger()
    const base = await proxyServer({ biostarUrl: 'https://127.0.0.1:9' }, logger)
    for (let i = 0; i < 5; i++) {
      const res = await login(base)
      expect(res.status).toBe(502)
      // The browser's message is as before.
      expect(((await res.json()) as { Response: { message: string } }).Response.message).toBe(
        'Photo Desk cannot reach the BioStar server at https://127.0.0.1:9 (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9). Check that it is running and that the address is right.',
      )
    }
    const problems = lines.filter((l) => l.level !== 'info').map((l) => l.msg)
    expect(problems).toHaveLength(1)
    const line = problems[0]!
    expect(line).toContain('https://127.0.0.1:9')
    expect(line).toContain('ECONNREFUSED')
    expect(line).toContain('POST /api/login')
    expect(line).toContain('BIOSTAR_URL')
    expect(line).not.toContain('\n')
    // Nothing else in the terminal either: no stack frames, no Vite "http proxy error" lines.
    const all = lines.map((l) => l.msg).join('\n')
    expect(all).not.toMatch(/^\s*at \S/m)
    expect(all).not.toContain('http proxy error')
  })

  it('reports a timeout as 504 with the server named', async () => {
    sim.faults.latencyMs = [1500, 1500]
    try {
      const base = await proxyServer({ biostarUrl, timeoutMs: 300 })
      const res = await fetch(`${base}/api/users/1`, { headers: { 'bs-session-id': 'x' } })
      expect(res.status).toBe(504)
      expect(((await res.json()) as { Response: { message: string } }).Response.message).toContain(
        biostarUrl,
      )
    } finally {
      sim.faults.latencyMs = [0, 0]
    }
  })
})

describe('demo mode', () => {
  it('mounts the simulator under /api and says so on the demo info path only then', async () => {
    const demo = await proxyServer({ biostarUrl: '', simulator: createSimulator({ seed: 1 }) })
    const info = (await (await fetch(`${demo}/__photo-desk/demo.json`)).json()) as {
      demo: boolean
      operators: unknown[]
    }
    expect(info.demo).toBe(true)
    expect(info.operators.length).toBeGreaterThan(0)
    expect((await login(demo)).status).toBe(200)
    const proxied = await proxyServer({ biostarUrl })
    const notDemo = await fetch(`${proxied}/__photo-desk/demo.json`)
    const text = await notDemo.text()
    expect(text).not.toContain('"demo":true')
  })
})

describe('proxy failures in the terminal', () => {
  const refused = () =>
    Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:443'), { code: 'ECONNREFUSED' })

  function setup() {
    let now = 0
    const { logger, lines } = captureLogger()
    const log = createProxyErrorLog({ quietMs: 30_000, now: () => now })
    log.attach(logger)
    return { log, logger, lines, tick: (ms: number) => (now += ms) }
  }

  it('says what failed, where, the code and what to check, per kind', () => {
    const server = 'https://10.0.0.5'
    expect(proxyErrorLine(server, refused(), 'GET /api/users/1')).toBe(
      '/api proxy: cannot reach BioStar at https://10.0.0.5: ECONNREFUSED (GET /api/users/1); check that BioStar is running and that BIOSTAR_URL is right.',
    )
    const tls = Object.assign(new Error('self-signed certificate'), {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    })
    expect(proxyErrorLine(server, tls)).toMatch(/TLS .* DEPTH_ZERO_SELF_SIGNED_CERT; .*BIOSTAR_CA/)
    const slow = Object.assign(new Error('socket hang up'), { code: 'ETIMEDOUT' })
    expect(proxyErrorLine(server, slow)).toMatch(/in time .* ETIMEDOUT; .*BIOSTAR_TIMEOUT_MS/)
  })

  it('logs the same failure once per quiet period, then with the count of the hidden ones', () => {
    const { log, lines, tick } = setup()
    for (let i = 0; i < 4; i++) log.failure('https://10.0.0.5', refused())
    expect(lines).toHaveLength(1)
    tick(30_000)
    log.failure('https://10.0.0.5', refused())
    expect(lines).toHaveLength(2)
    expect(lines[1]?.msg).toContain('[3 more like it not shown]')
    // Another kind of failure is news: it is logged at once.
    log.failure('https://10.0.0.5', Object.assign(new Error('x'), { code: 'ETIMEDOUT' }))
    expect(lines).toHaveLength(3)
  })

  it('says once when BioStar answers again, and then logs a new failure at once', () => {
    const { log, lines } = setup()
    log.failure('https://10.0.0.5', refused())
    log.failure('https://10.0.0.5', refused())
    log.success('https://10.0.0.5')
    log.success('https://10.0.0.5')
    expect(lines.map((l) => l.level)).toEqual(['error', 'info'])
    expect(lines[1]?.msg).toBe(
      '/api proxy: BioStar at https://10.0.0.5 answers again. [1 failures not shown]',
    )
    log.failure('https://10.0.0.5', refused())
    expect(lines).toHaveLength(3)
  })

  it('logs refusals once per quiet period, with the count of the hidden ones', () => {
    const { log, lines, tick } = setup()
    log.refused('GET /api/..;/console', 'holds ..')
    log.refused('GET /api/%2e%2e/console', 'holds %2e')
    log.refused('GET /api', 'not under /api/')
    tick(30_000)
    log.refused(`GET /api/${'x'.repeat(500)};`, 'holds ;')
    expect(lines.map((l) => l.level)).toEqual(['warn', 'warn'])
    expect(lines[0]?.msg).toBe(
      '/api proxy: refused GET /api/..;/console (holds ..) without sending it; only plain /api/... paths are forwarded.',
    )
    // A long path is cut short, and the line says how many were not shown.
    expect(lines[1]?.msg).toMatch(
      /^\/api proxy: refused GET \/api\/x{190,200}… \(holds ;\) .*\[2 more like it not shown\]$/,
    )
    // Failures are still news: a refusal does not hide them.
    log.failure('https://10.0.0.5', refused())
    expect(lines).toHaveLength(3)
  })

  it("drops Vite's own report of an error already logged, and nothing else", () => {
    const { log, logger, lines } = setup()
    const err = refused()
    log.failure('https://10.0.0.5', err)
    logger.error(`http proxy error: /api/login\n${err.stack}`, { timestamp: true, error: err })
    logger.error('some other problem', { error: new Error('other') })
    expect(lines.map((l) => l.msg.split(':')[0])).toEqual(['/api proxy', 'some other problem'])
  })
})

/**
 * Not forwarded in dev and preview either, but left to the app: Vite does not normalise the
 * path, so these never look like /api/ to it (nginx refuses them, see deploy-nginx.test.ts).
 */
const APP_PATHS = [...NOT_API, '/api-admin/../api/users/1', '//api/users/1', '/%61pi/users/1']

describe('only the API is forwarded', () => {
  let standIn: RecordingBiostar

  beforeAll(async () => {
    standIn = await recordingBiostar()
  })

  afterAll(async () => {
    await standIn?.close()
  })

  it('refuses raw paths that could leave /api/ with 400 in the envelope, sending nothing', async () => {
    const { logger, lines } = captureLogger()
    const base = await proxyServer({ biostarUrl: standIn.url }, logger)
    for (const target of REFUSED) {
      for (const method of ['GET', 'POST', 'PUT']) {
        const body = method === 'GET' ? undefined : '{}'
        const answer = await rawRequest(base, target, { method, body })
        expectRefusal(answer, standIn.url, `${method} ${target}`)
      }
    }
    expect(standIn.reached).toEqual([])

    // One short line in the terminal, not one per request (a probe must not flood it).
    const problems = lines.filter((l) => l.level !== 'info').map((l) => l.msg)
    expect(problems).toEqual([
      '/api proxy: refused GET /api (not under /api/) without sending it; only plain /api/... paths are forwarded.',
    ])
  })

  it('leaves /apifoo and other non-API paths to the app: not forwarded, not refused', async () => {
    const base = await proxyServer({ biostarUrl: standIn.url })
    for (const target of APP_PATHS) {
      const answer = await rawRequest(base, target)
      expect(answer.headers['x-photo-desk-proxy-error'], target).toBeUndefined()
      expect(answer.body, target).not.toContain('"Response"')
    }
    expect(standIn.reached).toEqual([])
  })

  it('forwards plain /api/ paths unchanged, query and percent-encoding included', async () => {
    const base = await proxyServer({ biostarUrl: standIn.url })
    standIn.reached.length = 0
    for (const [method, target] of FORWARDED) {
      const body = method === 'GET' ? undefined : '{}'
      const answer = await rawRequest(base, target, { method, body })
      expect(answer.status, target).toBe(200)
      expect(answer.headers['x-photo-desk-proxy-error'], target).toBeUndefined()
      expect(JSON.parse(answer.body).Response.code, target).toBe('0')
    }
    expect(standIn.reached).toEqual(FORWARDED.map(([method, target]) => `${method} ${target}`))
  })

  it("the app's client reads a refusal as refused: not retried, not blamed on BioStar", async () => {
    const { logger, lines } = captureLogger()
    const base = await proxyServer({ biostarUrl: standIn.url }, logger)
    standIn.reached.length = 0
    const saved = { ...clientConfig }
    Object.assign(clientConfig, { baseURL: `${base}/api`, retryBaseMs: 1, maxTries: 3 })
    const events: ClientEvent[] = []
    const stop = onClientEvent((event) => events.push(event))
    try {
      // An encoded backslash, as encodeURIComponent writes one in a user id.
      const error = await request('/users/a%5Cb').then(
        () => null,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(ApiError)
      expect(error).toMatchObject({ kind: 'refused', status: 400, code: 'proxy-refused' })
      expect((error as ApiError).transient).toBe(false)
      expect(events.map((e) => e.type)).toEqual(['failed'])
    } finally {
      stop()
      Object.assign(clientConfig, saved)
    }
    expect(standIn.reached).toEqual([])
    const refusals = lines.filter((l) => l.msg.includes('refused'))
    expect(refusals.map((l) => l.msg)).toEqual([
      '/api proxy: refused GET /api/users/a%5Cb (holds %5c) without sending it; only plain /api/... paths are forwarded.',
    ])
  })

  it('refuses the same paths in front of the simulator, which never sees them', async () => {
    const demoSim = createSimulator({ seed: 1 })
    const handle = demoSim.handle
    const reached: string[] = []
    demoSim.handle = (req, res, next) => {
      reached.push(`${req.method} ${req.url}`)
      handle(req, res, next)
    }
    const demo = await proxyServer({ biostarUrl: '', simulator: demoSim })
    try {
      for (const target of REFUSED)
        expectRefusal(await rawRequest(demo, target), 'built-in simulator', target)
      expect(reached).toEqual([])

      // The rest works as before: the demo info path, the simulator's own answers (a known
      // path without a session, an unknown one) and the app's routes.
      const info = await rawRequest(demo, '/__photo-desk/demo.json')
      expect(JSON.parse(info.body).demo).toBe(true)
      const user = await rawRequest(demo, '/api/users/12?x=1')
      expect(user.status).toBe(401)
      expect(JSON.parse(user.body).Response.code).toBe('10')
      const unknown = await rawRequest(demo, '/api/nothing/here')
      expect(unknown.headers['x-photo-desk-proxy-error']).toBeUndefined()
      expect(JSON.parse(unknown.body).Response.code).not.toBe('0')
      const paths = demoSim.requests.map((r) => r.path)
      expect(paths).toEqual(['/api/users/12', '/api/nothing/here'])
      for (const target of APP_PATHS) {
        const answer = await rawRequest(demo, target)
        expect(answer.headers['x-photo-desk-proxy-error'], target).toBeUndefined()
        expect(answer.body, target).not.toContain('"Response"')
      }
      expect(demoSim.requests).toHaveLength(2)
    } finally {
      await demoSim.close()
    }
  })
})
