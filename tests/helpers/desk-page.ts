import type { Browser, BrowserContext, Page } from 'playwright-core'
import { newTestContext } from './chromium.ts'
import { DEMO_OPERATOR } from '../../sim/index.ts'

export interface OpenDeskOptions {
  /**
   * Desk settings this browser starts with (as Settings stores them), e.g. `{ faceGuide: false }`
   * for a test about writes, not faces: no face model, the centred crop at once.
   */
  settings?: Record<string, unknown>
  /** Runs on the new context before the page opens (routes, init scripts, timeouts). */
  prepare?: (context: BrowserContext) => Promise<unknown>
}

/** A signed-in desk page with the camera allowed; pageErrors collects uncaught errors. */
export async function openDesk(
  browser: Browser,
  url: string,
  who: { loginId: string; password: string } = DEMO_OPERATOR,
  options: OpenDeskOptions = {},
) {
  const { context, pageErrors, requests } = await newTestContext(browser, {
    permissions: ['camera'],
  })
  if (options.settings)
    await context.addInitScript((settings) => {
      // Also runs in documents without storage (a download's, about:blank): nothing to set there.
      try {
        if (!localStorage.getItem('photo-desk:settings'))
          localStorage.setItem('photo-desk:settings', JSON.stringify(settings))
      } catch {
        // no storage in this document
      }
    }, options.settings)
  await options.prepare?.(context)
  const page = await context.newPage()
  const consoleLines: string[] = []
  page.on('console', (m) => consoleLines.push(m.text()))
  await page.goto(url)
  await signInOn(page, who)
  await page
    .getByLabel('User ID')
    .waitFor({ timeout: 30_000 })
    .catch(async (error: unknown) => {
      throw new Error(`desk did not open: ${await page.locator('body').innerText()}`, {
        cause: error,
      })
    })
  return { page, context, pageErrors, requests, consoleLines, close: () => context.close() }
}

export async function signInOn(
  page: Page,
  who: { loginId: string; password: string } = DEMO_OPERATOR,
) {
  await page.getByLabel('Login ID').fill(who.loginId)
  await page.getByLabel('Password', { exact: true }).fill(who.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** Types an id into "User ID" and presses Enter, as a clerk does; waits for the card. */
export async function findUser(page: Page, userId: string) {
  const field = page.getByLabel('User ID')
  await field.click()
  await field.fill(userId)
  await field.press('Enter')
  await page
    .getByTestId('user-card')
    .filter({ hasText: `ID ${userId}` })
    .waitFor()
}
