import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, preview, type LogLevel, type PreviewServer } from 'vite'
import { biostar, type BiostarPluginOptions } from '../../server/biostar-plugin.ts'
import { previewHttps } from '../../server/https.ts'
import { securityHeaders } from '../../server/security-headers.ts'
import { siteSettings } from '../../server/site-settings.ts'
import { createSimulator, type SimOptions, type Simulator } from '../../sim/index.ts'

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Where tests/e2e/global-setup.ts builds the app for the browser tests. */
export const E2E_OUT_DIR = 'dist-test'

export interface BuildAppOptions {
  outDir?: string
  manifest?: boolean
  logLevel?: LogLevel
  /**
   * A comment put on top of every JS chunk after minifying: another build of the same source,
   * whose scripts all have other hashes and names (as after a code change), for redeploy tests.
   */
  marker?: string
}

/**
 * The production build, exactly as `npm run build` makes it (with vite.config.ts), into `outDir`
 * (relative to the repository or absolute).
 */
export async function buildApp({
  outDir = E2E_OUT_DIR,
  manifest = false,
  logLevel = 'warn',
  marker,
}: BuildAppOptions = {}): Promise<void> {
  // Merged into vite.config.ts's output options (its manualChunks stays).
  const marked = marker ? { rollupOptions: { output: { postBanner: `/* ${marker} */` } } } : {}
  // Vitest runs with NODE_ENV=test, which would give Vue's development build.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({
      root: ROOT,
      mode: 'production',
      logLevel,
      build: { outDir, emptyOutDir: true, manifest, ...marked },
      // Web workers are bundled on their own.
      worker: marked,
    })
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
  }
}

export interface StartAppOptions {
  /** Options for the fresh simulator (seed 1 and recordBodies unless given). */
  sim?: SimOptions
  /** A simulator made by the caller, instead of a fresh one; closed with the app. */
  simulator?: Simulator
  /** The Photo Desk plugin's options; a `biostarUrl` proxies there instead of the simulator. */
  plugin?: BiostarPluginOptions
  /** The build to serve, relative to the repository or absolute. Default: dist-test/. */
  outDir?: string
  /** Serve a private copy of the build, so another run's rebuild cannot pull it away mid-test. */
  copy?: boolean
  /** Production's headers (server/security-headers.ts): the Content-Security-Policy and the rest. */
  securityHeaders?: boolean
  /** HTTPS with a fresh self-signed certificate, as `HTTPS=1 npm run preview` serves it. */
  https?: boolean
  /**
   * The site settings file served as /photo-desk.json (`SITE_SETTINGS=… npm run preview`), read
   * at each request: a test may rewrite it between pages. Default: none (404).
   */
  siteFile?: string
}

export interface RunningApp {
  url: string
  sim: Simulator
  server: PreviewServer
  close(): Promise<void>
}

/**
 * Serves a production build (by default dist-test/, made once by tests/e2e/global-setup.ts)
 * through `vite preview` with the real Photo Desk plugin: either a simulator or a proxy to
 * `plugin.biostarUrl`.
 */
export async function startApp(opts: StartAppOptions = {}): Promise<RunningApp> {
  const outDir = opts.outDir ?? E2E_OUT_DIR
  const scratch = opts.copy || opts.https ? mkdtempSync(join(tmpdir(), 'photo-desk-app-')) : null
  // Browser tests check the photos the server received (sim.requests[i].body).
  const sim = opts.simulator ?? createSimulator({ seed: 1, recordBodies: true, ...opts.sim })
  try {
    let served = outDir
    if (opts.copy && scratch) {
      served = join(scratch, 'dist')
      cpSync(isAbsolute(outDir) ? outDir : join(ROOT, outDir), served, { recursive: true })
    }
    const https =
      opts.https && scratch
        ? await previewHttps({ HTTPS: '1' }, { cacheDir: join(scratch, 'cert'), log: () => {} })
        : undefined
    const server = await preview({
      root: ROOT,
      configFile: false,
      logLevel: 'warn',
      build: { outDir: served },
      preview: { port: 0, host: '127.0.0.1', strictPort: false, https },
      plugins: [
        biostar({
          biostarUrl: '',
          ...opts.plugin,
          simulator: opts.plugin?.biostarUrl ? undefined : sim,
        }),
        siteSettings({ file: opts.siteFile ?? '' }),
        ...(opts.securityHeaders ? [securityHeaders()] : []),
      ],
    })
    const address = server.httpServer.address()
    if (!address || typeof address === 'string') throw new Error('preview server has no port')
    const url = `${https ? 'https' : 'http'}://127.0.0.1:${address.port}`
    let closing: Promise<void> | null = null
    return {
      url,
      sim,
      server,
      // Once, however often it is called (a test may stop its server early; the suite again).
      close: () =>
        (closing ??= (async () => {
          await server.close()
          await sim.close()
          if (scratch) rmSync(scratch, { recursive: true, force: true })
        })()),
    }
  } catch (error) {
    await sim.close()
    if (scratch) rmSync(scratch, { recursive: true, force: true })
    throw error
  }
}
