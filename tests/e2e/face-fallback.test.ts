// Smart capture when it cannot help: a picture without a face (the coaching says so and the
// centred crop is used), and face models that cannot load (guidance is off, capture and save
// still work; a Visual Face that BioStar refuses is shown and leaves the profile photo saved).
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { DEMO_OPERATOR } from '../../sim/index.ts'
import { initialCrop } from '../../src/photo/crop.ts'
import type { FaceLab } from './pages/face-lab.ts'
import {
  SAMPLE_FACES,
  labState,
  writeFaceClip,
  writeFlatClip,
  faceLabSuite,
  openFaceLab,
} from './pages/face-lab.server.ts'

const suite = useBrowserSuite(faceLabSuite('face-fallback-'))

const lab$ = (page: Page) => ({
  capture: () => page.evaluate(() => (window as unknown as { faceLab: FaceLab }).faceLab.capture()),
  save: (userId: string, visual: boolean) =>
    page.evaluate(
      ([id, v, op]) => (window as unknown as { faceLab: FaceLab }).faceLab.save(id, v, op),
      [userId, visual, DEMO_OPERATOR] as const,
    ),
})

describe('no face in the picture', () => {
  it('says so, and the capture gets the centred crop', async () => {
    const clip = join(suite.dir, 'flat.y4m')
    writeFlatClip(clip)
    const o = await openFaceLab(suite, clip, '?autoStart=1&slowMs=20000')
    await expect
      .poll(async () => (await labState(o.page)).instruction, { timeout: 30_000 })
      .toBe('face.do.noFace')
    const state = await labState(o.page)
    expect(state.status).toBe('ready')
    expect(state.text).toBe('No face found — look at the camera')
    expect(state.guideState).toBe('warn')
    const report = await lab$(o.page).capture()
    expect(report?.result?.reason).toBe('no-face')
    expect(report?.source).toBe('centred')
    expect(report?.crop).toEqual(initialCrop(640, 480, 1))
    expect(o.pageErrors).toEqual([])
  })
})

describe('face models blocked', () => {
  it('turns guidance off, and still captures and saves the profile photo', async () => {
    const clip = join(suite.dir, 'face.y4m')
    writeFaceClip(clip, SAMPLE_FACES.group)
    const blocked: string[] = []
    const o = await openFaceLab(suite, clip, '?autoStart=1', async (context) => {
      await context.route('**/models/face/**', (route) => {
        blocked.push(route.request().url())
        return route.abort()
      })
    })
    await expect.poll(async () => (await labState(o.page)).status, { timeout: 30_000 }).toBe('off')
    expect(blocked.length).toBeGreaterThan(0)
    const state = await labState(o.page)
    expect(state.offReason).toBe('model')
    expect(state.text).toBe('Face guidance is off — the centred crop is used.')
    expect(state.guideState).toBe('neutral')

    const report = await lab$(o.page).capture()
    expect(report?.source).toBe('centred')
    expect(report?.crop).toEqual(initialCrop(640, 480, 1))

    // BioStar refuses the Visual Face: the error shows, the profile photo stays saved.
    suite.app.sim.options.uploadPictureCode = '30008'
    const saved = await lab$(o.page).save('5', true)
    expect(saved.visual).toBe('failed')
    expect(suite.app.sim.getUser('5')?.photo_exists).toBe('true')
    expect(suite.app.sim.getUser('5')?.visual_face_count).toBe('0')
    await expect(o.page.getByTestId('visual-face-error').textContent()).resolves.toBe(
      'Visual Face not enrolled: BioStar found no face in the picture (code 30008). The profile photo was saved.',
    )
    expect(o.pageErrors).toEqual([])
  })
})
