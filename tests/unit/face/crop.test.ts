// The face-aware crop rule on generated landmarks: eyes on the 40 % line, head 60 % of the crop
// (inside the 55-65 % band), and the largest face near the centre when there are several.
import { describe, expect, it } from 'vitest'
import { FACE_CROP_RULE, chooseFace, faceCrop, faceGeometry, measureCrop } from '@/face/index.ts'
import { initialCrop } from '@/photo/index.ts'
import { face, inside } from '../../helpers/synthetic-face.ts'

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
