// The site settings file (/photo-desk.json) in real Chromium: a site that locks device-safe mode
// on and the budget at 12,000 bytes, whatever a station stored before; and a broken file,
// reported key by key while the app runs on the rest. The preview server reads the file at each
// request, so each test writes its own before opening a page.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startApp } from '../helpers/app-server.ts'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { newTestContext } from '../helpers/chromium.ts'
import { openDesk, signInOn } from '../helpers/desk-page.ts'
import { writeY4m } from '../helpers/y4m.ts'
import { DEMO_OPERATOR } from '../../sim/index.ts'
import { jpegInfo } from '../../src/photo/jpeg-info.ts'

/** Screenshots to look at, outside the repository. */
const SHOTS = '/tmp/site-settings-shots'

/** Fine grey noise: a picture whose JPEG fills any budget, so the budget is what limits it. */
const noise = (x: number, y: number): [number, number, number] => {
  const v = ((x * 7919 + y * 104_729) ^ (x * y * 31)) % 251
  return [v, (v * 3) % 251, (v * 7) % 251]
}

const suite = useBrowserSuite({
  scratch: 'photo-desk-site-',
  fakeCamera: (dir) => {
    const clip = join(dir, 'noise.y4m')
    writeY4m(clip, 640, 480, noise)
    return clip
  },
  app: ({ dir }) => startApp({ siteFile: join(dir, 'photo-desk.json') }),
})

const writeSiteFile = (text: string) => writeFileSync(join(suite.dir, 'photo-desk.json'), text)
const rowText = (page: Page, id: string) => page.getByTestId(`diag-${id}`).locator('dd').innerText()
const rowLabel = (page: Page, id: string) =>
  page.getByTestId(`diag-${id}`).locator('dt').innerText()

describe('site settings file', () => {
  it('locks device-safe mode on and the budget at 12,000 bytes, over what a station stored', async () => {
    writeSiteFile(
      JSON.stringify({ deviceSafe: true, maxBytes: 12_000, locked: ['deviceSafe', 'maxBytes'] }),
    )
    // This station turned device-safe mode off and raised the budget before the site locked them.
    const { page, pageErrors, close } = await openDesk(
      suite.browser,
      suite.app.url,
      DEMO_OPERATOR,
      {
        settings: { faceGuide: false, deviceSafe: false, maxBytes: 100_000 },
      },
    )
    // The station's own values of locked keys are gone; its other choices stay.
    const stored = await page.evaluate(() => localStorage.getItem('photo-desk:settings'))
    expect(JSON.parse(stored!)).toEqual({ v: 2, faceGuide: false })

    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor()
    const safe = page.getByLabel('Device-safe mode')
    const budget = page.getByLabel('Size budget (bytes)')
    expect(await safe.isChecked()).toBe(true)
    expect(await safe.isDisabled()).toBe(true)
    expect(await budget.inputValue()).toBe('12000')
    expect(await budget.isDisabled()).toBe(true)
    // Each says why, to the eye and to a screen reader.
    expect(await page.locator('#set-safe-site').innerText()).toBe('Set by your site')
    expect(await page.locator('#set-bytes-site').innerText()).toBe('Set by your site')
    expect(await budget.getAttribute('aria-describedby')).toContain('set-bytes-site')
    // Unlocked settings stay the station's to change.
    expect(await page.getByLabel('Longest side (pixels)').isDisabled()).toBe(false)
    mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: `${SHOTS}/settings-locked.png`, fullPage: true })

    await page.getByRole('link', { name: 'Diagnostics' }).click()
    await expect.poll(() => rowText(page, 'setting-maxBytes')).toBe('12,000 · site, locked')
    expect(await rowText(page, 'setting-deviceSafe')).toBe('on · site, locked')
    expect(await rowText(page, 'setting-faceGuide')).toBe('off · this station')
    expect(await rowText(page, 'setting-maxSide')).toBe('400 · built in')
    expect(await rowText(page, 'site-file')).toBe('read (values: 2, locked: 2).')
    await page.screenshot({ path: `${SHOTS}/diagnostics.png`, fullPage: true })

    // A photo saved on the desk: the noise would fill 16,000 bytes; the site's budget holds it.
    await page.getByRole('link', { name: 'Desk' }).click()
    await page.getByLabel('User ID').fill('2')
    await page.getByLabel('User ID').press('Enter')
    await page.getByTestId('user-card').filter({ hasText: 'ID 2' }).waitFor()
    await page.getByRole('button', { name: 'Capture' }).click()
    await page.getByAltText('New photo').waitFor()
    await page.getByRole('button', { name: /^Save photo/ }).click()
    await page
      .getByTestId('status')
      .filter({ hasText: 'Photo saved for' })
      .waitFor({ timeout: 30_000 })
    const photo = Buffer.from(suite.app.sim.getUser('2')!.photo!, 'base64')
    expect(photo.length).toBeLessThanOrEqual(12_000)
    expect(photo.length).toBeGreaterThan(9_000) // the budget, not the picture, set the size
    expect(jpegInfo(new Uint8Array(photo))).toMatchObject({ baseline: true })
    expect(pageErrors).toEqual([])
    await close()
  })

  it('reports a broken file key by key, and the app runs on the valid keys', async () => {
    writeSiteFile(
      JSON.stringify({
        maxBytes: '12k',
        maxSide: 5000,
        faceGuide: false,
        colour: 'red',
        locked: ['deviceSafe', 'kioskMode'],
      }),
    )
    const { context, pageErrors } = await newTestContext(suite.browser)
    const page = await context.newPage()
    await page.goto(suite.app.url)
    const notice = page.getByTestId('site-problems')
    expect(await notice.innerText()).toContain(
      'For administrators: the site settings file (photo-desk.json) has 4 problems.',
    )
    await page.screenshot({ path: `${SHOTS}/sign-in-problems.png` })

    await notice.getByRole('link', { name: 'Details in Diagnostics' }).click()
    await page.getByRole('heading', { name: 'Diagnostics', level: 1 }).waitFor()
    expect(await rowText(page, 'site-file')).toContain('It has 4 problems; the rest applies.')
    const problems = []
    for (let i = 1; i <= 4; i++)
      problems.push(
        `${await rowLabel(page, `site-problem-${i}`)}: ${await rowText(page, `site-problem-${i}`)}`,
      )
    expect(problems).toEqual([
      'maxBytes: "12k" is not a number: ignored.',
      'maxSide: 5000 is not a whole number from 200 to 1,024: ignored.',
      'colour: No such setting: ignored.',
      'locked: "kioskMode" is no setting: ignored.',
    ])
    expect(await page.getByTestId('diag-site-problem-5').count()).toBe(0)
    // The valid parts apply: face guidance off from the site, device-safe mode locked.
    expect(await rowText(page, 'setting-faceGuide')).toBe('off · site')
    expect(await rowText(page, 'setting-deviceSafe')).toBe('on · site, locked')
    expect(await rowText(page, 'setting-maxBytes')).toBe('16,000 · built in')

    // And the app works: sign in, the desk opens.
    await page.goto(suite.app.url)
    await signInOn(page)
    await page.getByLabel('User ID').waitFor()

    // A file that is no JSON at all: one problem, the built-in defaults.
    writeSiteFile('{ "deviceSafe": false, }')
    const fresh = await context.newPage()
    await fresh.goto(`${suite.app.url}/diagnostics`)
    await expect
      .poll(() => rowText(fresh, 'site-problem-1'))
      .toBe('Not valid JSON: nothing in the file applies.')
    expect(await rowText(fresh, 'setting-deviceSafe')).toBe('on · built in')
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('keeps a kiosk the site locks on: no way out of it at the station', async () => {
    writeSiteFile(JSON.stringify({ kiosk: true, locked: ['kiosk'] }))
    const { page, pageErrors, close } = await openDesk(
      suite.browser,
      suite.app.url,
      DEMO_OPERATOR,
      {
        settings: { faceGuide: false, kiosk: false },
      },
    )
    expect(await page.evaluate(() => document.documentElement.classList.contains('kiosk'))).toBe(
      true,
    )
    expect(await page.getByRole('button', { name: 'Exit kiosk mode' }).count()).toBe(0)
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0)
    // Signing out still asks for the operator's password, as in any kiosk.
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByTestId('sign-out-dialog').locator('#sign-out-password').waitFor()
    expect(pageErrors).toEqual([])
    await close()
  })
})
