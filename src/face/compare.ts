import { base64ToBlob } from '@/photo/index.ts'
import type { FaceDescription, FaceDetector } from './detector.ts'
import { describePhoto } from './frame.ts'
import { samePerson, type SamePerson } from './match.ts'

// "Is this the same person?" for a new JPEG against a user's current photo, written once for
// the desk (useSamePerson) and batch import (stores/batch.ts). Both pictures are described by
// the detector (the face worker's recognition model), then compared by match.ts.

/** A current photo (BioStar's base64) described; the desk makes it once per person found. */
export function describeCurrent(detector: FaceDetector, photo: string): Promise<FaceDescription> {
  return describePhoto(detector, base64ToBlob(photo))
}

/**
 * The verdict on `jpeg` against the current photo: BioStar's base64, or its description made
 * before with describeCurrent.
 */
export async function compareWithCurrent(
  detector: FaceDetector,
  current: string | Promise<FaceDescription>,
  jpeg: Blob,
): Promise<SamePerson> {
  const [before, after] = await Promise.all([
    typeof current === 'string' ? describeCurrent(detector, current) : current,
    describePhoto(detector, jpeg),
  ])
  return samePerson(before, after)
}

export interface SameAsCurrentPhotoOptions {
  detector(): Promise<FaceDetector>
  /** The user's current photo (BioStar's base64), looked up now; null without one. */
  currentPhoto(userId: string): Promise<string | null>
}

/**
 * Batch import's question for a file of `userId`: its JPEG against the user's current photo.
 * null when the user has no photo or no verdict comes (no face, several); errors propagate.
 */
export function sameAsCurrentPhoto(options: SameAsCurrentPhotoOptions) {
  return async (userId: string, jpeg: Blob): Promise<'same' | 'different' | null> => {
    const photo = await options.currentPhoto(userId)
    if (!photo) return null
    const { verdict } = await compareWithCurrent(await options.detector(), photo, jpeg)
    return verdict === 'unknown' ? null : verdict
  }
}
