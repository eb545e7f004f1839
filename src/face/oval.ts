import { GUIDE_RULES, maxCropHeight, type GuideRules } from './checks.ts'
import { FACE_CROP_RULE, type FaceCropRule } from './crop.ts'
import { HEAD_PER_EYE_TO_CHIN, HEAD_WIDTH_PER_HEIGHT } from './measures.ts'
import type { Rect } from './types.ts'

// The face oval drawn over the live preview, derived from the crop rule and the size check, so
// a head that fills it is one the checks call good and the rule's crop fits around it.

/** The oval, in the frame's own pixels. */
export interface GuideOval {
  cx: number
  cy: number
  rx: number
  ry: number
  /** The head the oval stands for (crown to chin, 2 ry) / maxCropHeight: the size check's value. */
  headShare: number
  /** The rule's crop around a head that fills the oval: centred in the frame. */
  crop: Rect
}

/**
 * The head share (of maxCropHeight) the oval aims at: the geometric middle of the size check's
 * range, so a person may sit the same factor (about 1.4) nearer or farther than the oval says
 * and still pass (head size goes as 1 / distance), which also absorbs filling the oval with the
 * face alone (about 0.8 of the head) or with hair. Never above the rule's head share, where its
 * crop would no longer fit in the frame.
 */
export function targetHeadShare(rules: GuideRules = GUIDE_RULES, rule = FACE_CROP_RULE): number {
  return Math.min(Math.sqrt(rules.minHead * rules.maxHead), rule.headShare)
}

/**
 * Where the oval goes in a `width` x `height` frame for crops of `aspect` (width / height): the
 * head (crown to chin) at targetHeadShare, centred left to right, and the eyes where the rule's
 * crop around it sits centred top to bottom, which leaves the bottom of the frame free.
 */
export function guideOval(
  width: number,
  height: number,
  aspect = 1,
  rules: GuideRules = GUIDE_RULES,
  rule: FaceCropRule = FACE_CROP_RULE,
): GuideOval {
  const headShare = targetHeadShare(rules, rule)
  const head = headShare * maxCropHeight(width, height, aspect)
  const cropHeight = head / rule.headShare
  const cropWidth = cropHeight * aspect
  const crop = {
    x: (width - cropWidth) / 2,
    y: (height - cropHeight) / 2,
    width: cropWidth,
    height: cropHeight,
  }
  const eyeY = crop.y + rule.eyeLine * cropHeight
  // Chin below the eyes by head / HEAD_PER_EYE_TO_CHIN, crown a head above the chin.
  const chin = eyeY + head / HEAD_PER_EYE_TO_CHIN
  const ry = head / 2
  return {
    cx: width / 2,
    cy: chin - ry,
    rx: ry * HEAD_WIDTH_PER_HEIGHT,
    ry,
    headShare,
    crop,
  }
}
