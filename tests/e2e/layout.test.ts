// Phone, tablet and desktop layouts: no horizontal scrolling, no control covering another, touch
// targets of at least 44 px; and kiosk mode for registration points.
import { describe, expect, it } from 'vitest'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import type { Page } from 'playwright-core'
import { openDesk, findUser, signInOn } from '../helpers/desk-page.ts'
import { DEMO_OPERATOR } from '../../sim/index.ts'

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
]

const suite = useBrowserSuite()

interface Box {
  what: string
  /** On a bar fixed to the screen (the desk's Capture/Save bar on phones), not on the page. */
  fixed: boolean
  x: number
  y: number
  width: number
  height: number
}

/** Visible controls people touch, with their boxes. */
function controls(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    const selector = 'button, a[href], input:not([type=hidden]), select, [role=option], label[for]'
    return (
      [...document.querySelectorAll<HTMLElement>(selector)]
        .filter((el) => {
          const style = getComputedStyle(el)
          const r = el.getBoundingClientRect()
          const hiddenInput =
            el instanceof HTMLInputElement && (el.type === 'file' || style.opacity === '0')
          // Off-screen until focused (the skip link) is not a touch target.
          const offscreen = r.right < 0 || r.left > innerWidth
          return (
            !offscreen &&
            r.width > 1 &&
            r.height > 1 &&
            style.visibility !== 'hidden' &&
            !hiddenInput &&
            !el.closest('dialog:not([open])')
          )
        })
        // A label is a target when it is a button or a checkbox's or radio's: its row is what a
        // finger hits (the box alone is 24 px).
        .filter((el) => {
          if (el.tagName !== 'LABEL' || el.classList.contains('btn')) return true
          const input = document.getElementById((el as HTMLLabelElement).htmlFor)
          return input instanceof HTMLInputElement && ['checkbox', 'radio'].includes(input.type)
        })
        .map((el) => {
          const r = el.getBoundingClientRect()
          let fixed = false
          for (let at: Element | null = el; at && !fixed; at = at.parentElement)
            fixed = getComputedStyle(at).position === 'fixed'
          const name = (el.getAttribute('aria-label') || el.textContent || el.id || el.tagName)
            .trim()
            .slice(0, 30)
          return {
            what: `${el.tagName.toLowerCase()} "${name}"`,
            fixed,
            x: r.x,
            y: fixed ? r.y : r.y + scrollY,
            width: r.width,
            height: r.height,
          }
        })
    )
  })
}

async function check(page: Page, where: string) {
  const scroll = await page.evaluate(() => ({
    sw: document.documentElement.scrollWidth,
    vw: innerWidth,
  }))
  expect(scroll.sw, `${where}: horizontal scroll`).toBeLessThanOrEqual(scroll.vw)
  const boxes = await controls(page)
  expect(boxes.length).toBeGreaterThan(2)
  for (const b of boxes) {
    // Checkboxes are 24 px with their label making up the target row.
    if (b.what.startsWith('input') && b.width < 30) continue
    expect(Math.round(b.height), `${where}: ${b.what} height`).toBeGreaterThanOrEqual(44)
  }
  // A bar fixed to the bottom of the screen must leave room under the page: scrolled to the end,
  // no control of the page is under it.
  const bar = boxes.filter((b) => b.fixed)
  if (bar.length) {
    const view = await page.evaluate(() => ({
      h: innerHeight,
      page: document.documentElement.scrollHeight,
    }))
    const barTop = Math.min(...bar.map((b) => b.y))
    const lowest = Math.max(...boxes.filter((b) => !b.fixed).map((b) => b.y + b.height))
    expect(lowest, `${where}: the last control under the fixed bar`).toBeLessThanOrEqual(
      view.page - (view.h - barTop),
    )
  }
  // A checkbox is 24 px: its label row is the target, so the label itself is at least 44 px high.
  const labels = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLLabelElement>('label[for]')]
      .filter((l) => l.control instanceof HTMLInputElement && l.control.type === 'checkbox')
      .filter((l) => l.getClientRects().length > 0)
      .map((l) => ({ what: l.textContent?.trim().slice(0, 30), height: l.offsetHeight })),
  )
  for (const l of labels)
    expect(l.height, `${where}: label "${l.what}" height`).toBeGreaterThanOrEqual(44)
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!
      const c = boxes[j]!
      // Fixed and page controls meet only at one scroll position, checked above.
      if (a.fixed !== c.fixed) continue
      const overlap =
        Math.min(a.x + a.width, c.x + c.width) - Math.max(a.x, c.x) > 2 &&
        Math.min(a.y + a.height, c.y + c.height) - Math.max(a.y, c.y) > 2
      expect(overlap, `${where}: ${a.what} overlaps ${c.what}`).toBe(false)
    }
}

describe.each(VIEWPORTS)('at $width x $height', (viewport) => {
  it('sign-in, desk with a photo, settings and the session log fit', async () => {
    const context = await suite.browser.newContext({ viewport, permissions: ['camera'] })
    // Layout, not faces: no face model to load in every size (camera-panel tests the coaching's
    // place on the picture at these sizes).
    await context.addInitScript(() =>
      localStorage.setItem('photo-desk:settings', JSON.stringify({ faceGuide: false })),
    )
    const page = await context.newPage()
    await page.goto(suite.app.url)
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await check(page, 'sign-in')
    await signInOn(page)
    await findUser(page, '5')
    await check(page, 'desk')
    await page.getByRole('button', { name: 'Capture' }).click()
    await page.getByAltText('New photo').waitFor()
    await check(page, 'desk with photo')
    // Saved, so the session log has an entry (its table and filter) to lay out.
    await page.getByRole('button', { name: 'Save photo' }).click()
    await page.getByRole('status').filter({ hasText: 'Photo saved' }).first().waitFor()
    await page.goto(`${suite.app.url}/settings`)
    await page.getByRole('heading', { name: 'Settings' }).waitFor()
    await check(page, 'settings')
    expect(await page.locator('label[for="set-kiosk"]').count()).toBe(1)
    await page.goto(`${suite.app.url}/log`)
    await page.getByTestId('log-entry').first().waitFor()
    await check(page, 'session log')
    await context.close()
  })
})

describe('kiosk mode', () => {
  it('hides the menu, resets after a save, and takes the password to leave', async () => {
    const { page, close } = await openDesk(suite.browser, suite.app.url)
    await page.goto(`${suite.app.url}/settings`)
    await page.getByLabel('Kiosk mode').click()
    await page.getByLabel('User ID').waitFor()
    expect(await page.getByRole('navigation').count()).toBe(0)
    // Sign out stays (it asks for the password in kiosk mode: tests/e2e/kiosk.test.ts).
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1)
    await findUser(page, '15')
    await page.getByRole('button', { name: 'Capture' }).click()
    await page.getByAltText('New photo').waitFor()
    await page.getByRole('button', { name: 'Save photo' }).click()
    await page.getByTestId('kiosk-reset').waitFor()
    // Back to an empty desk for the next person, focus in User ID.
    await page.getByTestId('user-card').waitFor({ state: 'detached', timeout: 10_000 })
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('user-id')

    const exit = page.getByRole('button', { name: 'Exit kiosk mode' })
    await exit.click()
    const dialog = page.getByRole('dialog', { name: 'Exit kiosk mode' })
    // Esc keeps kiosk mode and gives the focus back to the button.
    await dialog.waitFor()
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await exit.evaluate((b) => b === document.activeElement)).toBe(true)
    await page.keyboard.press('Enter')
    await dialog.getByLabel('Password').fill('wrong')
    await dialog.getByRole('button', { name: 'Exit kiosk mode' }).click()
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('wrong')
    await dialog.getByLabel('Password').fill(DEMO_OPERATOR.password)
    await dialog.getByRole('button', { name: 'Exit kiosk mode' }).click()
    await page.getByRole('navigation').waitFor()
    await close()
  })
})
