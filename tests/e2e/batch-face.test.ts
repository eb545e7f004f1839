// The batch's "Crop around the face" option uses the desk's face-aware crop: with it the face
// model loads and the stored photo differs from the centred crop of the same file; a group
// photo waits as "Needs review" (its crop and reason shown, in the report too) until confirmed.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { beforeAll, expect, it } from 'vitest'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { batchApp } from '../helpers/batch-files.ts'
import { openDesk } from '../helpers/desk-page.ts'
import { makeJpeg } from '../helpers/images.ts'
import { SAMPLE_FACES, faceScene } from './pages/face-lab.server.ts'

const sample = readFileSync(
  createRequire(import.meta.url).resolve('@vladmandic/face-api/demo/sample1.jpg'),
)
const suite = useBrowserSuite({ fakeCamera: false, app: batchApp() })

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
  await item.getByRole('button', { name: /^Send 6\.jpg/ }).click()
  await page.getByText(/1 ready to send/).waitFor({ timeout: 30_000 })
  await page.getByRole('button', { name: 'Upload all' }).click()
  await expect.poll(() => app.sim.getUser('6')?.photo ?? '', { timeout: 30_000 }).not.toBe('')
  expect(app.sim.getUser('6')?.photo).not.toBe(app.sim.getUser('5')?.photo)
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
