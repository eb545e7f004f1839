import { decodeImage, rotatedSize, type Crop } from '@/photo/index.ts'
import { cropOf, type RelativeFocus } from './prepare-file.ts'
import { relativeFocus } from './preparer.ts'

// Fixing the crop of a held file (Needs review): the original is decoded for the crop editor
// with the crop its photo was made with; the crop the supervisor settles on goes back to the
// batch as fractions of the picture, so the preparer makes it at full size like any other.

/** The editor's copy of the picture: sharp enough on screen, light enough for a tablet. */
export const EDIT_PIXELS = 2_000_000

export interface RecropStart {
  /** The upright picture, downscaled to about EDIT_PIXELS; the caller closes it. */
  bitmap: ImageBitmap
  /** The crop the held photo was made with, in the bitmap's pixels. */
  crop: Crop
}

/** The picture and crop the editor starts from. */
export async function openRecrop(
  file: Blob,
  focus: RelativeFocus | null,
  aspect: number,
): Promise<RecropStart> {
  const bitmap = await decodeImage(file, { maxPixels: EDIT_PIXELS })
  return { bitmap, crop: cropOf(focus, bitmap.width, bitmap.height, aspect) }
}

/** An edited crop of a `width` x `height` picture as the focus the preparer takes. */
export function focusOfCrop(crop: Crop, width: number, height: number): RelativeFocus {
  const space = rotatedSize({ width, height }, crop.rotation)
  const focus = relativeFocus(crop, space.width, space.height)
  return crop.rotation ? { ...focus, rotation: crop.rotation } : focus
}
