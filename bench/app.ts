// The production build served the way tests/helpers/app-server.ts serves dist-test/, but from the
// benchmark's own build folder, with the simulator in-process (no artificial latency) and a
// timestamp taken when each PUT /api/users/:id answer has been sent.
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { build, preview, type PreviewServer } from 'vite'
import { biostar } from '../server/biostar-plugin.ts'
import { createSimulator, DEMO_OPERATOR, type SimOptions, type Simulator } from '../sim/index.ts'

export const root = fileURLToPath(new URL('..', import.meta.url))

/** Where `npm run bench` builds the app (ignored by git, like dist-test/). */
export const BENCH_OUT_DIR = 'dist-bench'

/** A production build with a manifest (for the chunk graph), as the e2e setup builds it. */
export async function buildApp(outDir = BENCH_OUT_DIR): Promise<void> {
  await build({
    root,
    // Errors only: the bundler's plugin-timing notes are noise here.
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, manifest: true },
  })
}

/** One PUT to /api/users/:id, when its answer was fully sent (performance.now() in Node). */
export interface PutRecord {
  path: string
  status: number
  at: number
}

export interface ServedApp {
  url: string
  sim: Simulator
  puts: PutRecord[]
  server: PreviewServer
  close(): Promise<void>
}

/** Serves `outDir` with `vite preview` and the Photo Desk plugin over a fresh simulator. */
export async function serveApp(sim: SimOptions = {}, outDir = BENCH_OUT_DIR): Promise<ServedApp> {
  const simulator = createSimulator({ seed: 1, ...sim })
  const puts: PutRecord[] = []
  const handle = simulator.handle.bind(simulator)
  simulator.handle = (req, res, next) => {
    const path = req.url ?? ''
    if (req.method === 'PUT' && path.startsWith('/api/users/'))
      res.once('finish', () => puts.push({ path, status: res.statusCode, at: performance.now() }))
    handle(req, res, next)
  }
  const server = await preview({
    root,
    configFile: false,
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    plugins: [biostar({ biostarUrl: '', simulator })],
  })
  const address = server.httpServer.address()
  if (!address || typeof address === 'string') throw new Error('preview server has no port')
  return {
    url: `http://127.0.0.1:${address.port}`,
    sim: simulator,
    puts,
    server,
    async close() {
      await server.close()
      await simulator.close()
    },
  }
}

/** Requests that left this machine (or tried to): the benchmark fetches nothing from outside. */
export const outsideRequests: string[] = []

/** Aborts and records any request not to 127.0.0.1 / localhost (data: and blob: never route). */
export async function guardNetwork(context: BrowserContext): Promise<void> {
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url())
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue()
    outsideRequests.push(url.href)
    return route.abort('blockedbyclient')
  })
}

/** A new page signed in to the app as the demo operator, on the desk with "User ID" ready. */
export async function signedInPage(
  browser: Browser,
  app: ServedApp,
): Promise<{ page: Page; context: BrowserContext; pageErrors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    permissions: ['camera'],
  })
  context.setDefaultTimeout(20_000)
  await guardNetwork(context)
  // tsx keeps function names with a `__name` helper that serialised functions call.
  await context.addInitScript('globalThis.__name ??= (f) => f')
  const pageErrors: string[] = []
  const page = await context.newPage()
  page.on('pageerror', (e) => pageErrors.push(String(e)))
  await page.goto(app.url)
  await page.getByLabel('Login ID').fill(DEMO_OPERATOR.loginId)
  await page.getByLabel('Password', { exact: true }).fill(DEMO_OPERATOR.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByLabel('User ID').waitFor({ timeout: 30_000 })
  return { page, context, pageErrors }
}
