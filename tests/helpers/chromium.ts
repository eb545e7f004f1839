import {
  chromium,
  selectors,
  type Browser,
  type BrowserContext,
  type LaunchOptions,
} from 'playwright-core'

// The app marks test hooks with data-test (style.md); getByTestId should find them.
selectors.setTestIdAttribute('data-test')

/** Flags that keep Chromium from dialling out on a closed network (toolchain.md). */
export const QUIET_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface LaunchChromiumOptions {
  /** true: Chromium's built-in test pattern; a string: an absolute path to a .y4m clip. */
  fakeCamera?: boolean | string
  args?: string[]
  launch?: LaunchOptions
}

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
  return path
}

/** One browser per test file; camera flags apply to the whole process. */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<Browser> {
  const args = [...QUIET_FLAGS, ...(options.args ?? [])]
  if (options.fakeCamera) {
    args.push('--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream')
    if (typeof options.fakeCamera === 'string')
      args.push(`--use-file-for-fake-video-capture=${options.fakeCamera}`)
  }
  return chromium.launch({ executablePath: chromiumPath(), args, ...options.launch })
}

/** A context that fails the test on any uncaught page error, and records every request URL. */
export async function newTestContext(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
) {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    ...options,
  })
  // Fail in seconds, not the default 30: a missing element is a bug, not a slow machine.
  context.setDefaultTimeout(15_000)
  const requests: string[] = []
  const pageErrors: string[] = []
  context.on('request', (r) => requests.push(r.url()))
  context.on('page', (p) => p.on('pageerror', (e) => pageErrors.push(String(e))))
  return { context, requests, pageErrors }
}
