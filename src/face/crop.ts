import { initialCrop, MIN_CROP_SIDE, type Crop } from '@/photo/index.ts'
import { faceGeometry, type FaceGeometry } from './measures.ts'
import type { DetectedFace } from './types.ts'

/**
 * The face-aware crop rule (shown to people as `face.rule`): the eyes on the line `eyeLine` of
 * the crop's height from its top, the head (crown to chin) `headShare` of the crop's height,
 * the face centred left to right. `band` is the head share accepted as on-rule.
 */
export interface FaceCropRule {
  eyeLine: number
  headShare: number
  band: readonly [min: number, max: number]
}

export const FACE_CROP_RULE: FaceCropRule = { eyeLine: 0.4, headShare: 0.6, band: [0.55, 0.65] }

export type FaceCropReason =
  /** One face, cropped by the rule. */
  | 'face'
  /** Several faces: the largest near the centre was used. */
  | 'several-faces'
  /** No face: the centred crop. */
  | 'no-face'

export interface FaceCropResult {
  crop: Crop
  /** How many faces were found. */
  faces: number
  /** Index of the face the crop follows, null without faces. */
  chosen: number | null
  reason: FaceCropReason
  /**
   * false when the picture's edges kept the crop from meeting the rule (face too large, or too
   * close to an edge); the crop is then the nearest one that fits.
   */
  onRule: boolean
  /** What the crop achieved: head height / crop height, and eye line / crop height. */
  headShare: number | null
  eyeLine: number | null
  /** Face centre's horizontal offset from the crop's centre line, as a share of its width. */
  centreOffset: number | null
}

/**
 * Which face to follow: the largest near the centre. Each face scores its head height, less up
 * to 60 % for its distance from the picture's centre (at a corner). -1 when there is none.
 */
export function chooseFace(faces: readonly DetectedFace[], srcW: number, srcH: number): number {
  let best = -1
  let bestScore = -Infinity
  const half = Math.hypot(srcW, srcH) / 2
  faces.forEach((face, i) => {
    const g = faceGeometry(face)
    const off = Math.hypot(g.centre.x - srcW / 2, g.centre.y - srcH / 2) / half
    const score = g.headHeight * (1 - 0.6 * Math.min(1, off))
    if (score > bestScore) {
      bestScore = score
      best = i
    }
  })
  return best
}

/** The crop the rule asks for around a face, before the picture's edges are considered. */
export function idealFaceCrop(g: FaceGeometry, aspect: number, rule = FACE_CROP_RULE): Crop {
  const height = Math.max(g.headHeight / rule.headShare, MIN_CROP_SIDE)
  const width = height * aspect
  return {
    x: g.centre.x - width / 2,
    y: g.eyeMid.y - rule.eyeLine * height,
    width,
    height,
    rotation: 0,
  }
}

/** The crop for one face: the rule, then kept inside the picture (see FaceCropResult.onRule). */
export function cropForFace(
  face: DetectedFace,
  srcW: number,
  srcH: number,
  aspect: number,
  rule = FACE_CROP_RULE,
): Crop {
  const ideal = idealFaceCrop(faceGeometry(face), aspect, rule)
  return initialCrop(srcW, srcH, aspect, {
    cx: ideal.x + ideal.width / 2,
    cy: ideal.y + ideal.height / 2,
    size: ideal.height,
  })
}

/** How well `crop` follows the rule for the face `g`. */
export function measureCrop(crop: Crop, g: FaceGeometry) {
  return {
    headShare: g.headHeight / crop.height,
    eyeLine: (g.eyeMid.y - crop.y) / crop.height,
    centreOffset: (g.centre.x - (crop.x + crop.width / 2)) / crop.width,
  }
}

/** Whether a crop meets the rule: head share in the band, eyes and centre within 3 %. */
export function isOnRule(measured: ReturnType<typeof measureCrop>, rule = FACE_CROP_RULE) {
  return (
    measured.headShare >= rule.band[0] - 1e-6 &&
    measured.headShare <= rule.band[1] + 1e-6 &&
    Math.abs(measured.eyeLine - rule.eyeLine) <= 0.03 &&
    Math.abs(measured.centreOffset) <= 0.03
  )
}

/**
 * The initial crop of a picture of `srcW` x `srcH` (a captured frame or a file) with the faces
 * found in it: by the rule around the chosen face, or centred when there is none.
 */
export function faceCrop(
  faces: readonly DetectedFace[],
  srcW: number,
  srcH: number,
  aspect = 1,
  rule = FACE_CROP_RULE,
): FaceCropResult {
  const chosen = chooseFace(faces, srcW, srcH)
  const face = faces[chosen]
  if (!face) {
    return {
      crop: initialCrop(srcW, srcH, aspect),
      faces: 0,
      chosen: null,
      reason: 'no-face',
      onRule: false,
      headShare: null,
      eyeLine: null,
      centreOffset: null,
    }
  }
  const crop = cropForFace(face, srcW, srcH, aspect, rule)
  const measured = measureCrop(crop, faceGeometry(face))
  return {
    crop,
    faces: faces.length,
    chosen,
    reason: faces.length > 1 ? 'several-faces' : 'face',
    onRule: isOnRule(measured, rule),
    ...measured,
  }
}
