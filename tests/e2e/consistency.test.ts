// The same look for the same meaning on every screen: a disabled primary button is plainly off,
// Remove looks destructive, every screen behind the menu has one page layout, and Korean breaks
// between words.
import { describe, expect, it } from 'vitest'
import type { Locator } from 'playwright-core'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { findUser, openDesk } from '../helpers/desk-page.ts'

const suite = useBrowserSuite()

const style = (locator: Locator) =>
  locator.evaluate((el) => {
    const s = getComputedStyle(el)
    return {
      background: s.backgroundColor,
      color: s.color,
      border: s.borderTopColor,
      cursor: s.cursor,
      opacity: s.opacity,
    }
  })

describe('buttons', () => {
  it('a disabled primary button is grey, not a faded blue; Remove is red', async () => {
    const { page, close } = await openDesk(suite.browser, suite.app.url, undefined, {
      settings: { faceGuide: false },
    })
    await page.getByRole('link', { name: 'Session log' }).click()
    const exportCsv = page.getByRole('button', { name: 'Export CSV' })
    await exportCsv.waitFor()
    expect(await exportCsv.isDisabled()).toBe(true)
    const off = await style(exportCsv)
    const primary = await style(page.getByRole('link', { name: 'Session log' })) // the blue
    expect(off.background).not.toBe(primary.background)
    expect(off.cursor).toBe('not-allowed')
    expect(off.opacity).toBe('1')

    await page.getByRole('link', { name: 'Desk' }).click()
    await findUser(page, '5')
    const remove = await style(page.getByRole('button', { name: 'Remove photo' }))
    expect(remove.color).toBe('rgb(163, 32, 32)')
    expect(remove.border).toBe('rgb(163, 32, 32)')
    await close()
  })
})

describe('pages', () => {
  it('Settings, Session log, Batch import and Diagnostics share one layout and width', async () => {
    const { page, close } = await openDesk(suite.browser, suite.app.url, undefined, {
      settings: { faceGuide: false },
    })
    const widths: number[] = []
    for (const [path, heading] of [
      ['/settings', 'Settings'],
      ['/log', 'Session log'],
      ['/batch', 'Batch import'],
      ['/diagnostics', 'Diagnostics'],
    ] as const) {
      await page.goto(`${suite.app.url}${path}`)
      const h1 = page.getByRole('heading', { name: heading, level: 1 })
      await h1.waitFor()
      const section = page.locator('section.page')
      expect(await section.count(), path).toBe(1)
      expect(await section.locator('.page-head h1').count(), path).toBe(1)
      widths.push((await section.boundingBox())!.width)
    }
    expect(new Set(widths).size).toBe(1)
    expect(widths[0]).toBeGreaterThan(1200)
    // Settings' groups sit side by side at 1280 px, not in one narrow column.
    await page.goto(`${suite.app.url}/settings`)
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor()
    const tops = await page
      .locator('fieldset')
      .evaluateAll((all) => all.map((f) => Math.round(f.getBoundingClientRect().top)))
    expect(tops.length).toBe(3)
    expect(new Set(tops).size).toBe(1)
    await close()
  })

  it('Korean breaks between words, and <html lang> says Korean', async () => {
    const { page, close } = await openDesk(suite.browser, suite.app.url, undefined, {
      settings: { faceGuide: false },
    })
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ko')
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ko')
    await page.goto(`${suite.app.url}/settings`)
    await page.getByRole('heading', { name: '설정', level: 1 }).waitFor()
    const text = page.locator('.page-title p')
    expect(await text.evaluate((el) => getComputedStyle(el).wordBreak)).toBe('keep-all')
    expect(await text.evaluate((el) => getComputedStyle(el).overflowWrap)).toBe('anywhere')
    await close()
  })
})
