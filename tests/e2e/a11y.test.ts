// axe-core on every screen, in English and Korean: no serious or critical findings, and no
// message key shown instead of its text (each screen loads its own strings).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import type { Page } from 'playwright-core'
import { openDesk } from '../helpers/desk-page.ts'
import { DEMO_OPERATOR } from '../../sim/index.ts'
import { messages } from '../../src/i18n/messages.ts'

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)
const suite = useBrowserSuite()

interface Finding {
  id: string
  impact: string
  help: string
  nodes: string[]
}

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}
const MESSAGE_KEYS = keys(messages.en)

/** Message keys found in the page's text or labels: a string that was never loaded. */
function untranslated(page: Page): Promise<string[]> {
  return page.evaluate((all) => {
    const labels = [...document.querySelectorAll('[aria-label], [title], [placeholder]')].map(
      (el) => ['aria-label', 'title', 'placeholder'].map((a) => el.getAttribute(a) ?? '').join(' '),
    )
    const text = [document.body.innerText, document.title, ...labels].join('\n')
    return all.filter((key) => text.includes(key))
  }, MESSAGE_KEYS)
}

async function audit(page: Page, screen: string): Promise<Finding[]> {
  expect(await untranslated(page), `message keys on ${screen}`).toEqual([])
  await page.addScriptTag({ content: axeSource })
  const found = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(o: unknown): Promise<{
            violations: Array<{
              id: string
              impact: string
              help: string
              nodes: Array<{ target: string[] }>
            }>
          }>
        }
      }
    ).axe
    const result = await axe.run({ resultTypes: ['violations'] })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }))
  })
  const serious = found.filter((f) => f.impact === 'serious' || f.impact === 'critical')
  if (serious.length) console.log(screen, JSON.stringify(serious, null, 2))
  return serious
}

async function setLanguage(page: Page, lang: 'en' | 'ko') {
  await page.locator('header select').selectOption(lang)
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang)
}

for (const lang of ['en', 'ko'] as const) {
  describe(`in ${lang === 'en' ? 'English' : 'Korean'}`, () => {
    it('sign-in and diagnostics have no serious findings', async () => {
      const context = await suite.browser.newContext()
      const page = await context.newPage()
      await page.goto(suite.app.url)
      await page.getByRole('button', { name: /Sign in|로그인/ }).waitFor()
      await setLanguage(page, lang)
      expect(await audit(page, `sign-in ${lang}`)).toEqual([])
      await page.goto(`${suite.app.url}/diagnostics`)
      await page.locator('h1').waitFor()
      expect(await audit(page, `diagnostics ${lang}`)).toEqual([])
      await context.close()
    })

    it('the desk, its dialogs, batch, log and settings have no serious findings', async () => {
      const { page, close } = await openDesk(suite.browser, suite.app.url)
      await setLanguage(page, lang)
      expect(await audit(page, `desk empty ${lang}`)).toEqual([])
      await page.locator('#user-id').fill('5')
      await page.locator('#user-id').press('Enter')
      await page.getByTestId('user-card').waitFor()
      await page.getByRole('button', { name: /^(Capture|촬영)$/ }).click()
      await page.locator('[data-test="new-photo"]').waitFor()
      expect(await audit(page, `desk with photo ${lang}`)).toEqual([])
      await page.getByRole('button', { name: /^(Retake|다시 촬영)$/ }).click()
      await page.getByRole('button', { name: /^(Remove photo|사진 삭제)$/ }).click()
      await page.getByRole('dialog').waitFor()
      expect(await audit(page, `remove dialog ${lang}`)).toEqual([])
      await page.keyboard.press('Escape')
      suite.app.sim.expireSessions()
      await page.locator('#user-id').fill('6')
      await page.locator('#user-id').press('Enter')
      await page.getByRole('dialog').waitFor()
      expect(await audit(page, `session expired dialog ${lang}`)).toEqual([])
      await page
        .getByRole('dialog')
        .getByLabel(/Password|비밀번호/)
        .fill(DEMO_OPERATOR.password)
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /Sign in|로그인/ })
        .click()
      await page.getByRole('dialog').waitFor({ state: 'hidden' })
      for (const path of ['/batch', '/log', '/settings']) {
        await page.goto(`${suite.app.url}${path}`)
        await page.locator('h1').first().waitFor()
        expect(await audit(page, `${path} ${lang}`)).toEqual([])
      }
      await close()
    })
  })
}
