// The app as the benchmark serves it: the browser tests' helpers (tests/helpers/app-server.ts,
// desk-page.ts) on the benchmark's own build folder, with a timestamp taken when each
// PUT /api/users/:id answer has been sent, and no request allowed off this machine.
import type { Browser, BrowserContext } from 'playwright-core'
import {
  buildApp as buildProduction,
  startApp,
  type RunningApp,
} from '../tests/helpers/app-server.ts'
import { openDesk } from '../tests/helpers/desk-page.ts'
import { createSimulator, DEMO_OPERATOR, type SimOptions } from '../sim/index.ts'

/** Where `npm run bench` builds the app (ignored by git, like dist-test/). */
export const BENCH_OUT_DIR = 'dist-bench'

/** A production build with a manifest (for the chunk graph), as the e2e setup builds it. */
export function buildApp(outDir = BENCH_OUT_DIR): Promise<void> {
  // Errors only: the bundler's plugin-timing notes are noise here.
  return buildProduction({ outDir, manifest: true, logLevel: 'error' })
}

/** One PUT to /api/users/:id, when its answer was fully sent (performance.now() in Node). */
export interface PutRecord {
  path: string
  status: number
  at: number
}

export interface ServedApp extends RunningApp {
  puts: PutRecord[]
}

/** Serves `outDir` like the browser tests serve dist-test/, over a fresh simulator (seed 1). */
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
  return { ...(await startApp({ simulator, outDir })), puts }
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

/**
 * Records any request not to 127.0.0.1 / localhost without intercepting the rest. For measures
 * of thousands of requests (the photo review's 25,000): a route costs each request a round trip
 * through this process, which is the bench's cost, not the app's.
 */
export function watchNetwork(context: BrowserContext): void {
  context.on('request', (request) => {
    const url = new URL(request.url())
    if (!/^(https?|wss?):$/.test(url.protocol)) return
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') outsideRequests.push(url.href)
  })
}

/**
 * The tests' openDesk (signed in as the demo operator, "User ID" ready), network guarded, or
 * only watched (`watchOnly`) where a route on every request would weigh on what is measured.
 */
export function signedInPage(browser: Browser, app: ServedApp, { watchOnly = false } = {}) {
  return openDesk(browser, app.url, DEMO_OPERATOR, {
    async prepare(context) {
      context.setDefaultTimeout(20_000)
      if (watchOnly) watchNetwork(context)
      else await guardNetwork(context)
      // tsx keeps function names with a `__name` helper that serialised functions call.
      await context.addInitScript('globalThis.__name ??= (f) => f')
    },
  })
}
