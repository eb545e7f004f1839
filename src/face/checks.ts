import { chooseFace, FACE_CROP_RULE, idealFaceCrop, type FaceCropRule } from './crop.ts'
import { faceGeometry, type FaceGeometry, type Lighting } from './measures.ts'
import type { DetectedFace } from './types.ts'

// The live quality checks, as pure functions of one frame's measures. Each failed check names
// the short instruction a person can follow; i18n keys are `face.do.<instruction>`.

export type CheckId =
  | 'face' // a face is found
  | 'single' // only one
  | 'size' // head not too small, not too large for the crop rule
  | 'centre' // the crop rule fits around it
  | 'frontal' // not turned left or right
  | 'level' // not tilted
  | 'backlight'
  | 'exposure' // not too dark, not too bright
  | 'sharp'

export type Instruction =
  | 'noFace'
  | 'oneFace'
  | 'closer'
  | 'back'
  | 'left'
  | 'right'
  | 'middle'
  | 'up'
  | 'down'
  | 'faceCamera'
  | 'straighten'
  | 'lightFront'
  | 'moreLight'
  | 'lessLight'
  | 'holdStill'

export type CheckState = 'pass' | 'fail' | 'unknown'

export interface Check {
  id: CheckId
  state: CheckState
  /** What to do when it fails. */
  instruction: Instruction | null
  /** The measured value the check compared (for the session log and tuning). */
  value: number | null
}

/** Thresholds; GUIDE_RULES holds the tuned defaults. */
export interface GuideRules {
  /** Head height / the tallest crop the frame allows: below `minHead` "Move closer". */
  minHead: number
  /** Above `maxHead` "Move back" (the crop rule cannot hold the head at its share). */
  maxHead: number
  /** Face centre's distance from the frame's centre line, share of the frame width. */
  maxOffCentre: number
  /** Farther than this from the centre line: "Step to the middle", before any other advice. */
  maxOffMiddle: number
  /** How far (share of the crop) the frame's edges may push the rule's crop. */
  maxCropShift: number
  /** |yaw| above this: "Face the camera". */
  maxYaw: number
  /** |roll| in degrees above this: "Straighten your head". */
  maxRoll: number
  /** Inner face mean luma below this: "More light". */
  minFaceLuma: number
  /** Inner face mean luma above this, or blown share above `maxBlown`: "Less light". */
  maxFaceLuma: number
  maxBlown: number
  /** Background brighter than the face by this much: "Light from the front". */
  maxBacklight: number
  /** sharpness() below this: "Hold still". */
  minSharpness: number
}

export const GUIDE_RULES: GuideRules = {
  minHead: 0.33,
  maxHead: 0.65,
  maxOffCentre: 0.12,
  maxOffMiddle: 0.18,
  maxCropShift: 0.04,
  maxYaw: 0.25,
  maxRoll: 8,
  minFaceLuma: 70,
  maxFaceLuma: 215,
  maxBlown: 0.2,
  maxBacklight: 60,
  minSharpness: 0.05,
}

/** What the guide measured in one frame. */
export interface FrameInput {
  faces: readonly DetectedFace[]
  /** The frame's size, in the pixels the faces are in. */
  width: number
  height: number
  /** Lighting of the chosen face (measureLighting), null when not measured. */
  lighting?: Lighting | null
  /** sharpness() of the chosen face, null when not measured. */
  sharpness?: number | null
  /** The preview is shown mirrored (selfie view): left and right are as the person sees them. */
  mirrored?: boolean
  /** The crop's width / height (settings), for the size and centre checks. Default 1. */
  aspect?: number
  /**
   * The checks of the previous frame: one that passed there has to get clearly worse to fail
   * (loosen()), so a value near a threshold does not make the guide flicker.
   */
  previous?: readonly Check[]
}

export interface FrameAssessment {
  checks: Check[]
  /** Every check passed (unmeasured ones do not block), with exactly one face. */
  allPass: boolean
  /** The most important thing to fix, null when all pass. */
  instruction: Instruction | null
  /** Index of the face the checks are about. */
  chosen: number | null
  geometry: FaceGeometry | null
}

/** The thresholds a check that passed on the previous frame must cross to fail (hysteresis). */
export function loosen(rules: GuideRules): GuideRules {
  return {
    minHead: rules.minHead * 0.92,
    maxHead: rules.maxHead * 1.04,
    maxOffCentre: rules.maxOffCentre * 1.25,
    maxOffMiddle: rules.maxOffMiddle * 1.1,
    maxCropShift: rules.maxCropShift * 1.5,
    maxYaw: rules.maxYaw * 1.2,
    maxRoll: rules.maxRoll + 2,
    minFaceLuma: rules.minFaceLuma - 8,
    maxFaceLuma: rules.maxFaceLuma + 8,
    maxBlown: rules.maxBlown + 0.05,
    maxBacklight: rules.maxBacklight + 10,
    minSharpness: rules.minSharpness * 0.8,
  }
}

/** The tallest crop of `aspect` (width / height) a frame holds: what the size check measures by. */
export function maxCropHeight(width: number, height: number, aspect = 1): number {
  return Math.min(height, width / aspect)
}

/** Checks in the order people should fix them: the first failing one is the instruction. */
export const CHECK_ORDER: readonly CheckId[] = [
  'face',
  'single',
  'size',
  'centre',
  'frontal',
  'level',
  'backlight',
  'exposure',
  'sharp',
]

function check(id: CheckId, fail: Instruction | null, value: number | null): Check {
  return { id, state: fail ? 'fail' : 'pass', instruction: fail, value }
}

const unknown = (id: CheckId): Check => ({ id, state: 'unknown', instruction: null, value: null })

/** Assesses one frame. Directions refer to the preview as displayed (mirror-aware). */
export function assessFrame(
  input: FrameInput,
  rules: GuideRules = GUIDE_RULES,
  cropRule: FaceCropRule = FACE_CROP_RULE,
): FrameAssessment {
  const { faces, width, height } = input
  const aspect = input.aspect ?? 1
  const chosen = chooseFace(faces, width, height)
  const face = faces[chosen]
  if (!face) {
    const checks = CHECK_ORDER.map((id) =>
      id === 'face' ? check('face', 'noFace', 0) : unknown(id),
    )
    return { checks, allPass: false, instruction: 'noFace', chosen: null, geometry: null }
  }
  const g = faceGeometry(face)
  const loose = loosen(rules)
  const passed = (id: CheckId) =>
    input.previous?.some((c) => c.id === id && c.state === 'pass') ?? false
  /** The thresholds for one check: loosened when it passed on the previous frame. */
  const limits = (id: CheckId) => (passed(id) ? loose : rules)
  const checks: Check[] = [
    check('face', null, faces.length),
    check('single', faces.length > 1 ? 'oneFace' : null, faces.length),
  ]

  // Size, against the tallest crop of the settings' shape the frame allows.
  const head = g.headHeight / maxCropHeight(width, height, aspect)
  const size = limits('size')
  checks.push(
    check('size', head < size.minHead ? 'closer' : head > size.maxHead ? 'back' : null, head),
  )

  // Centre: how far the frame's edges push the rule's crop, and the distance from the centre
  // line. x grows to the right of the preview as displayed.
  const ideal = idealFaceCrop(g, aspect, cropRule)
  const cropW = Math.min(ideal.width, width)
  const cropH = Math.min(ideal.height, height)
  const clampedX = Math.min(Math.max(ideal.x, 0), width - cropW)
  const clampedY = Math.min(Math.max(ideal.y, 0), height - cropH)
  const mirror = input.mirrored ? -1 : 1
  // Positive: the frame's edge pushes the crop right (as displayed), i.e. the face is too far left.
  const shiftX = (mirror * (clampedX - ideal.x)) / cropW
  const shiftY = (clampedY - ideal.y) / cropH
  const offCentre = (mirror * (g.centre.x - width / 2)) / width
  const centre = limits('centre')
  let move: Instruction | null = null
  if (Math.abs(offCentre) > centre.maxOffCentre || Math.abs(shiftX) > centre.maxCropShift) {
    const faceIsLeft = Math.abs(shiftX) > centre.maxCropShift ? shiftX > 0 : offCentre < 0
    move = faceIsLeft ? 'right' : 'left'
  } else if (Math.abs(shiftY) > centre.maxCropShift) {
    // The crop is pushed down: the face is too high in the frame.
    move = shiftY > 0 ? 'down' : 'up'
  }
  // Far to one side (a person standing off to the side of a wide picture): step to the middle
  // first; "Move closer" there could take them out of the picture.
  if (Math.abs(offCentre) > centre.maxOffMiddle) move = 'middle'
  checks.push(check('centre', move, offCentre))

  const turned = Math.abs(g.yaw) > limits('frontal').maxYaw
  checks.push(check('frontal', turned ? 'faceCamera' : null, g.yaw))
  const tilted = Math.abs(g.roll) > limits('level').maxRoll
  checks.push(check('level', tilted ? 'straighten' : null, g.roll))

  const light = input.lighting
  if (light && light.face.count > 0) {
    checks.push(
      check(
        'backlight',
        light.backlight > limits('backlight').maxBacklight ? 'lightFront' : null,
        light.backlight,
      ),
    )
    const m = light.face.mean
    const exposure = limits('exposure')
    const tooBright = m > exposure.maxFaceLuma || light.face.blown > exposure.maxBlown
    const tooDark = m < exposure.minFaceLuma
    checks.push(check('exposure', tooDark ? 'moreLight' : tooBright ? 'lessLight' : null, m))
  } else {
    checks.push(unknown('backlight'), unknown('exposure'))
  }

  const sharp = input.sharpness
  checks.push(
    sharp === null || sharp === undefined
      ? unknown('sharp')
      : check('sharp', sharp < limits('sharp').minSharpness ? 'holdStill' : null, sharp),
  )

  const failed = checks.find((c) => c.state === 'fail')
  const instruction = move === 'middle' ? 'middle' : (failed?.instruction ?? null)
  return {
    checks,
    allPass: !failed,
    instruction,
    chosen,
    geometry: g,
  }
}

// The session log's lines of these checks: src/face/log-lines.ts.
export { checksForLog } from './log-lines.ts'
