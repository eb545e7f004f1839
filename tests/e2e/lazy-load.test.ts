// Screens, their strings and the signed-in dialogs load when first needed. On a flaky network a
// load can fail: the clerk must see why and get it back with one button, losing nothing.
import { describe, expect, it } from 'vitest'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import type { Page } from 'playwright-core'
import { newTestContext } from '../helpers/chromium.ts'
import { signInOn } from '../helpers/desk-page.ts'

const suite = useBrowserSuite()

/** A page whose requests for `pattern` fail while `blocked.on` is true; counts the failures. */
async function pageWithFlakyChunk(pattern: RegExp) {
  // The offline copy's service worker would answer from its cache, out of reach of the test.
  const { context, pageErrors } = await newTestContext(suite.browser, {
    permissions: ['camera'],
    serviceWorkers: 'block',
  })
  const page = await context.newPage()
  const blocked = { on: true, failures: 0 }
  await page.route(pattern, (route) => {
    if (!blocked.on) return route.continue()
    blocked.failures++
    return route.abort('internetdisconnected')
  })
  return { page, context, pageErrors, blocked }
}

async function signIn(page: Page) {
  await page.goto(suite.app.url)
  await signInOn(page)
  await page.getByLabel('User ID').waitFor()
}

describe('lazily loaded parts on a flaky network', () => {
  it('says when a screen could not load, keeps the desk as it was, and loads it on Try again', async () => {
    const { page, context, pageErrors, blocked } = await pageWithFlakyChunk(
      /\/assets\/BatchView-[^/]+\.js$/,
    )
    await signIn(page)
    await page.getByLabel('User ID').fill('12')

    await page.getByRole('link', { name: 'Batch import' }).click()
    const banner = page.getByTestId('load-failed')
    await banner.waitFor()
    expect(await banner.getAttribute('role')).toBe('alert')
    expect(await banner.innerText()).toContain('could not be loaded')
    expect(blocked.failures).toBeGreaterThan(0)
    // Still on the desk, with what was typed.
    expect(new URL(page.url()).pathname).toBe('/')
    expect(await page.getByLabel('User ID').inputValue()).toBe('12')
    // The button has the focus: Enter is enough.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
      .toBe('Try again')

    blocked.on = false
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Batch import' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/batch')
    expect(await banner.count()).toBe(0)
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it("does the same when only the screen's strings fail, and never shows their keys", async () => {
    const { page, context, blocked } = await pageWithFlakyChunk(/\/assets\/log\.en-[^/]+\.js$/)
    await signIn(page)
    await page.getByRole('link', { name: 'Session log' }).click()
    await page.getByTestId('load-failed').waitFor()
    expect(await page.locator('main').innerText()).not.toMatch(/\blog\.\w+/)

    blocked.on = false
    await page.getByRole('button', { name: 'Try again' }).click()
    await page.getByRole('heading', { level: 1, name: 'Session log' }).waitFor()
    expect(await page.locator('main').innerText()).not.toMatch(/\blog\.\w+/)
    await context.close()
  })

  it('starts in English when Korean cannot be fetched, and the language menu says why', async () => {
    const { context, pageErrors } = await newTestContext(suite.browser, {
      serviceWorkers: 'block',
      locale: 'ko-KR',
    })
    const page = await context.newPage()
    const blocked = { on: true }
    await page.route(/\/assets\/ko-[^/]+\.js$/, (route) =>
      blocked.on ? route.abort('internetdisconnected') : route.continue(),
    )
    await page.goto(suite.app.url)
    // A Korean browser, Korean not reachable: the sign-in screen still comes, in English.
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    expect(await page.evaluate(() => navigator.language)).toBe('ko-KR')

    const select = page.locator('header select')
    await select.selectOption('ko')
    const alert = page.getByTestId('language-failed')
    await alert.waitFor()
    expect(await alert.getAttribute('role')).toBe('alert')
    expect(await alert.innerText()).toContain('한국어 could not be loaded')
    expect(await select.inputValue()).toBe('en')
    expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(1)

    blocked.on = false
    await select.selectOption('ko')
    await page.getByRole('button', { name: '로그인' }).waitFor()
    expect(await alert.count()).toBe(0)
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('retries the "Session expired" dialog until it loads, so an expiry still asks for the password', async () => {
    const { page, context, blocked } = await pageWithFlakyChunk(
      /\/assets\/SessionExpiredDialog-[^/]+\.js$/,
    )
    // Two failures, then the network is back: within the retries (0.5 s, 1 s, 2 s).
    await page.route(/\/assets\/SessionExpiredDialog-[^/]+\.js$/, async (route) => {
      if (blocked.failures >= 2) blocked.on = false
      await route.fallback()
    })
    await signIn(page)
    await expect.poll(() => blocked.failures, { timeout: 10_000 }).toBe(2)

    suite.app.sim.expireSessions()
    await page.getByLabel('User ID').fill('7')
    await page.getByLabel('User ID').press('Enter')
    const dialog = page.getByRole('dialog')
    await dialog.waitFor({ timeout: 15_000 })
    expect(await dialog.innerText()).toContain('Session expired')
    await context.close()
  })
})
