import type { FaceDescription } from './engine.ts'

// "Is this the same person?": the Euclidean distance between two 128-number face descriptors of
// face-api's recognition model (a ResNet-34 like dlib's), against the model's published
// threshold. Pure: the descriptors come from the face worker (FaceDetector.describe).

/**
 * Descriptors of one person lie closer than 0.6: the threshold face-api publishes with the model
 * (its FaceMatcher's default `distanceThreshold`, and dlib's, whose model it ports: "pictures
 * with a distance under 0.6 are of the same person", 99.38% on LFW). tests/e2e/face-match.test.ts
 * checks it on the package's sample faces and their realistic changes.
 */
export const SAME_PERSON_THRESHOLD = 0.6

export type SamePerson =
  | { verdict: 'same' | 'different'; distance: number }
  /** No verdict: a picture without exactly one face, or no model. */
  | { verdict: 'unknown'; reason: 'no-face' | 'several-faces' | 'failed' }

export function faceDistance(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error('Descriptors of different lengths')
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2
  return Math.sqrt(sum)
}

/** The verdict on two portraits: the current photo and the new one. */
export function samePerson(
  current: FaceDescription,
  next: FaceDescription,
  threshold = SAME_PERSON_THRESHOLD,
): SamePerson {
  for (const d of [current, next]) {
    if (d.faces === 0) return { verdict: 'unknown', reason: 'no-face' }
    if (d.faces > 1 || !d.descriptor) return { verdict: 'unknown', reason: 'several-faces' }
  }
  const distance = faceDistance(current.descriptor!, next.descriptor!)
  return { verdict: distance < threshold ? 'same' : 'different', distance }
}
