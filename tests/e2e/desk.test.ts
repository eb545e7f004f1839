// The enrollment desk in real Chromium with a fake camera fed from a y4m clip: find, capture,
// save, and read the stored photo back from the simulator.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { RunningApp } from '../helpers/app-server.ts'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { openDesk, type OpenDeskOptions } from '../helpers/desk-page.ts'
import { DEMO_OPERATOR } from '../../sim/index.ts'
import { jpegInfo } from '../../src/photo/jpeg-info.ts'
import { writeY4m } from '../helpers/y4m.ts'
import { decodeJpeg, makeOrientedJpeg, makePng } from '../helpers/images.ts'
import { expectQuadrants, quadrants } from '../helpers/quadrants.ts'

/** The photo the simulator stores, checked the way a reader would need it. */
function storedPhoto(app: RunningApp, userId: string) {
  const base64 = app.sim.getUser(userId)?.photo
  expect(base64, 'photo on the server').toBeTruthy()
  const bytes = new Uint8Array(Buffer.from(base64!, 'base64'))
  expect(bytes[0]).toBe(0xff)
  expect(bytes[1]).toBe(0xd8)
  expect(bytes.length).toBeLessThanOrEqual(16_000)
  // Baseline (SOF0), never progressive (SOF2): readers only decode baseline. The frame header
  // is read from the marker segments; a byte search also hits entropy-coded data.
  expect(jpegInfo(bytes)).toMatchObject({ baseline: true, progressive: false })
  return { bytes, image: decodeJpeg(bytes) }
}

// The camera sees four coloured quadrants: a stored photo shows whether it was mirrored or turned.
const dir = mkdtempSync(join(tmpdir(), 'photo-desk-desk-'))
const clip = join(dir, 'camera.y4m')
writeY4m(clip, 1280, 720, quadrants(1280, 720), 2)
const suite = useBrowserSuite({ fakeCamera: clip })
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// The camera shows no face, so a live guide would search every frame at full pace: only the
// three-action test keeps the product's defaults (face-desk and face-camera cover the guide).
const NO_FACES = { faceGuide: false }
const signedInPage = (options: OpenDeskOptions = { settings: NO_FACES }) =>
  openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, options)

async function find(page: Page, userId: string) {
  await page.getByLabel('User ID').fill(userId)
  await page.getByLabel('User ID').press('Enter')
  await expect.poll(() => page.getByTestId('user-card').textContent()).toContain(`ID ${userId}`)
}

/** The desk says the photo of `userId` is saved (it may wait for the face crop first). */
async function savedFor(page: Page, userId: string) {
  await page
    .getByTestId('status')
    .filter({ hasText: `Photo saved for` })
    .filter({ hasText: `(ID ${userId})` })
    .waitFor({ timeout: 30_000 })
}

const putsTo = (userId: string) =>
  suite.app.sim.requests.filter((r) => r.method === 'PUT' && r.path === `/api/users/${userId}`)
    .length

describe('the enrollment desk', () => {
  it('goes from an ID to a saved photo in three actions: ID + Enter, Space, Enter', async () => {
    const { page, pageErrors, requests, close } = await signedInPage({})
    // Focus is already in "User ID" on arrival.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('user-id')
    const userId = '2'
    const name = suite.app.sim.getUser(userId)!.name
    await page.keyboard.type(userId)
    await page.keyboard.press('Enter') // action 1
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe(name)
    await page.keyboard.press(' ') // action 2: capture
    await page.getByAltText('New photo').waitFor()
    await page.keyboard.press('Enter') // action 3: save
    const status = page.getByRole('status').filter({ hasText: 'Photo saved' })
    await expect
      .poll(() => status.textContent(), { timeout: 15_000 })
      .toContain(`Photo saved for ${name} (ID ${userId})`)

    const { image } = storedPhoto(suite.app, userId)
    expect([image.width, image.height]).toEqual([400, 400])
    expectQuadrants(image) // not mirrored, the right way up
    expect(putsTo(userId)).toBe(1)
    // The JPEG was made in a worker, off the page's main thread.
    expect(requests.some((url) => /desk-prepare\.worker-[\w-]+\.js$/.test(url))).toBe(true)
    // Ready for the next person.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('user-id')
    await page.screenshot({ path: join(dir, 'desk.png') })
    expect(pageErrors).toEqual([])
    await close()
  })

  it('finds a user by part of the name and picks it with the keyboard', async () => {
    const { page, close } = await signedInPage()
    const target = suite.app.sim.getUser('5')!
    const part = [...target.name].slice(1, 3).join('')
    const search = page.getByRole('combobox', { name: 'User ID' })
    await search.click()
    await search.fill(part)
    const option = page.getByRole('option').filter({ hasText: target.name }).first()
    await option.waitFor()
    // Arrow down to the right row (the best match starts highlighted), then Enter.
    const active = () =>
      page.evaluate(() => {
        const box = document.querySelector('[role="combobox"]')
        const id = box?.getAttribute('aria-activedescendant')
        return id ? (document.getElementById(id)?.textContent ?? '') : ''
      })
    for (let i = 0; i < 20 && !(await active()).includes(target.name); i++)
      await search.press('ArrowDown')
    expect(await active()).toContain(target.name)
    await search.press('Enter')
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe(target.name)
    await close()
  })

  it('uses a large JPEG with EXIF orientation 6 upright, and a PNG', async () => {
    const { page, close } = await signedInPage()
    await find(page, '6')
    const jpeg = makeOrientedJpeg(3000, 2000, quadrants(3000, 2000), 6)
    await page
      .getByLabel('Choose photo file')
      .setInputFiles({ name: 'portrait.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg) })
    await page.getByAltText('New photo').waitFor()
    await page.getByRole('button', { name: 'Save photo' }).click()
    await savedFor(page, '6')
    expectQuadrants(storedPhoto(suite.app, '6').image)

    await find(page, '7')
    const png = makePng(900, 900, quadrants(900, 900))
    await page
      .getByLabel('Choose photo file')
      .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from(png) })
    await page.getByAltText('New photo').waitFor()
    await page.getByRole('button', { name: 'Save photo' }).click()
    await savedFor(page, '7')
    expectQuadrants(storedPhoto(suite.app, '7').image)
    await close()
  })

  it('refuses a text file named .jpg with a message and sends nothing', async () => {
    const { page, close } = await signedInPage()
    await find(page, '8')
    const before = suite.app.sim.requests.length
    await page.getByLabel('Choose photo file').setInputFiles({
      name: 'photo.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('this is not a picture at all, just text\n'.repeat(20)),
    })
    await expect
      .poll(() => page.getByTestId('intake-error').textContent())
      .toContain('not a JPEG, PNG or WebP')
    expect(suite.app.sim.requests.length).toBe(before)
    expect(await page.getByRole('button', { name: 'Save photo' }).isDisabled()).toBe(true)
    await close()
  })

  it('removes a photo after confirmation, and Undo puts it back', async () => {
    const { page, close } = await signedInPage()
    const userId = '9'
    const original = Buffer.from(makeOrientedJpeg(120, 120, quadrants(120, 120), 1)).toString(
      'base64',
    )
    suite.app.sim.setPhoto(userId, original)
    await find(page, userId)
    await page.getByAltText('Current photo').first().waitFor()
    await page.getByRole('button', { name: 'Remove photo' }).click()
    const dialog = page.getByRole('dialog', { name: 'Remove the photo?' })
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Remove' }).click()
    await expect.poll(() => suite.app.sim.getUser(userId)?.photo ?? null).toBeFalsy()
    await expect.poll(() => page.getByTestId('no-photo').count()).toBe(1)
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => suite.app.sim.getUser(userId)?.photo).toBe(original)
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('Undone')
    await close()
  })

  it('keeps a photo BioStar did not answer (503) on the device and sends it by itself', async () => {
    const { page, close } = await signedInPage()
    const userId = '10'
    const original = suite.app.sim.getUser(userId)?.photo ?? null
    await find(page, userId)
    await page.getByRole('button', { name: 'Capture' }).click()
    await page.getByAltText('New photo').waitFor()
    suite.app.sim.failNextPuts(userId, 3, 503) // the client's own retries fail too
    await page.getByRole('button', { name: 'Save photo' }).click()
    const status = page.getByTestId('status')
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain(`Not sent yet for`)
    expect(await status.textContent()).toContain('sent by itself')
    expect(suite.app.sim.getUser(userId)?.photo ?? null).toBe(original)
    // The desk is free for the next person meanwhile; the photo goes out by itself.
    await savedFor(page, userId)
    expect(putsTo(userId)).toBe(4)
    storedPhoto(suite.app, userId)
    await close()
  })

  it('keeps a photo BioStar refused, with Try again; a double click sends one PUT', async () => {
    const { page, close } = await signedInPage()
    const userId = '12'
    const original = suite.app.sim.getUser(userId)?.photo ?? null
    await find(page, userId)
    await page.getByRole('button', { name: 'Capture' }).click()
    await page.getByAltText('New photo').waitFor()
    suite.app.sim.failNextPuts(userId, 1, 500)
    await page.getByRole('button', { name: 'Save photo' }).click()
    const failure = page.getByTestId('save-error')
    await expect.poll(() => failure.textContent(), { timeout: 20_000 }).toContain('not saved')
    expect(suite.app.sim.getUser(userId)?.photo ?? null).toBe(original)
    await page.getByAltText('New photo').waitFor() // still there
    await failure.getByRole('button', { name: 'Try again' }).click()
    await savedFor(page, userId)
    expect(suite.app.sim.getUser(userId)?.photo ?? null).not.toBe(original)
    storedPhoto(suite.app, userId)

    // Double click on Save: one request.
    await find(page, '11')
    await page.getByRole('button', { name: 'Capture' }).click()
    await page.getByAltText('New photo').waitFor()
    const before = putsTo('11')
    await page.getByRole('button', { name: 'Save photo' }).dblclick()
    await savedFor(page, '11')
    expect(putsTo('11') - before).toBe(1)
    await close()
  })

  it('prepares the photo on the page when its worker script cannot load', async () => {
    // The desk's worker is pointed at a script that is not there: the browser's own load error.
    const { page, pageErrors, requests, close } = await signedInPage({
      settings: NO_FACES,
      prepare: (context) =>
        context.addInitScript(() => {
          const RealWorker = window.Worker
          window.Worker = class extends RealWorker {
            constructor(url: string | URL, options?: WorkerOptions) {
              super(String(url).includes('desk-prepare') ? '/no-such-desk.worker.js' : url, options)
            }
          }
        }),
    })
    await find(page, '15')
    const png = makePng(900, 900, quadrants(900, 900))
    await page
      .getByLabel('Choose photo file')
      .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from(png) })
    await page.getByAltText('New photo').waitFor()
    await page.getByRole('button', { name: 'Save photo' }).click()
    await savedFor(page, '15')
    expectQuadrants(storedPhoto(suite.app, '15').image)
    // Tried once; after that the page knows no desk worker can run.
    expect(requests.filter((url) => url.endsWith('/no-such-desk.worker.js'))).toHaveLength(1)
    expect(pageErrors).toEqual([])
    await close()
  })
})
