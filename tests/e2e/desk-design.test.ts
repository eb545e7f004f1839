// The desk designed around the person, in real Chromium against the simulator: a viewer sees
// "View only" and no capture, crop or save controls; an oversized current photo is flagged and
// "Make device-safe" stores a baseline JPEG within the budget; on a phone Capture is on the first
// screen after a lookup and "Photo saved" shows without scrolling; an unsaved picture is not
// dropped by the next lookup without asking; Ctrl+Z undoes the last save.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { findUser, openDesk, signInOn } from '../helpers/desk-page.ts'
import { newTestContext } from '../helpers/chromium.ts'
import { jpegInfo } from '../../src/photo/jpeg-info.ts'
import { DEMO_OPERATOR, DEMO_VIEWER } from '../../sim/index.ts'
import { SAMPLE_FACES, writeFaceClip } from './pages/face-lab.server.ts'

const suite = useBrowserSuite({
  scratch: 'desk-design-',
  fakeCamera: (dir) => {
    const clip = join(dir, 'camera.y4m')
    writeFaceClip(clip, SAMPLE_FACES.single, { width: 640, height: 480, headShare: 0.42 })
    return clip
  },
})
const NO_FACES = { settings: { faceGuide: false } }
const require = createRequire(import.meta.url)
/** A real 1920 x 1280 photograph of 144,516 bytes: what BioStar's own dialog lets through. */
const BIG_PHOTO = readFileSync(require.resolve('@vladmandic/face-api/demo/sample1.jpg'))

const photoOf = (userId: string) => suite.app.sim.getUser(userId)?.photo ?? ''
const bytesOf = (base64: string) => Buffer.from(base64, 'base64')

async function capture(page: Page) {
  await page.getByRole('button', { name: 'Capture' }).click()
  await page.getByAltText('New photo').waitFor()
}

/** Whether the element's box lies wholly inside the viewport as the page is scrolled now. */
function inViewport(page: Page, selector: string) {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect()
      return (
        r.height > 0 &&
        r.top >= 0 &&
        r.bottom <= innerHeight &&
        r.left >= 0 &&
        r.right <= innerWidth
      )
    })
}

describe('the desk, designed around the person', () => {
  it('shows a viewer "View only" and no capture, crop, file or save controls', async () => {
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_VIEWER, NO_FACES)
    await findUser(page, '5')
    expect(await page.getByTestId('view-only').textContent()).toBe('View only')
    expect(await page.getByTestId('view-only-note').textContent()).toContain(
      'not change their photos',
    )
    for (const name of ['Capture', 'Retake', 'Save photo', 'Remove photo', 'Make device-safe'])
      expect(await page.getByRole('button', { name }).count(), name).toBe(0)
    expect(await page.getByLabel('Choose photo file').count()).toBe(0)
    expect(await page.getByLabel('Also enroll as Visual Face').count()).toBe(0)
    expect(await page.locator('video').count()).toBe(0)
    // The keys do nothing either.
    const before = suite.app.sim.putCount('5')
    await page.keyboard.press(' ')
    await page.keyboard.press('Enter')
    await page.waitForTimeout(300)
    expect(await page.getByAltText('New photo').count()).toBe(0)
    expect(suite.app.sim.putCount('5')).toBe(before)
    await close()
  })

  it('flags a current photo too large for readers, and "Make device-safe" stores a baseline JPEG within the budget', async () => {
    suite.app.sim.setPhoto('23', BIG_PHOTO.toString('base64'))
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, NO_FACES)
    await findUser(page, '23')
    const fit = page.getByTestId('photo-fit')
    expect(await fit.textContent()).toContain('Too large for readers (145 kB)')
    await page.getByRole('button', { name: 'Make device-safe' }).click()
    await expect
      .poll(() => page.getByTestId('status').textContent(), { timeout: 20_000 })
      .toMatch(/^Photo saved for .+ \(ID 23\)/)
    const stored = bytesOf(photoOf('23'))
    expect(stored.length).toBeLessThanOrEqual(16_000)
    expect(jpegInfo(stored)).toMatchObject({ baseline: true, progressive: false })
    // The framing kept: the 3:2 photograph's centred square, at the desk's size.
    expect(jpegInfo(stored)).toMatchObject({ width: 400, height: 400 })
    await expect.poll(() => fit.textContent()).toMatch(/^Photo OK for readers \(\d+ kB\)/)
    // Undo puts the original back, byte for byte.
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('Undone')
    expect(bytesOf(photoOf('23')).equals(BIG_PHOTO)).toBe(true)
    await close()
  })

  it('says on the desk, not only in Settings, that device-safe mode is off', async () => {
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, {
      settings: { faceGuide: false, deviceSafe: false, maxBytes: 60_000 },
    })
    const warning = page.getByTestId('device-safe-off')
    await expect.poll(() => warning.textContent()).toContain('Device-safe mode is off')
    expect(await warning.textContent()).toContain('60,000 bytes')
    await page.goto(`${suite.app.url}/settings`)
    await page.getByLabel('Device-safe mode').check()
    await page.goto(suite.app.url)
    await page.getByLabel('User ID').waitFor()
    expect(await warning.count()).toBe(0)
    await close()
  })

  it('asks before the next lookup drops a picture not saved, and keeps it when told to', async () => {
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, NO_FACES)
    await findUser(page, '12')
    await capture(page)
    const field = page.getByLabel('User ID')
    await field.fill('13')
    await field.press('Enter')
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('is not saved')
    await dialog.getByRole('button', { name: 'Keep the photo' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(await page.getByTestId('user-name').textContent()).not.toBe('')
    expect(await page.getByTestId('user-card').textContent()).toContain('ID 12')
    expect(await page.getByAltText('New photo').count()).toBe(1)
    // Saved, the next lookup goes ahead without asking.
    await page.getByRole('button', { name: 'Save photo' }).click()
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('(ID 12)')
    await findUser(page, '13')
    // Asked again and told to drop it: the next person comes.
    await capture(page)
    await field.fill('14')
    await field.press('Enter')
    await dialog.getByRole('button', { name: 'Drop it and find 14' }).click()
    await page.getByTestId('user-card').filter({ hasText: 'ID 14' }).waitFor()
    expect(await page.getByAltText('New photo').count()).toBe(0)
    expect(suite.app.sim.putCount('13')).toBe(0)
    await close()
  })

  it('undoes the last save with Ctrl+Z, from the toast that names the person', async () => {
    const before = photoOf('4')
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, NO_FACES)
    await findUser(page, '4')
    await capture(page)
    await page.keyboard.press('Enter')
    const toast = page.getByTestId('toast')
    await expect
      .poll(() => toast.textContent(), { timeout: 20_000 })
      .toMatch(/Photo saved for .+ \(ID 4\)/)
    expect(await toast.getByRole('button', { name: 'Undo' }).count()).toBe(1)
    expect(photoOf('4')).not.toBe(before)
    // The focus is back in User ID with the last ID selected: Ctrl+Z means the photo.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('user-id')
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('Undone')
    expect(photoOf('4')).toBe(before)
    await close()
  })
})

describe('on a phone (390 x 844, touch)', () => {
  it('has Capture on the first screen after a lookup, and "Photo saved" in sight after Save', async () => {
    const { context } = await newTestContext(suite.browser, {
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      permissions: ['camera'],
    })
    await context.addInitScript(() =>
      localStorage.setItem('photo-desk:settings', JSON.stringify({ faceGuide: false })),
    )
    const page = await context.newPage()
    await page.goto(suite.app.url)
    await signInOn(page, DEMO_OPERATOR)
    const field = page.getByLabel('User ID')
    await field.waitFor()
    // Touch: the ID field is not focused by itself (a phone would open its keyboard).
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('user-id')
    await field.tap()
    await field.fill('6')
    await field.press('Enter')
    await page.getByTestId('user-card').filter({ hasText: 'ID 6' }).waitFor()
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    const capture = page.getByRole('button', { name: 'Capture' })
    await capture.waitFor()
    expect(await inViewport(page, '[data-test="desk-actions"] button')).toBe(true)
    expect(await inViewport(page, '[data-test="user-card"] h2')).toBe(true)
    await capture.tap()
    await page.getByAltText('New photo').waitFor()
    const scrollBefore = await page.evaluate(() => scrollY)
    await page.getByRole('button', { name: 'Save photo' }).tap()
    await expect
      .poll(() => page.getByTestId('status').textContent(), { timeout: 20_000 })
      .toContain('(ID 6)')
    expect(await inViewport(page, '[data-test="status"]')).toBe(true)
    // No jump to the top, no keyboard: the focus is not in a text field.
    expect(await page.evaluate(() => scrollY)).toBeGreaterThanOrEqual(scrollBefore - 1)
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('INPUT')
    await context.close()
  })
})
