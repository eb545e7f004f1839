// The live preview's face oval against the crop rule and the size check: a head that fills the
// oval is one the checks call good, and the rule's crop fits around it in every frame shape.
import { describe, expect, it } from 'vitest'
import {
  FACE_CROP_RULE,
  GUIDE_RULES,
  HEAD_PER_EYE_TO_CHIN,
  assessFrame,
  faceCrop,
  faceGeometry,
  guideOval,
  maxCropHeight,
  type DetectedFace,
  type GuideOval,
} from '@/face/index.ts'

/**
 * An upright frontal face with 68 landmarks whose head (crown to chin, as faceGeometry estimates
 * it) fills `oval` scaled by `scale` about its centre.
 */
function faceIn(oval: GuideOval, scale = 1): DetectedFace {
  const head = 2 * oval.ry * scale
  const eyeToChin = head / HEAD_PER_EYE_TO_CHIN
  const chinY = oval.cy + head / 2
  const eyeY = chinY - eyeToChin
  const d = eyeToChin * 0.55 // eye distance
  const at = (u: number, v: number) => ({ x: oval.cx + u, y: eyeY + v })
  const landmarks = Array.from({ length: 68 }, () => at(0, eyeToChin / 2))
  for (let i = 0; i < 6; i++) {
    const a = (i / 6) * Math.PI * 2
    landmarks[36 + i] = at(-d / 2 + Math.cos(a) * d * 0.2, Math.sin(a) * d * 0.08)
    landmarks[42 + i] = at(d / 2 + Math.cos(a) * d * 0.2, Math.sin(a) * d * 0.08)
  }
  landmarks[0] = at(-d * 1.25, eyeToChin * 0.05)
  landmarks[16] = at(d * 1.25, eyeToChin * 0.05)
  landmarks[8] = at(0, eyeToChin)
  landmarks[30] = at(0, eyeToChin * 0.45)
  const box = { x: oval.cx - d * 1.25, y: eyeY - eyeToChin * 0.3, width: d * 2.5, height: d * 2.4 }
  return { box, score: 0.9, landmarks }
}

const FRAMES = [
  ['VGA webcam', 640, 480],
  ['720p webcam', 1280, 720],
  ['1080p webcam', 1920, 1080],
  ['tablet portrait', 480, 640],
  ['phone front camera', 720, 1280],
  ['phone front camera, 1080p', 1080, 1920],
] as const
const CASES = FRAMES.flatMap(([name, w, h]) =>
  [1, 0.75].map((aspect) => [`${name} ${w}x${h}, crop ${aspect}`, w, h, aspect] as const),
)

describe('guideOval', () => {
  it.each(CASES)('%s: inside the frame, centred, a head in the size band', (_, w, h, aspect) => {
    const oval = guideOval(w, h, aspect)
    expect(oval.cx).toBe(w / 2)
    expect(oval.cx - oval.rx).toBeGreaterThan(0)
    expect(oval.cy - oval.ry).toBeGreaterThan(0)
    expect(oval.cy + oval.ry).toBeLessThan(h)
    // Taller than wide, like a head.
    expect(oval.ry).toBeGreaterThan(oval.rx)
    const head = (2 * oval.ry) / maxCropHeight(w, h, aspect)
    expect(head).toBeCloseTo(oval.headShare, 9)
    expect(head).toBeGreaterThan(GUIDE_RULES.minHead)
    expect(head).toBeLessThan(GUIDE_RULES.maxHead)
    // Leaves the bottom of the frame free for the coaching line.
    expect(oval.cy + oval.ry).toBeLessThan(h * 0.7)
  })

  it.each(CASES)('%s: a face that fills the oval passes every check', (_, w, h, aspect) => {
    const oval = guideOval(w, h, aspect)
    const face = faceIn(oval)
    expect(faceGeometry(face).headHeight).toBeCloseTo(2 * oval.ry, 6)
    const result = assessFrame({ faces: [face], width: w, height: h, aspect, mirrored: true })
    expect(result.checks.filter((c) => c.state === 'fail')).toEqual([])
    expect(result).toMatchObject({ allPass: true, instruction: null })
  })

  it.each(CASES)('%s: the crop rule frames that face exactly', (_, w, h, aspect) => {
    const oval = guideOval(w, h, aspect)
    const result = faceCrop([faceIn(oval)], w, h, aspect)
    expect(result.onRule).toBe(true)
    expect(result.headShare).toBeCloseTo(FACE_CROP_RULE.headShare, 6)
    expect(result.eyeLine).toBeCloseTo(FACE_CROP_RULE.eyeLine, 6)
    for (const k of ['x', 'y', 'width', 'height'] as const)
      expect(result.crop[k]).toBeCloseTo(oval.crop[k], 6)
  })

  it.each(CASES)('%s: room to be off by a quarter either way', (_, w, h, aspect) => {
    // The face alone in the oval (the head is then about 1.25 times the oval), or hair too.
    const oval = guideOval(w, h, aspect)
    for (const scale of [0.8, 1.25]) {
      const result = assessFrame({ faces: [faceIn(oval, scale)], width: w, height: h, aspect })
      expect(result.allPass, `scale ${scale}`).toBe(true)
    }
  })

  it('sits between "Move closer" and "Move back"', () => {
    const [w, h] = [1280, 720]
    const oval = guideOval(w, h)
    const size = (scale: number) =>
      assessFrame({ faces: [faceIn(oval, scale)], width: w, height: h }).checks.find(
        (c) => c.id === 'size',
      )
    const room = Math.sqrt(GUIDE_RULES.maxHead / GUIDE_RULES.minHead)
    expect(size(1 / room / 1.02)?.instruction).toBe('closer')
    expect(size(1)?.state).toBe('pass')
    expect(size(room * 1.02)?.instruction).toBe('back')
  })

  it('follows the rules it is given', () => {
    const tight = guideOval(1280, 720, 1, { ...GUIDE_RULES, minHead: 0.5, maxHead: 0.6 })
    expect((2 * tight.ry) / 720).toBeCloseTo(Math.sqrt(0.5 * 0.6), 9)
    // Never a head the rule's crop cannot hold inside the frame.
    const loose = guideOval(1280, 720, 1, { ...GUIDE_RULES, minHead: 0.7, maxHead: 0.9 })
    expect((2 * loose.ry) / 720).toBeCloseTo(FACE_CROP_RULE.headShare, 9)
    expect(loose.crop.y).toBeCloseTo(0, 9)
  })
})
