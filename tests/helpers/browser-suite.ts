// The one set-up of every browser test file: what it serves (by default the production build with
// its own simulator), Chromium, and a scratch folder, started before the file's tests and closed
// after them, with whatever the tests start on the way (more apps, more browsers).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchChromium, type LaunchChromiumOptions } from './chromium.ts'
import { startApp, type RunningApp, type StartAppOptions } from './app-server.ts'

/** Anything a suite serves pages from: the app, a lab's dev server, nginx. */
export interface Served {
  url: string
  close(): Promise<void>
}

/** What a custom `app` starter gets. */
export interface SuiteContext {
  /** The scratch folder (see `scratch`), made before the app starts. */
  dir: string
}

export interface BrowserSuiteOptions<A extends Served = RunningApp> extends Omit<
  LaunchChromiumOptions,
  'fakeCamera'
> {
  /**
   * The file's Chromium camera. Default true (Chromium's test pattern); false for none; a .y4m
   * path; or a function that writes a clip into the scratch folder and returns its path.
   */
  fakeCamera?: boolean | string | ((dir: string) => string)
  /**
   * What the file serves. Default: startApp() (dist-test/ and a fresh simulator); startApp's
   * options; a function that starts something else; false for nothing (tests call startApp).
   */
  app?: StartAppOptions | ((context: SuiteContext) => Promise<A>) | false
  /** Launch the file's Chromium (default). false: each test launches its own with launch(). */
  browser?: boolean
  /** A scratch folder `dir` named `<scratch>…` in the system's temp folder, removed afterwards. */
  scratch?: string
  /** Time allowed to start everything, ms (a starter that builds an app needs more). */
  timeout?: number
}

export interface BrowserSuite<A extends Served = RunningApp> {
  /** What the file serves (`app.url`; for the default app also `app.sim`). */
  readonly app: A
  /** The file's Chromium. */
  readonly browser: Browser
  /** The scratch folder (only with the `scratch` option). */
  readonly dir: string
  /** Another Chromium (camera flags apply per process), closed after the file's tests. */
  launch(options?: LaunchChromiumOptions): Promise<Browser>
  /** Another app (startApp), closed after the file's tests. */
  startApp(options?: StartAppOptions): Promise<RunningApp>
}

/** Registers beforeAll/afterAll for the calling file or describe; read the fields inside tests. */
export function useBrowserSuite<A extends Served = RunningApp>(
  options: BrowserSuiteOptions<A> = {},
): BrowserSuite<A> {
  const {
    fakeCamera = true,
    app: appOption = {},
    browser: withBrowser = true,
    scratch,
    timeout,
    ...launchOptions
  } = options
  let dir: string | undefined
  let app: A | undefined
  let browser: Browser | undefined
  const browsers: Browser[] = []
  const apps: Served[] = []

  beforeAll(async () => {
    if (scratch) dir = mkdtempSync(join(tmpdir(), scratch))
    const context = { dir: dir ?? '' }
    const camera = typeof fakeCamera === 'function' ? fakeCamera(context.dir) : fakeCamera
    const starting =
      appOption === false
        ? undefined
        : typeof appOption === 'function'
          ? appOption(context)
          : (startApp(appOption) as unknown as Promise<A>)
    const launching = withBrowser
      ? launchChromium({ ...launchOptions, fakeCamera: camera })
      : undefined
    // Both started before either is awaited; whatever did start is closed by afterAll.
    const [started, launched] = await Promise.allSettled([starting, launching])
    if (started.status === 'fulfilled') app = started.value
    if (launched.status === 'fulfilled') browser = launched.value
    if (started.status === 'rejected') throw started.reason
    if (launched.status === 'rejected') throw launched.reason
  }, timeout)

  afterAll(async () => {
    await Promise.all([browser, ...browsers].map((b) => b?.close()))
    await Promise.all([app, ...apps].map((a) => a?.close()))
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: use it inside a test`)
    return value
  }
  return {
    get app() {
      return started(app, 'the app')
    },
    get browser() {
      return started(browser, 'Chromium')
    },
    get dir() {
      return started(dir, 'the scratch folder')
    },
    async launch(launch = {}) {
      const launched = await launchChromium(launch)
      browsers.push(launched)
      return launched
    },
    async startApp(start = {}) {
      const running = await startApp(start)
      apps.push(running)
      return running
    },
  }
}
