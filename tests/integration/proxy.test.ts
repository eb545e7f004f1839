// The dev/preview proxy in front of a separate HTTPS simulator with a self-signed certificate,
// as `BIOSTAR_URL=https://... npm run preview` runs it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type ViteDevServer } from 'vite'
import { createSimulator, DEMO_OPERATOR, type Simulator } from '../../sim/index.ts'
import { biostar } from '../../server/biostar-plugin.ts'
import { selfSignedCert } from '../helpers/certs.ts'

let sim: Simulator
let biostarUrl: string
let closeSim: () => Promise<void>
let dir: string
let ownCa: string
let otherCa: string
const servers: ViteDevServer[] = []

/** A Vite dev server (middleware only: no client bundle needed) with the real plugin. */
async function proxyServer(options: Parameters<typeof biostar>[0]) {
  const server = await createServer({
    configFile: false,
    logLevel: 'silent',
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
