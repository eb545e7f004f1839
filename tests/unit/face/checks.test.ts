// The live checks on generated landmarks: mirror-aware directions, no flicker at a threshold,
// the order instructions come in, and what the session log keeps of them.
import { describe, expect, it } from 'vitest'
import {
  GUIDE_RULES,
  assessFrame,
  checksForLog,
  type DetectedFace,
  type Lighting,
} from '@/face/index.ts'
import { face } from '../../helpers/synthetic-face.ts'

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
    const left = face({ ...good, cx: 420 })
    expect(frame([left], { mirrored: false }).instruction).toBe('right')
    // Mirrored, the person sees themselves on the right: they move left.
    expect(frame([left], { mirrored: true }).instruction).toBe('left')
    const right = face({ ...good, cx: 860 })
    expect(frame([right], { mirrored: false }).instruction).toBe('left')
    expect(frame([right], { mirrored: true }).instruction).toBe('right')
  })

  it('far to one side, small: "Step to the middle" first, then "Move closer"', () => {
    // The person off to the side of a 16:9 picture (face centre at 30% of the width).
    const aside = face({ cx: 384, eyeY: 300, eyeToChin: 60 })
    const a = frame([aside])
    expect(a.instruction).toBe('middle')
    expect(a.checks.find((c) => c.id === 'centre')).toMatchObject({ state: 'fail' })
    expect(frame([face({ cx: 640, eyeY: 300, eyeToChin: 60 })]).instruction).toBe('closer')
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
    const bad = face({ cx: 460, eyeY: 300, eyeToChin: 60, roll: 20 })
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

describe('what the session log keeps', () => {
  it('logs the measured checks as short lines', () => {
    const a = assessFrame({ faces: [face({ cx: 300, eyeToChin: 60 })], width: 1280, height: 720 })
    expect(checksForLog(a.checks)).toEqual([
      'face pass',
      'single pass',
      'size fail closer',
      'centre fail middle',
      'frontal pass',
      'level pass',
    ])
  })
})
