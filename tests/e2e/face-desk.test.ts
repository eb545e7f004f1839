// Smart capture on the real desk (the production build with the simulator): a sample face photo
// as the fake camera, live coaching, Space captures with the face-aware crop, Enter saves the
// profile photo and the Visual Face in one action; with the models blocked, it still saves.
// Runs once the build serves the face models (vite.config.ts has faceModels()); skipped before.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { BrowserContext } from 'playwright-core'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { findUser, openDesk } from '../helpers/desk-page.ts'
import { DEMO_OPERATOR } from '../../sim/index.ts'
import { E2E_OUT_DIR } from './global-setup.ts'
import { SAMPLE_FACES, writeFaceClip } from './pages/face-lab.server.ts'

const dist = fileURLToPath(new URL(`../../${E2E_OUT_DIR}`, import.meta.url))
const wired = existsSync(join(dist, 'models/face/tiny_face_detector_model.bin'))

describe.skipIf(!wired)('smart capture at the desk', () => {
  // Inside the describe: nothing starts when it is skipped.
  const suite = useBrowserSuite({
    scratch: 'face-desk-',
    fakeCamera: (dir) => {
      const clip = join(dir, 'camera.y4m')
      writeFaceClip(clip, SAMPLE_FACES.single, { width: 480, height: 640, headShare: 0.42 })
      return clip
    },
  })
  const desk = (prepare?: (context: BrowserContext) => Promise<void>) =>
    openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, { prepare })

  it('coaches, crops to the face, and saves the photo and the Visual Face in one action', async () => {
    const { page, pageErrors, close } = await desk()
    await findUser(page, '3')
    // The model loads with the camera; the guide then finds the face and says it is good.
    await expect
      .poll(() => page.getByTestId('face-instruction').textContent(), { timeout: 40_000 })
      .toBe('Good — ready to capture')
    await page.keyboard.press('Space')
    await expect
      .poll(() => page.getByTestId('face-crop-note').textContent(), { timeout: 30_000 })
      .toBe('Cropped to the face by the rule.')
    await expect(page.getByTestId('face-rule').textContent()).resolves.toContain('40%')
    await page.getByLabel('Also enroll as Visual Face').check()
    await page.getByRole('button', { name: 'Save photo' }).click()
    await page.getByTestId('visual-face-saved').waitFor({ timeout: 30_000 })
    const user = suite.app.sim.getUser('3')
    expect(user?.photo_exists).toBe('true')
    expect(user?.visual_face_count).toBe('1')
    const order = suite.app.sim.requests
      .filter((r) => r.method === 'PUT')
      .map((r) =>
        r.path === '/api/users/3'
          ? 'photo' in (r.body as { User: object }).User
            ? 'photo'
            : 'visual'
          : 'check',
      )
    expect(order).toEqual(['photo', 'check', 'visual'])
    expect(pageErrors).toEqual([])
    await close()
  })

  it('with the face models blocked, says guidance is off and still captures and saves', async () => {
    const { page, pageErrors, close } = await desk(async (context) => {
      await context.route('**/models/face/**', (route) => route.abort())
    })
    // User 4 has a photo from the seed: "saved" means a different one is stored.
    const seeded = suite.app.sim.getUser('4')?.photo
    expect(seeded).toBeTruthy()
    await findUser(page, '4')
    await expect
      .poll(() => page.getByTestId('face-instruction').textContent(), { timeout: 30_000 })
      .toBe('Face guidance is off — the centred crop is used.')
    await page.keyboard.press('Space')
    await expect
      .poll(() => page.getByTestId('face-crop-note').textContent())
      .toBe('Face guidance is off — the centred crop is used.')
    // Enter at once: the save waits for the photo to be prepared, it is not lost.
    await page.keyboard.press('Enter')
    await expect.poll(() => suite.app.sim.getUser('4')?.photo, { timeout: 20_000 }).not.toBe(seeded)
    expect(suite.app.sim.putCount('4')).toBe(1)
    expect(pageErrors).toEqual([])
    await close()
  })
})
