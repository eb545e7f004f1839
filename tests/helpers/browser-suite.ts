// The set-up most browser test files share: the production build served with its own simulator,
// and one Chromium, started before the file's tests and closed after them.
import { afterAll, beforeAll } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchChromium, type LaunchChromiumOptions } from './chromium.ts'
import { startApp, type RunningApp } from './app-server.ts'

export interface BrowserSuite {
  /** The app and its simulator (`app.url`, `app.sim`). */
  readonly app: RunningApp
  readonly browser: Browser
}

/** Registers beforeAll/afterAll for the calling test file; read the fields inside the tests. */
export function useBrowserSuite(
  launch: LaunchChromiumOptions = { fakeCamera: true },
): BrowserSuite {
  let app: RunningApp | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    ;[app, browser] = await Promise.all([startApp(), launchChromium(launch)])
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
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
  }
}
