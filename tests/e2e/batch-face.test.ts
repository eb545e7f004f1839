// The batch's "Crop around the face" option uses the desk's face-aware crop: with it the face
// model loads and the stored photo differs from the centred crop of the same file; a group
// photo waits as "Needs review" (its crop and reason shown, in the report too) until confirmed.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { beforeAll, expect, it } from 'vitest'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { batchApp } from '../helpers/batch-files.ts'
import { openDesk } from '../helpers/desk-page.ts'
import { decodeJpeg, makeJpeg } from '../helpers/images.ts'
import { SAMPLE_FACES, faceScene } from './pages/face-lab.server.ts'

const sample = readFileSync(
  createRequire(import.meta.url).resolve('@vladmandic/face-api/demo/sample1.jpg'),
)
const suite = useBrowserSuite({ fakeCamera: false, app: batchApp() })

/** A JPEG as grey levels `w` wide (box average), height by its aspect. */
function grey(jpeg: Uint8Array, w = 48) {
  const d = decodeJpeg(jpeg)
  const h = Math.round((w * d.height) / d.width)
  const out = new Float64Array(w * h)
  const counts = new Float64Array(w * h)
  for (let y = 0; y < d.height; y++)
    for (let x = 0; x < d.width; x++) {
      const i = (y * d.width + x) * 4
      const o = Math.floor((y * h) / d.height) * w + Math.floor((x * w) / d.width)
      out[o]! += 0.299 * d.data[i]! + 0.587 * d.data[i + 1]! + 0.114 * d.data[i + 2]!
      counts[o]!++
    }
  return { w, h, px: out.map((v, i) => v / counts[i]!) }
}

/** How far (in columns of 48) the content of `b` lies to the right of the same content in `a`. */
function shiftRight(a: ReturnType<typeof grey>, b: ReturnType<typeof grey>) {
  let best = { shift: 0, error: Infinity }
  for (let s = -20; s <= 20; s++) {
    let sum = 0
    let n = 0
    for (let y = 0; y < a.h; y++)
      for (let x = Math.max(0, s); x < Math.min(a.w, a.w + s); x++) {
        sum += Math.abs(b.px[y * b.w + x]! - a.px[y * a.w + x - s]!)
        n++
      }
    if (sum / n < best.error) best = { shift: s, error: sum / n }
  }
  return best.shift
}

beforeAll(() => {
  suite.app.sim.setPhoto('5', null)
  suite.app.sim.setPhoto('6', null)
})

it('crops around the face only when asked, and holds a group photo for a look', async () => {
  const { app, browser } = suite
  const { page, requests, close } = await openDesk(browser, app.url)
  await page.goto(`${app.url}/batch`)
  const fromHere = requests.length
  const faceOption = page.getByLabel('Crop around the face')
  await faceOption.waitFor()
  expect(await faceOption.isChecked(), 'face crop off by default').toBe(false)

  async function importOne(userId: string) {
    await page
      .getByLabel('Choose photo files')
      .setInputFiles({ name: `${userId}.jpg`, mimeType: 'image/jpeg', buffer: sample })
    await page.getByText(/1 ready to send/).waitFor({ timeout: 60_000 })
    await page.getByRole('button', { name: 'Upload all' }).click()
    await expect.poll(() => app.sim.getUser(userId)?.photo ?? '', { timeout: 30_000 }).not.toBe('')
  }

  await importOne('5')
  const models = () => requests.slice(fromHere).some((u) => u.includes('/models/face/'))
  expect(models(), 'face models loaded with the option off').toBe(false)
  await page
    .getByRole('button', { name: /Clear|New batch|Start over/ })
    .first()
    .click()
    .catch(() => undefined)
  await faceOption.check()
  // With the face checks on, the group photo (three people) waits for a look: its crop and the
  // reason are shown, nothing is sent until "Send it", and the report says why.
  await page
    .getByLabel('Choose photo files')
    .setInputFiles({ name: '6.jpg', mimeType: 'image/jpeg', buffer: sample })
  const item = page.getByTestId('review-item').filter({ hasText: '6.jpg' })
  await item.waitFor({ timeout: 60_000 })
  expect(models(), 'face models loaded with the option on').toBe(true)
  expect(await item.getByTestId('review-reason').allInnerTexts()).toEqual([
    'Several faces in the picture: which one is the user?',
  ])
  expect(await item.getByRole('img').getAttribute('src')).toMatch(/^blob:/)
  const row = page.getByTestId('batch-row').filter({ hasText: '6.jpg' })
  expect(await row.getByTestId('row-status').innerText()).toBe('Needs review')
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Download report' }).click()
  const csv = readFileSync((await (await download).path())!, 'utf8')
  expect(csv).toMatch(/"6\.jpg","6",[^\n]*"not sent"[^\n]*"Several faces in the picture/)
  expect(app.sim.getUser('6')?.photo ?? '').toBe('')

  // The supervisor fixes the crop: the desk's crop editor opens on the original; the picture is
  // moved right (Shift+Left moves it 40 px) and that crop is prepared again, still held.
  const shown = async () => {
    const src = (await item.getByRole('img').getAttribute('src'))!
    // The page's CSP keeps fetch() off blob: URLs: the shown image is read back instead.
    const dataUrl = await item.getByRole('img').evaluate((img: HTMLImageElement) => {
      const canvas = document.createElement('canvas')
      canvas.width = img.naturalWidth
      canvas.height = img.naturalHeight
      canvas.getContext('2d')!.drawImage(img, 0, 0)
      return canvas.toDataURL('image/jpeg', 0.95)
    })
    const b64 = dataUrl.slice(dataUrl.indexOf(',') + 1)
    return { src, jpeg: Buffer.from(b64, 'base64') }
  }
  const before = await shown()
  await item.getByRole('button', { name: 'Fix the crop of 6.jpg' }).click()
  const canvas = page.getByTestId('review-crop-editor').getByTestId('crop-canvas')
  await expect.poll(() => canvas.evaluate((el) => el === document.activeElement)).toBe(true)
  for (let i = 0; i < 3; i++) await canvas.press('Shift+ArrowLeft')
  await page.getByRole('button', { name: 'Use this crop' }).click()
  const newSrc = () =>
    item
      .getByRole('img')
      .getAttribute('src', { timeout: 1000 })
      .catch(() => null)
  await expect
    .poll(async () => [null, before.src].includes(await newSrc()), { timeout: 30_000 })
    .toBe(false)
  const after = await shown()
  expect(await item.getByTestId('review-reason').allInnerTexts()).toHaveLength(1)
  expect(app.sim.getUser('6')?.photo ?? '', 'nothing sent before Send it').toBe('')

  await item.getByRole('button', { name: /^Send 6\.jpg/ }).click()
  await page.getByText(/1 ready to send/).waitFor({ timeout: 30_000 })
  await page.getByRole('button', { name: 'Upload all' }).click()
  await expect.poll(() => app.sim.getUser('6')?.photo ?? '', { timeout: 30_000 }).not.toBe('')
  expect(app.sim.getUser('6')?.photo).not.toBe(app.sim.getUser('5')?.photo)
  // What BioStar stored is the fixed crop: its picture lies where the new thumbnail's does,
  // and right of where the held crop had it (three moves of 40 px in a view of about 360).
  const stored = grey(Buffer.from(app.sim.getUser('6')!.photo!, 'base64'))
  expect(Math.abs(shiftRight(grey(after.jpeg), stored))).toBeLessThanOrEqual(1)
  expect(shiftRight(grey(before.jpeg), stored)).toBeGreaterThanOrEqual(8)
  await close()
})

it('with Overwrite on, holds a file whose face is not the user’s current photo as "Different person?"', async () => {
  const { app, browser } = suite
  const portrait = (face: (typeof SAMPLE_FACES)[keyof typeof SAMPLE_FACES]) =>
    Buffer.from(
      makeJpeg(
        320,
        320,
        faceScene(face, { width: 320, height: 320, headShare: 0.6, eyeLine: 0.4 }),
        85,
      ),
    )
  app.sim.setPhoto('7', portrait(SAMPLE_FACES.single).toString('base64'))
  const before = app.sim.getUser('7')?.photo
  const { page, close } = await openDesk(browser, app.url)
  await page.goto(`${app.url}/batch`)
  await page.getByLabel('Overwrite existing photos').check()
  await page.getByLabel('Crop around the face').check()
  await page
    .getByLabel('Choose photo files')
    .setInputFiles({ name: '7.jpg', mimeType: 'image/jpeg', buffer: portrait(SAMPLE_FACES.group) })
  const item = page.getByTestId('review-item').filter({ hasText: '7.jpg' })
  await item.waitFor({ timeout: 60_000 })
  expect(await item.getByTestId('review-reason').allInnerTexts()).toEqual([
    'Different person? The face does not look like the current photo.',
  ])
  const row = page.getByTestId('batch-row').filter({ hasText: '7.jpg' })
  expect(await row.getByTestId('row-status').innerText()).toBe('Different person?')
  expect(app.sim.getUser('7')?.photo).toBe(before)
  await item.getByRole('button', { name: 'Do not send 7.jpg' }).click()
  await expect.poll(() => row.getByTestId('row-status').innerText()).toBe('Skipped after review')
  expect(app.sim.getUser('7')?.photo).toBe(before)
  await close()
})
