import { PhotoError } from './errors.ts'
import { MAX_CANVAS_PIXELS } from './limits.ts'

/** Options for `decodeImage`. */
export interface DecodeOptions {
  /** Larger pictures are scaled down right after decoding, so no later canvas exceeds it. */
  maxPixels?: number
}

/**
 * Decodes a JPEG, PNG or WebP into an upright ImageBitmap. The browser applies the EXIF
 * orientation exactly once here; nothing downstream may rotate by EXIF again.
 */
export async function decodeImage(
  blob: Blob,
  { maxPixels = MAX_CANVAS_PIXELS }: DecodeOptions = {},
): Promise<ImageBitmap> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' })
  } catch (cause) {
    throw new PhotoError(
      'decode-failed',
      'The picture could not be decoded',
      { bytes: blob.size },
      {
        cause,
      },
    )
  }
  if (bitmap.width === 0 || bitmap.height === 0) {
    bitmap.close()
    throw new PhotoError('decode-failed', 'The picture decoded to nothing', { bytes: blob.size })
  }
  const pixels = bitmap.width * bitmap.height
  if (pixels <= maxPixels) return bitmap
  // Keep only a bitmap small enough for any canvas (iPad blanks canvases over 16.7 MP).
  const scale = Math.sqrt(maxPixels / pixels)
  const resizeWidth = Math.max(1, Math.floor(bitmap.width * scale))
  const resizeHeight = Math.max(1, Math.floor(bitmap.height * scale))
  try {
    return await createImageBitmap(bitmap, { resizeWidth, resizeHeight, resizeQuality: 'high' })
  } catch (cause) {
    throw new PhotoError('decode-failed', 'The picture is too large to scale down', {}, { cause })
  } finally {
    bitmap.close()
  }
}
