// The face-aware crop rule and the live checks, on generated landmarks: eyes on the 40 % line,
// head 60 % of the crop (inside the 55-65 % band), the largest face near the centre, mirror-aware
// directions, and the order instructions come in.
import { describe, expect, it } from 'vitest'
import {
  FACE_CROP_RULE,
  GUIDE_RULES,
  assessFrame,
  checksForLog,
  chooseFace,
  faceCrop,
  faceGeometry,
  measureCrop,
  visualFaceSize,
  type DetectedFace,
  type Lighting,
} from '@/face/index.ts'
import { initialCrop } from '@/photo/index.ts'

/** An upright frontal face: eye line at (cx, eyeY), chin `eyeToChin` below; see face-measures. */
function face({ cx = 320, eyeY = 200, eyeToChin = 100, roll = 0, noseShift = 0 } = {}) {
  const d = eyeToChin * 0.55
  const local: [number, number][] = Array.from({ length: 68 }, () => [0, eyeToChin * 0.5])
  for (const [centre, from] of [
    [-d / 2, 36],
    [d / 2, 42],
  ] as const)
    for (let i = 0; i < 6; i++) {
      const a = (i / 6) * Math.PI * 2
      local[from + i] = [centre + Math.cos(a) * d * 0.2, Math.sin(a) * d * 0.08]
    }
  local[0] = [-d * 1.25, eyeToChin * 0.05]
  local[16] = [d * 1.25, eyeToChin * 0.05]
  local[8] = [0, eyeToChin]
  local[30] = [noseShift, eyeToChin * 0.45]
  const r = (roll * Math.PI) / 180
  const landmarks = local.map(([u, v]) => ({
    x: cx + u * Math.cos(r) - v * Math.sin(r),
    y: eyeY + u * Math.sin(r) + v * Math.cos(r),
  }))
  const box = {
    x: cx - d * 1.25,
    y: eyeY - eyeToChin * 0.3,
    width: d * 2.5,
    height: eyeToChin * 1.3,
  }
  return { box, score: 0.9, landmarks } satisfies DetectedFace
}

const inside = (c: { x: number; y: number; width: number; height: number }, w: number, h: number) =>
  c.x >= -1e-9 && c.y >= -1e-9 && c.x + c.width <= w + 1e-9 && c.y + c.height <= h + 1e-9

describe('faceCrop: the stated rule', () => {
  const [bandMin, bandMax] = FACE_CROP_RULE.band

  it.each([
    ['square, 720p webcam', 1280, 720, 1, { cx: 640, eyeY: 330, eyeToChin: 110 }],
    ['portrait 3:4, 1080p', 1920, 1080, 0.75, { cx: 900, eyeY: 480, eyeToChin: 150 }],
    ['square, tablet portrait', 720, 1280, 1, { cx: 360, eyeY: 560, eyeToChin: 120 }],
    ['off-centre face', 1280, 720, 1, { cx: 420, eyeY: 300, eyeToChin: 90 }],
    ['tilted head', 1280, 720, 1, { cx: 640, eyeY: 330, eyeToChin: 110, roll: 12 }],
  ])('%s: eyes on their line, head at its share, face centred', (_, w, h, aspect, f) => {
    const result = faceCrop([face(f)], w, h, aspect)
    expect(result).toMatchObject({ faces: 1, chosen: 0, reason: 'face', onRule: true })
    const { crop } = result
    expect(crop.width / crop.height).toBeCloseTo(aspect, 6)
    expect(inside(crop, w, h)).toBe(true)
    const m = measureCrop(crop, faceGeometry(face(f)))
    expect(m.eyeLine).toBeCloseTo(FACE_CROP_RULE.eyeLine, 6)
    expect(m.headShare).toBeCloseTo(FACE_CROP_RULE.headShare, 6)
    expect(m.headShare).toBeGreaterThanOrEqual(bandMin)
    expect(m.headShare).toBeLessThanOrEqual(bandMax)
    expect(Math.abs(m.centreOffset)).toBeLessThan(1e-9)
  })

  it('keeps the crop inside the picture when the face is near an edge, and says it is off-rule', () => {
    const near = faceCrop([face({ cx: 90, eyeY: 120, eyeToChin: 100 })], 1280, 720)
    expect(inside(near.crop, 1280, 720)).toBe(true)
    expect(near.onRule).toBe(false)
    expect(near.reason).toBe('face')
    // Too large: the head cannot be 60 % of any crop that fits.
    const large = faceCrop([face({ cx: 640, eyeY: 300, eyeToChin: 260 })], 1280, 720)
    expect(large.crop.height).toBeCloseTo(720, 6)
    expect(large.headShare!).toBeGreaterThan(bandMax)
    expect(large.onRule).toBe(false)
  })

  it('without a face: the centred crop and the reason', () => {
    expect(faceCrop([], 1280, 720, 0.75)).toEqual({
      crop: initialCrop(1280, 720, 0.75),
      faces: 0,
      chosen: null,
      reason: 'no-face',
      onRule: false,
      headShare: null,
      eyeLine: null,
      centreOffset: null,
    })
  })
})

describe('several faces: the largest near the centre', () => {
  it('prefers a centred face to a somewhat larger one at the edge', () => {
    const edge = face({ cx: 150, eyeY: 200, eyeToChin: 120 })
    const centre = face({ cx: 640, eyeY: 330, eyeToChin: 100 })
    const result = faceCrop([edge, centre], 1280, 720)
    expect(result).toMatchObject({ faces: 2, chosen: 1, reason: 'several-faces' })
    expect(result.crop.x + result.crop.width / 2).toBeCloseTo(640, 6)
  })

  it('prefers the larger of two faces equally near the centre', () => {
    const small = face({ cx: 560, eyeY: 330, eyeToChin: 60 })
    const big = face({ cx: 720, eyeY: 330, eyeToChin: 100 })
    expect(chooseFace([small, big], 1280, 720)).toBe(1)
    expect(chooseFace([big, small], 1280, 720)).toBe(0)
  })

  it('takes a much larger face even off-centre (a person close to the camera)', () => {
    const background = face({ cx: 640, eyeY: 330, eyeToChin: 40 })
    const close = face({ cx: 400, eyeY: 330, eyeToChin: 150 })
    expect(chooseFace([background, close], 1280, 720)).toBe(1)
    expect(chooseFace([], 1280, 720)).toBe(-1)
  })
})

describe('assessFrame: the live checks', () => {
  const W = 1280
  const H = 720
  const good = { cx: 640, eyeY: 300, eyeToChin: 130 }
  const light: Lighting = {
    face: { mean: 140, std: 20, dark: 0, blown: 0, count: 1000 },
    background: { mean: 150, std: 30, dark: 0, blown: 0, count: 5000 },
    backlight: 10,
  }
  const frame = (faces: DetectedFace[], extra = {}) =>
    assessFrame({ faces, width: W, height: H, lighting: light, sharpness: 0.2, ...extra })

  it('all pass for a centred, frontal, well lit, sharp face of the right size', () => {
    const a = frame([face(good)])
    expect(a.allPass).toBe(true)
    expect(a.instruction).toBeNull()
    expect(a.checks.map((c) => c.state)).toEqual(Array(9).fill('pass'))
  })

  it('no face, then more than one', () => {
    const none = frame([])
    expect(none).toMatchObject({ allPass: false, instruction: 'noFace', chosen: null })
    expect(none.checks.filter((c) => c.state === 'unknown')).toHaveLength(8)
    const two = frame([face(good), face({ cx: 200, eyeY: 300, eyeToChin: 60 })])
    expect(two).toMatchObject({ allPass: false, instruction: 'oneFace', chosen: 0 })
  })

  it('too small: "Move closer"; too large for the crop rule: "Move back"', () => {
    expect(frame([face({ ...good, eyeToChin: 90 })]).instruction).toBe('closer')
    expect(frame([face({ ...good, eyeY: 260, eyeToChin: 250 })]).instruction).toBe('back')
    // The limits scale with the tallest crop the frame allows (portrait crop in a portrait frame).
    const portrait = assessFrame({
      faces: [face({ cx: 360, eyeY: 560, eyeToChin: 250 })],
      width: 720,
      height: 1280,
      aspect: 1,
    })
    expect(portrait.instruction).toBe('back')
  })

  it('directions follow the preview as shown: mirrored for a selfie view', () => {
    // The face is on the left of the camera's picture.
    const left = face({ ...good, cx: 300 })
    expect(frame([left], { mirrored: false }).instruction).toBe('right')
    // Mirrored, the person sees themselves on the right: they move left.
    expect(frame([left], { mirrored: true }).instruction).toBe('left')
    const right = face({ ...good, cx: 980 })
    expect(frame([right], { mirrored: false }).instruction).toBe('left')
    expect(frame([right], { mirrored: true }).instruction).toBe('right')
  })

  it('too high or too low for the crop: up or down (never mirrored)', () => {
    expect(frame([face({ ...good, eyeY: 120 })], { mirrored: true }).instruction).toBe('down')
    expect(frame([face({ ...good, eyeY: 520 })], { mirrored: true }).instruction).toBe('up')
  })

  it('turned: "Face the camera"; tilted: "Straighten your head"', () => {
    expect(frame([face({ ...good, noseShift: 35 })]).instruction).toBe('faceCamera')
    expect(frame([face({ ...good, roll: 14 })]).instruction).toBe('straighten')
    expect(frame([face({ ...good, roll: GUIDE_RULES.maxRoll - 2 })]).allPass).toBe(true)
  })

  it('blurred: "Hold still"; unmeasured light or sharpness never blocks', () => {
    expect(frame([face(good)], { sharpness: 0.01 }).instruction).toBe('holdStill')
    const unmeasured = assessFrame({ faces: [face(good)], width: W, height: H })
    expect(unmeasured.allPass).toBe(true)
    expect(unmeasured.checks.filter((c) => c.state === 'unknown').map((c) => c.id)).toEqual([
      'backlight',
      'exposure',
      'sharp',
    ])
  })

  it('keeps a check that passed unless it gets clearly worse (no flicker at a threshold)', () => {
    const tilted = face({ ...good, roll: GUIDE_RULES.maxRoll + 1 })
    const fresh = frame([tilted], { sharpness: GUIDE_RULES.minSharpness * 0.9 })
    expect(fresh.checks.filter((c) => c.state === 'fail').map((c) => c.id)).toEqual([
      'level',
      'sharp',
    ])
    const previous = frame([face(good)]).checks
    const held = frame([tilted], { sharpness: GUIDE_RULES.minSharpness * 0.9, previous })
    expect(held.allPass).toBe(true)
    const worse = frame([face({ ...good, roll: GUIDE_RULES.maxRoll + 4 })], { previous })
    expect(worse.instruction).toBe('straighten')
    // A failed check needs the strict threshold again to pass.
    expect(frame([tilted], { previous: fresh.checks }).instruction).toBe('straighten')
  })

  it('says the most important thing first', () => {
    // Too small, off-centre, tilted and blurred at once: distance comes first.
    const bad = face({ cx: 300, eyeY: 300, eyeToChin: 60, roll: 20 })
    const a = frame([bad], { sharpness: 0.01 })
    expect(a.instruction).toBe('closer')
    expect(a.checks.filter((c) => c.state === 'fail').map((c) => c.id)).toEqual([
      'size',
      'centre',
      'level',
      'sharp',
    ])
  })
})

describe('what is kept and sent', () => {
  it('logs the measured checks as short lines', () => {
    const a = assessFrame({ faces: [face({ cx: 300, eyeToChin: 60 })], width: 1280, height: 720 })
    expect(checksForLog(a.checks)).toEqual([
      'face pass',
      'single pass',
      'size fail closer',
      'centre fail right',
      'frontal pass',
      'level pass',
    ])
  })

  it('sizes the Visual Face picture: its own pixels, at most 1024, at least 250', () => {
    expect(visualFaceSize({ width: 600, height: 800 })).toEqual({ width: 600, height: 800 })
    expect(visualFaceSize({ width: 1800, height: 2400 })).toEqual({ width: 768, height: 1024 })
    expect(visualFaceSize({ width: 200, height: 200 })).toEqual({ width: 250, height: 250 })
    expect(visualFaceSize({ width: 150, height: 200 })).toEqual({ width: 250, height: 333 })
  })
})
