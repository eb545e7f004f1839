import { releaseCanvas, type PhotoCanvas, type SizedImageSource } from './canvas.ts'
import type { Crop } from './crop.ts'
import { encodeWithinBudget, type JpegEncoder } from './encode.ts'
import { cropRenderer } from './render.ts'
import { ssimScorer } from './score.ts'
import { DEFAULT_PHOTO_SETTINGS, type PhotoSettings } from './settings.ts'

/**
 * The device-ready photo: JPEG bytes and how they were made. Base64 is made once, when the photo
 * is sent (src/writes), not on every crop change.
 */
export interface PreparedPhoto {
  blob: Blob
  bytes: number
  width: number
  height: number
  quality: number
  /** Encodes the budget search made. */
  attempts: number
}

/**
 * Crops, scales and encodes `source` into a baseline JPEG within the byte budget. The output takes `settings.aspect`, so make the crop with the same aspect.
 */
export async function preparePhoto(
  source: SizedImageSource,
  crop: Crop,
  settings: Partial<PhotoSettings> = {},
  encoder?: JpegEncoder<PhotoCanvas>,
): Promise<PreparedPhoto> {
  const options = { ...DEFAULT_PHOTO_SETTINGS, ...settings }
  // One canvas alive at a time: free the previous size when the search moves to a smaller one.
  let current: PhotoCanvas | undefined
  const renderer = cropRenderer(source, crop)
  const render = async (width: number, height: number) => {
    if (current) releaseCanvas(current)
    current = await renderer(width, height)
    return current
  }
  try {
    // The second look compares real decodes: only with the browser's own encoder.
    const encoded = await encodeWithinBudget(
      render,
      options,
      encoder,
      encoder ? undefined : ssimScorer,
    )
    const { blob, bytes, width, height, quality, attempts } = encoded
    return { blob, bytes, width, height, quality, attempts }
  } finally {
    if (current) releaseCanvas(current)
  }
}
