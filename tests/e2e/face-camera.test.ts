// Smart capture with a real detector in real Chromium: the package's sample face photos play as
// the fake camera; the guide finds the face, the capture is cropped by the stated rule (checked by
// detecting the face again in the rendered crop), and the Visual Face is enrolled.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { DEMO_OPERATOR } from '../../sim/index.ts'
import { FACE_CROP_RULE } from '../../src/face/crop.ts'
import type { FaceLab } from './pages/face-lab.ts'
import {
  SAMPLE_FACES,
  labState,
  writeFaceClip,
  faceLabSuite,
  openFaceLab,
} from './pages/face-lab.server.ts'

const suite = useBrowserSuite(faceLabSuite('face-camera-'))

async function open(
  clipName: string,
  face: (typeof SAMPLE_FACES)[keyof typeof SAMPLE_FACES],
  size: { width: number; height: number; headShare?: number },
  query = '',
) {
  const clip = join(suite.dir, `${clipName}.y4m`)
  writeFaceClip(clip, face, size)
  // This machine is slow and shared: keep guidance on whatever a detection takes.
  const o = await openFaceLab(suite, clip, `?autoStart=1&checks=1&slowMs=20000${query}`)
  return o
}

const capture = (page: Page, recheck = true) =>
  page.evaluate(
    (recheck) => (window as unknown as { faceLab: FaceLab }).faceLab.capture({ recheck }),
    recheck,
  )

/** Waits until the guide has assessed a frame with a face in it. */
async function waitForFace(page: Page) {
  await page.waitForFunction(
    () => {
      const s = (window as unknown as { faceLab: FaceLab }).faceLab.state()
      return s.checks.some((c) => c.id === 'face' && c.state === 'pass')
    },
    undefined,
    { timeout: 30_000, polling: 200 },
  )
  return labState(page)
}

describe('live guide and face-aware crop on a sample photo', () => {
  it('finds the face, crops by the rule, and enrolls the profile photo and the Visual Face', async () => {
    const { page, pageErrors, requests } = await open(
      'single',
      SAMPLE_FACES.single,
      { width: 480, height: 640, headShare: 0.42 },
      '&autoCapture=1&sizes=224',
    )
    const state = await waitForFace(page)
    expect(state.status).toBe('ready')
    expect(state.checks.find((c) => c.id === 'single')?.state).toBe('pass')
    // Kiosk auto capture: every check passes for a second, a visible 3-2-1, then `capture`.
    await page.getByTestId('face-countdown').waitFor({ timeout: 20_000 })
    await expect.poll(async () => (await labState(page)).autoCaptures, { timeout: 20_000 }).toBe(1)
    expect((await labState(page)).guideState).toBe('good')

    const report = await capture(page)
    expect(report).not.toBeNull()
    const { result, recheck } = report!
    expect(['live', 'still']).toContain(report!.source)
    expect(result).toMatchObject({ faces: 1, reason: 'face', onRule: true })
    expect(result!.headShare).toBeCloseTo(FACE_CROP_RULE.headShare, 5)
    // Detected again in the rendered crop: face centre within 5 % of the centre line, head
    // height inside the stated band, eyes near their line.
    expect(recheck?.faces).toBeGreaterThanOrEqual(1)
    expect(Math.abs(recheck!.centreOffset)).toBeLessThanOrEqual(0.05)
    expect(recheck!.headShare).toBeGreaterThanOrEqual(FACE_CROP_RULE.band[0])
    expect(recheck!.headShare).toBeLessThanOrEqual(FACE_CROP_RULE.band[1])
    expect(Math.abs(recheck!.eyeLine - FACE_CROP_RULE.eyeLine)).toBeLessThanOrEqual(0.05)

    const saved = await page.evaluate(
      (op) => (window as unknown as { faceLab: FaceLab }).faceLab.save('4', true, op),
      DEMO_OPERATOR,
    )
    expect(saved.visual).toBe('saved')
    expect(saved.profileBytes).toBeLessThanOrEqual(16_000)
    await expect.poll(() => page.getByTestId('visual-face-saved').isVisible()).toBe(true)
    const user = suite.app.sim.getUser('4')
    expect(user?.photo_exists).toBe('true')
    expect(user?.visual_face_count).toBe('1')
    const upload = suite.app.sim.requests.find((r) => r.path === '/api/users/check/upload_picture')
    // The high-resolution crop, not the 16 KB profile JPEG.
    const sent = (upload?.body as { template_ex_picture: string }).template_ex_picture
    expect((sent.length * 3) / 4).toBeGreaterThan(16_384)

    await page.screenshot({ path: join(process.env.FACE_SHOTS ?? suite.dir, 'face-single.png') })
    const timing = await page.evaluate(() =>
      (window as unknown as { faceLab: FaceLab }).faceLab.time(),
    )
    console.info('face timings', JSON.stringify({ ...timing, guide: state.timings }))
    // Nothing but the app's own origin.
    expect(
      requests.every(
        (u) => u.startsWith(suite.app.url) || u.startsWith('data:') || u.startsWith('blob:'),
      ),
    ).toBe(true)
    expect(pageErrors).toEqual([])
  })

  it('with several people, says so and crops to the largest face near the centre', async () => {
    const { page, pageErrors } = await open(
      'group',
      SAMPLE_FACES.group,
      { width: 640, height: 480 },
      '&sizes=160',
    )
    await page.waitForFunction(
      () => {
        const s = (window as unknown as { faceLab: FaceLab }).faceLab.state()
        return s.checks.some((c) => c.id === 'single' && c.state === 'fail')
      },
      undefined,
      { timeout: 30_000, polling: 200 },
    )
    await expect
      .poll(async () => (await labState(page)).text, { timeout: 10_000 })
      .toBe('Only one person, please')
    const report = await capture(page, false)
    expect(report!.result?.reason).toBe('several-faces')
    expect(report!.result!.faces).toBeGreaterThanOrEqual(2)
    // The person in the middle of the clip, not a larger neighbour: the crop is centred on them.
    const { crop, width } = report!
    expect(Math.abs(crop.x + crop.width / 2 - width / 2) / crop.width).toBeLessThanOrEqual(0.05)
    expect(report!.result!.onRule).toBe(true)
    expect(pageErrors).toEqual([])
  })
})
