// "Is this the same person?" on the real desk: the user's current photo shows one sample person,
// the camera another. The desk warns, Enter does not store the picture, "Save anyway" does, and
// the session log keeps the warning and the choice. The same person again: no warning.
import { join } from 'node:path'
import { expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { findUser, openDesk } from '../helpers/desk-page.ts'
import { makeJpeg } from '../helpers/images.ts'
import { DEMO_OPERATOR } from '../../sim/index.ts'
import { SAMPLE_FACES, faceScene, writeFaceClip } from './pages/face-lab.server.ts'

const suite = useBrowserSuite({
  scratch: 'face-same-person-',
  fakeCamera: (dir) => {
    const clip = join(dir, 'camera.y4m')
    writeFaceClip(clip, SAMPLE_FACES.single, { width: 480, height: 640, headShare: 0.42 })
    return clip
  },
})

/** A stored 16 KB-style portrait of a sample person, as BioStar's base64. */
const portrait = (face: (typeof SAMPLE_FACES)[keyof typeof SAMPLE_FACES]) =>
  Buffer.from(
    makeJpeg(
      320,
      320,
      faceScene(face, { width: 320, height: 320, headShare: 0.6, eyeLine: 0.4 }),
      85,
    ),
  ).toString('base64')

const capture = async (page: Page) => {
  await expect
    .poll(() => page.getByTestId('face-instruction').textContent(), { timeout: 40_000 })
    .toBe('Good — ready to capture')
  await page.keyboard.press('Space')
  await page.getByTestId('face-crop-note').waitFor({ timeout: 30_000 })
}

it('warns when the new picture shows another person; only "Save anyway" stores it', async () => {
  const { sim } = suite.app
  sim.setPhoto('3', portrait(SAMPLE_FACES.group))
  sim.setPhoto('4', portrait(SAMPLE_FACES.single))
  const { page, pageErrors, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR)
  await findUser(page, '3')
  await capture(page)
  const alert = page.getByTestId('same-person-alert')
  await alert.waitFor({ timeout: 30_000 })
  expect(await alert.innerText()).toContain(
    'This may not be the same person as in the current photo. Check the user ID.',
  )
  // Enter (and the Save button) do not store it.
  const puts = () => sim.requests.filter((r) => r.method === 'PUT' && r.path === '/api/users/3')
  await page.keyboard.press('Enter')
  await page.getByRole('button', { name: /^Save photo/ }).click()
  // Proving that nothing is sent needs a moment: the verdict is already there, so a save that
  // went through would have its PUT out well within it.
  await page.waitForTimeout(300)
  expect(puts()).toHaveLength(0)
  await alert.getByRole('button', { name: 'Save anyway' }).click()
  await expect.poll(() => puts().length, { timeout: 15_000 }).toBe(1)
  await expect.poll(() => alert.isVisible()).toBe(false)

  // The same person as in the current photo: saved at once, no warning.
  await findUser(page, '4')
  await capture(page)
  await page.keyboard.press('Enter')
  await expect
    .poll(
      () => sim.requests.filter((r) => r.method === 'PUT' && r.path === '/api/users/4').length,
      {
        timeout: 30_000,
      },
    )
    .toBe(1)
  expect(await alert.isVisible()).toBe(false)

  await page.getByRole('link', { name: 'Session log' }).click()
  // The log screen loads on demand and reads its entries after it shows: wait for them.
  const warnedRows = async () =>
    (await page.getByTestId('log-entry').allInnerTexts()).filter((r) =>
      r.includes('Warned: may not be the same person'),
    )
  await expect.poll(async () => (await warnedRows()).length, { timeout: 15_000 }).toBe(1)
  const warned = await warnedRows()
  expect(warned[0]).toMatch(/\b3\b[\s\S]*Done[\s\S]*distance 0\.\d\d/)
  expect(pageErrors).toEqual([])
  await close()
}, 180_000)
