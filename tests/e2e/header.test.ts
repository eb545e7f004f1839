// The header: one row on a desktop even with a long operator name (cut short on screen, whole for
// screen readers and in the tooltip), one row plus a Menu button on a phone with the language
// menu and Sign out behind it; and <html lang> follows the language chosen.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { newTestContext } from '../helpers/chromium.ts'
import { signInOn } from '../helpers/desk-page.ts'

const LONG_NAME = 'Maximiliana Konstantinopoulou-Wellesley Q' // 41 characters, no break inside
const suite = useBrowserSuite({ fakeCamera: false })

/** Signs the admin in with a 41-character name at this viewport; the desk is open after it. */
async function openAt(width: number, height: number, locale: 'en' | 'ko' = 'en') {
  const admin = suite.app.sim.getUser('1')!
  suite.app.sim.addUser({ ...admin, name: LONG_NAME })
  const { context, pageErrors } = await newTestContext(suite.browser, {
    viewport: { width, height },
  })
  await context.addInitScript((l) => {
    // Not in documents without storage (about:blank); a choice made on the page stays.
    try {
      if (!localStorage.getItem('photo-desk:locale')) localStorage.setItem('photo-desk:locale', l)
    } catch {
      // no storage here
    }
  }, locale)
  const page = await context.newPage()
  await page.goto(suite.app.url)
  if (locale === 'en') await signInOn(page)
  else {
    await page.getByLabel('로그인 ID').fill('admin')
    await page.getByLabel('비밀번호', { exact: true }).fill('Demo-1234!')
    await page.getByRole('button', { name: '로그인' }).click()
  }
  await page.getByTestId('operator-name').waitFor({ state: 'attached' })
  // The name shows as the session starts, just before the move to the desk; a click on Menu in
  // between is folded again by that navigation, as any navigation folds it.
  await page.waitForURL((url) => url.pathname === '/')
  return { page, context, pageErrors }
}

/** The header's height and whether its items stay inside it and the window. */
function headerBox(page: Page) {
  return page.evaluate(() => {
    const header = document.querySelector('header')!
    const box = header.getBoundingClientRect()
    const visible = [...header.querySelectorAll<HTMLElement>('a[href], button, select')].filter(
      (el) => el.getClientRects().length > 0 && el.getBoundingClientRect().left >= 0,
    )
    const rows = new Set(visible.map((el) => Math.round(el.getBoundingClientRect().top / 10)))
    return {
      height: box.height,
      rows: rows.size,
      overflow: document.documentElement.scrollWidth - innerWidth,
      outside: visible
        .filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5)
        .map((el) => el.textContent?.trim()),
    }
  })
}

// One row: a 44 px control plus the header's padding and border, with room for rounding.
const ONE_ROW = 44 + 16 + 1 + 4

describe('at 1280 x 800', () => {
  it('keeps one row with a 40-character operator name, the name whole for screen readers', async () => {
    for (const locale of ['en', 'ko'] as const) {
      const { page, context, pageErrors } = await openAt(1280, 800, locale)
      const box = await headerBox(page)
      expect(box.height, locale).toBeLessThanOrEqual(ONE_ROW)
      expect(box.rows, locale).toBe(1)
      expect(box.overflow, locale).toBeLessThanOrEqual(0)
      expect(box.outside, locale).toEqual([])

      const name = page.getByTestId('operator-name')
      // Cut short with an ellipsis on screen, but all of it is in the page and the tooltip.
      expect(await name.textContent()).toBe(LONG_NAME)
      const who = page.locator('header .who')
      expect(await who.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true)
      expect(await who.evaluate((el) => getComputedStyle(el).textOverflow)).toBe('ellipsis')
      expect(await who.getAttribute('title')).toContain(LONG_NAME)
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale)
      expect(pageErrors).toEqual([])
      await context.close()
    }
  })

  it('stays one row at every width, folding into the menu when the links do not fit', async () => {
    const { page, context } = await openAt(1280, 800)
    for (const width of [1240, 1181, 1180, 1024, 900, 768]) {
      await page.setViewportSize({ width, height: 800 })
      const box = await headerBox(page)
      expect(box.height, `${width}`).toBeLessThanOrEqual(ONE_ROW)
      expect(box.overflow, `${width}`).toBeLessThanOrEqual(0)
      expect(box.outside, `${width}`).toEqual([])
    }
    await context.close()
  })
})

describe('at 390 x 844', () => {
  it('is one row with a Menu button; the links, language menu and Sign out are behind it', async () => {
    const { page, context, pageErrors } = await openAt(390, 844)
    let box = await headerBox(page)
    expect(box.height).toBeLessThanOrEqual(ONE_ROW)
    expect(box.rows).toBe(1)
    expect(box.overflow).toBeLessThanOrEqual(0)

    const menu = page.getByRole('button', { name: 'Menu' })
    const signOut = page.getByRole('button', { name: 'Sign out' })
    const language = page.getByRole('combobox', { name: 'Language' })
    expect(await signOut.isVisible()).toBe(false)
    expect(await language.isVisible()).toBe(false)
    expect(await menu.getAttribute('aria-expanded')).toBe('false')

    await menu.click()
    expect(await menu.getAttribute('aria-expanded')).toBe('true')
    await signOut.waitFor()
    expect(await language.isVisible()).toBe(true)
    expect(await page.getByRole('link', { name: 'Settings' }).isVisible()).toBe(true)
    box = await headerBox(page)
    expect(box.overflow).toBeLessThanOrEqual(0)
    for (const control of [signOut, language, menu]) {
      const b = (await control.boundingBox())!
      expect(b.height).toBeGreaterThanOrEqual(44)
      expect(b.x + b.width).toBeLessThanOrEqual(390)
    }

    // The language menu works from there, and <html lang> follows it.
    await language.selectOption('ko')
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ko')
    await page.getByRole('combobox', { name: '언어' }).selectOption('en')
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en')

    // A link folds the menu again; Sign out signs out.
    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('heading', { name: 'Settings' }).waitFor()
    expect(await signOut.isVisible()).toBe(false)
    await menu.click()
    await signOut.click()
    await page.getByLabel('Login ID').waitFor()
    expect(pageErrors).toEqual([])
    await context.close()
  })
})
