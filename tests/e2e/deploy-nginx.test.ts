// deploy/nginx.conf for real: nginx serves dist-test/ over HTTPS and proxies /api to the simulator
// (HTTPS, self-signed, like BioStar); Chromium signs in and saves a photo through it.
import { cpSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { newTestContext } from '../helpers/chromium.ts'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { signInOn } from '../helpers/desk-page.ts'
import { selfSignedCert } from '../helpers/certs.ts'
import {
  freePort,
  renderSite,
  request,
  startNginx,
  watchCsp,
  type RunningNginx,
  type SiteValues,
} from '../helpers/nginx.ts'
import {
  createSimulator,
  DEMO_OPERATOR,
  type RunningServer,
  type Simulator,
} from '../../sim/index.ts'
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../server/security-headers.ts'
import {
  expectRefusal,
  FORWARDED,
  NOT_API,
  rawRequest,
  recordingBiostar,
  REFUSED,
} from '../helpers/raw-paths.ts'
import { E2E_OUT_DIR } from './global-setup.ts'

const DIST = fileURLToPath(new URL(`../../${E2E_OUT_DIR}`, import.meta.url))

/** The site as deployed: nginx over HTTPS in front of the simulator, itself on HTTPS. */
interface DeployedSite {
  url: string
  sim: Simulator
  /** The simulator's HTTPS server (a test stops it to play BioStar down). */
  biostar: RunningServer | undefined
  values: SiteValues
  webCert: string
  simCert: string
  /** nginx with variants of the config (see `variant`), stopped with the site. */
  variants: RunningNginx[]
  close(): Promise<void>
}

/** Where deploy/nginx.conf reads the site settings file. */
const SITE_FILE_PATH = '/etc/photo-desk/photo-desk.json'

async function startSite(dir: string): Promise<DeployedSite> {
  // A copy: another test run's global setup may rebuild dist-test while this file runs.
  cpSync(DIST, join(dir, 'dist'), { recursive: true })
  const [simTls, webTls] = await Promise.all([
    selfSignedCert('biostar.test'),
    selfSignedCert('photo-desk.test'),
  ])
  writeFileSync(join(dir, 'web-cert.pem'), webTls.cert)
  writeFileSync(join(dir, 'web-key.pem'), webTls.key, { mode: 0o600 })
  const sim = createSimulator({ seed: 1 })
  const biostar = await sim.listen({ port: 0, host: '127.0.0.1', tls: simTls })
  const [httpPort, httpsPort] = await Promise.all([freePort(), freePort()])
  const values: SiteValues = {
    SERVER_NAME: '_',
    HTTP_PORT: `${httpPort}`,
    HTTPS_PORT: `${httpsPort}`,
    DIST: join(dir, 'dist'),
    BIOSTAR_URL: biostar.url,
    TLS_CERT: join(dir, 'web-cert.pem'),
    TLS_KEY: join(dir, 'web-key.pem'),
  }
  // The site settings file from the scratch folder instead of /etc/photo-desk/.
  const config = renderSite(values).replace(SITE_FILE_PATH, join(dir, 'photo-desk.json'))
  if (!config.includes(dir)) throw new Error(`deploy/nginx.conf no longer has ${SITE_FILE_PATH}`)
  const nginx = await startNginx(config, [httpPort, httpsPort]).catch(async (error: unknown) => {
    await biostar.close()
    await sim.close()
    throw error
  })
  const site: DeployedSite = {
    url: `https://127.0.0.1:${httpsPort}`,
    sim,
    biostar,
    values,
    webCert: webTls.cert,
    simCert: simTls.cert,
    variants: [],
    async close() {
      await Promise.all([nginx.stop(), ...site.variants.map((n) => n.stop())])
      await site.biostar?.close()
      await sim.close()
    },
  }
  return site
}

const suite = useBrowserSuite({ scratch: 'photo-desk-deploy-', app: ({ dir }) => startSite(dir) })

let base: string
let sim: Simulator
let values: SiteValues
let webCert: string
let simCert: string

beforeAll(() => {
  ;({ url: base, sim, values, webCert, simCert } = suite.app)
})

const json = { 'content-type': 'application/json' }
const loginBody = JSON.stringify({
  User: { login_id: DEMO_OPERATOR.loginId, password: DEMO_OPERATOR.password },
})
const get = (path: string, headers?: Record<string, string>) =>
  request(`${base}${path}`, { ca: webCert, headers })
const login = (origin = base) =>
  request(`${origin}/api/login`, { ca: webCert, method: 'POST', headers: json, body: loginBody })

/** Replaces `from` in the rendered config, failing when the template no longer has it. */
function edit(site: string, from: string | RegExp, to: string): string {
  const next = site.replace(from, to)
  if (next === site) throw new Error(`deploy/nginx.conf no longer contains ${from}`)
  return next
}

/** Another nginx with a variant of the same config, on its own ports. */
async function variant(change: (site: string) => string): Promise<string> {
  const [httpPort, httpsPort] = await Promise.all([freePort(), freePort()])
  const site = renderSite({ ...values, HTTP_PORT: `${httpPort}`, HTTPS_PORT: `${httpsPort}` })
  const running = await startNginx(change(site), [httpPort, httpsPort])
  suite.app.variants.push(running)
  return `https://127.0.0.1:${httpsPort}`
}

describe('deploy/nginx.conf', () => {
  it('serves the build with the security headers, cache rules and the SPA fallback', async () => {
    const home = await get('/')
    expect(home.status).toBe(200)
    expect(home.headers['content-type']).toMatch(/^text\/html/)
    // Same policy as server/security-headers.ts, so preview and nginx cannot drift apart.
    expect(home.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      expect(home.headers[name.toLowerCase()], name).toBe(value)
    expect(home.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/)
    expect(home.headers['cache-control']).toBe('no-cache')

    // A client-side route gets index.html; a missing hashed file does not.
    const route = await get('/enroll/anything')
    expect(route.status).toBe(200)
    expect(route.body).toBe(home.body)
    expect((await get('/assets/missing-0000.js')).status).toBe(404)

    const script = /src="(\/assets\/[^"]+\.js)"/.exec(home.body)?.[1]
    const style = /href="(\/assets\/[^"]+\.css)"/.exec(home.body)?.[1]
    const js = await get(script!)
    expect(js.headers['content-type']).toMatch(/javascript/)
    expect(js.headers['cache-control']).toContain('immutable')
    expect(js.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect((await get(style!)).headers['content-type']).toMatch(/^text\/css/)

    // No demo mode behind nginx: the app must not offer the simulator's credentials.
    expect((await get('/__photo-desk/demo.json')).status).toBe(404)

    // The site settings file: a plain 404 while there is none (never index.html, which the app
    // would take for a broken file), then the file as it is now, revalidated at every start.
    const none = await get('/photo-desk.json')
    expect(none.status).toBe(404)
    expect(none.body).not.toContain('id="app"')
    writeFileSync(join(suite.dir, 'photo-desk.json'), '{ "deviceSafe": true }\n')
    const siteFile = await get('/photo-desk.json')
    expect(siteFile.status).toBe(200)
    expect(siteFile.headers['content-type']).toMatch(/^application\/json/)
    expect(siteFile.headers['cache-control']).toBe('no-cache')
    expect(siteFile.body).toBe('{ "deviceSafe": true }\n')

    const plain = await request(`http://127.0.0.1:${values.HTTP_PORT}/enroll?x=1`)
    expect(plain.status).toBe(301)
    expect(plain.headers.location).toBe(`${base}/enroll?x=1`)
  })

  it('proxies /api: bs-session-id both ways, photo-sized bodies, BioStar errors untouched', async () => {
    const signedIn = await login()
    expect(signedIn.status).toBe(200)
    const session = signedIn.headers['bs-session-id'] as string
    expect(session).toBeTruthy()
    expect(signedIn.headers['x-photo-desk-proxy-error']).toBeUndefined()
    // BioStar's own Cache-Control (2.9.12+), untouched: nginx adds none to /api/ answers.
    expect(signedIn.headers['cache-control']).toBe('no-store')

    const user = await get('/api/users/1', { 'bs-session-id': session })
    expect(user.status).toBe(200)
    expect(JSON.parse(user.body).Response.code).toBe('0')
    const seen = sim.requests.at(-1)!
    expect(seen.path).toBe('/api/users/1')

    // A 12 MB body (visual-face upload size) reaches BioStar instead of nginx's 413.
    const big = await request(`${base}/api/users/1`, {
      ca: webCert,
      method: 'PUT',
      headers: { ...json, 'bs-session-id': session },
      body: JSON.stringify({ User: { photo: 'x'.repeat(12_000_000) } }),
    })
    expect(big.status).not.toBe(413)
    expect(JSON.parse(big.body).Response).toBeTruthy()
    expect(sim.requests.at(-1)?.method).toBe('PUT')

    // BioStar's own 503 reaches the app as BioStar sent it, not as a proxy failure.
    sim.failNext(1, 503)
    const busy = await get('/api/users/1', { 'bs-session-id': session })
    expect(busy.status).toBe(503)
    expect(busy.headers['x-photo-desk-proxy-error']).toBeUndefined()
    expect(busy.body).not.toContain('proxy-unreachable')
  })

  it('forwards only /api/: raw paths that could leave it are refused before BioStar', async () => {
    // A stand-in for BioStar that records every raw request target nginx sends it.
    const standIn = await recordingBiostar()
    try {
      // Every @BIOSTAR_URL@ (proxy_pass and the envelopes) points at the stand-in.
      const biostarUrl = new RegExp(values.BIOSTAR_URL.replace(/[.]/g, '\\.'), 'g')
      const site = await variant((text) => edit(text, biostarUrl, standIn.url))
      const send = (target: string, method = 'GET') =>
        rawRequest(site, target, { method, ca: webCert, body: method === 'GET' ? undefined : '{}' })

      // nginx folds .. and %2e/%2f in its own copy of the path, but sends BioStar the raw one:
      // what only its folding puts under /api/ is refused too.
      const nginxOnly = ['//api/users/1', '/api-admin/../api/users/1', '/%61pi/users/1']
      for (const target of [...REFUSED, ...nginxOnly]) {
        for (const method of ['GET', 'PUT']) {
          const answer = await send(target, method)
          expectRefusal(answer, standIn.url, `${method} ${target}`)
          expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
        }
      }
      // The refusal's page cannot be asked for directly.
      expect((await send('/__photo-desk/refused')).status).toBe(404)
      for (const target of NOT_API) {
        const app = await send(target)
        expect(app.status, target).toBe(200)
        expect(app.headers['content-type'], target).toMatch(/^text\/html/)
      }
      expect(standIn.reached).toEqual([])

      for (const [method, target] of FORWARDED) {
        const answer = await send(target, method)
        expect(answer.status, target).toBe(200)
        expect(answer.headers['x-photo-desk-proxy-error'], target).toBeUndefined()
      }
      expect(standIn.reached).toEqual(FORWARDED.map(([method, target]) => `${method} ${target}`))
    } finally {
      await standIn.close()
    }
  })

  it('signs in, captures and saves a photo in Chromium: no CSP violation, one origin', async () => {
    const { context, requests, pageErrors } = await newTestContext(suite.browser, {
      ignoreHTTPSErrors: true,
      permissions: ['camera'],
    })
    const violations = await watchCsp(context)
    const page = await context.newPage()
    await page.goto(base)
    await signInOn(page)
    // Focus lands in "User ID" on arrival, as at the desk.
    await page.getByLabel('User ID').waitFor()
    await page.keyboard.type('2')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('user-card').textContent()).toContain('ID 2')
    expect(await page.getByTestId('demo-badge').count()).toBe(0)

    // The camera runs under Permissions-Policy camera=(self).
    await page.getByRole('button', { name: 'Capture' }).click()
    await page.getByAltText('New photo').waitFor()
    await page.getByRole('button', { name: 'Save photo' }).click()
    const status = page.getByRole('status').filter({ hasText: 'Photo saved' })
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain('Photo saved')
    const photo = Buffer.from(sim.getUser('2')?.photo ?? '', 'base64')
    expect([photo[0], photo[1]]).toEqual([0xff, 0xd8])
    await page.screenshot({ path: join(suite.dir, 'through-nginx.png') })

    expect(violations()).toEqual([])
    expect(pageErrors).toEqual([])
    const foreign = requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== base)
    expect(foreign).toEqual([])
    await context.close()
  })

  it("verifies BioStar's certificate with the commented lines, and reports a refused one", async () => {
    const verified =
      (ca: string, timeout = '60s') =>
      (site: string) => {
        let next = edit(site, 'proxy_ssl_verify off;', 'proxy_ssl_verify on;')
        next = edit(next, /# (proxy_ssl_trusted_certificate) \S+;/, `$1 ${ca};`)
        next = edit(next, /# (proxy_ssl_name) \S+;.*/, '$1 localhost;')
        return timeout === '60s'
          ? next
          : edit(next, 'proxy_read_timeout 60s;', `proxy_read_timeout ${timeout};`)
      }
    const rightCa = join(suite.dir, 'biostar-ca.pem')
    const wrongCa = join(suite.dir, 'other-ca.pem')
    writeFileSync(rightCa, simCert)
    writeFileSync(wrongCa, (await selfSignedCert('someone-else')).cert)
    const [good, bad] = await Promise.all([
      variant(verified(rightCa, '1s')),
      variant(verified(wrongCa)),
    ])

    expect((await login(good)).status).toBe(200)
    const refused = await login(bad)
    expect(refused.status).toBe(502)
    expect(refused.headers['x-photo-desk-proxy-error']).toBe('unreachable')
    expect(JSON.parse(refused.body).Response.code).toBe('proxy-unreachable')

    // No answer within proxy_read_timeout: 504 in the same envelope, marked as a timeout.
    sim.setFaults({ latencyMs: [1500, 1500], faultsOnLogin: true })
    try {
      const slow = await login(good)
      expect(slow.status).toBe(504)
      expect(slow.headers['x-photo-desk-proxy-error']).toBe('timeout')
      expect(JSON.parse(slow.body).Response.code).toBe('proxy-timeout')
    } finally {
      sim.setFaults({ latencyMs: [0, 0], faultsOnLogin: false })
    }
  })

  it("answers in BioStar's envelope when BioStar is down, and the app says so", async () => {
    await suite.app.biostar?.close()
    suite.app.biostar = undefined
    const down = await login()
    expect(down.status).toBe(502)
    expect(down.headers['content-type']).toMatch(/^application\/json/)
    expect(down.headers['x-photo-desk-proxy-error']).toBe('unreachable')
    expect(down.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    const body = JSON.parse(down.body)
    expect(body.Response.code).toBe('proxy-unreachable')
    expect(body.proxy.server).toBe(values.BIOSTAR_URL)

    const { context, pageErrors } = await newTestContext(suite.browser, { ignoreHTTPSErrors: true })
    const violations = await watchCsp(context)
    const page = await context.newPage()
    await page.goto(base)
    await signInOn(page)
    const alert = page.getByRole('alert')
    await expect.poll(() => alert.textContent()).toContain('cannot reach the BioStar server')
    expect(await alert.textContent()).toContain(values.BIOSTAR_URL)
    expect(violations()).toEqual([])
    expect(pageErrors).toEqual([])
    await context.close()
  })
})
