import {
  blobToBase64,
  browserJpegEncoder,
  releaseCanvas,
  renderCrop,
  type Crop,
  type SizedImageSource,
} from '@/photo/index.ts'

// The picture sent for a Visual Face: the clerk's crop of the original capture at high
// resolution, not the 16 KB profile JPEG (BioStar finds and normalises the face itself).

/** Longest side sent; more adds bytes, not recognition. */
export const VISUAL_FACE_MAX_SIDE = 1024
/** BioStar before 2.8.10 refuses pictures under 250 x 250 (code 30000). */
export const VISUAL_FACE_MIN_SIDE = 250
export const VISUAL_FACE_QUALITY = 0.92
/** upload_picture's limits. */
export const VISUAL_FACE_MAX_BYTES = 10 * 1024 * 1024

export interface VisualFacePicture {
  /** Raw base64 JPEG (no data: prefix), for checkPicture(). */
  base64: string
  width: number
  height: number
  bytes: number
  quality: number
}

/** The side lengths to render `crop` at: its own pixels, at most 1024 and at least 250. */
export function visualFaceSize(crop: Pick<Crop, 'width' | 'height'>): {
  width: number
  height: number
} {
  const long = Math.max(crop.width, crop.height)
  let scale = Math.min(1, VISUAL_FACE_MAX_SIDE / long)
  // A small crop is enlarged to the minimum on its short side: older servers refuse less.
  const short = Math.min(crop.width, crop.height) * scale
  if (short < VISUAL_FACE_MIN_SIDE) scale *= VISUAL_FACE_MIN_SIDE / short
  return {
    width: Math.max(1, Math.round(crop.width * scale)),
    height: Math.max(1, Math.round(crop.height * scale)),
  }
}

/** Renders the crop of `source` for upload_picture: JPEG 0.92, lower only to stay under 10 MB. */
export async function renderVisualFace(
  source: SizedImageSource,
  crop: Crop,
): Promise<VisualFacePicture> {
  // crop's width and height are already those of the upright result.
  const out = visualFaceSize(crop)
  const canvas = await renderCrop(source, crop, out.width, out.height)
  try {
    for (const quality of [VISUAL_FACE_QUALITY, 0.8, 0.6]) {
      const blob = await browserJpegEncoder(canvas, quality)
      if (blob.size <= VISUAL_FACE_MAX_BYTES)
        return {
          base64: await blobToBase64(blob),
          width: out.width,
          height: out.height,
          bytes: blob.size,
          quality,
        }
    }
    throw new Error('The Visual Face picture stays over 10 MB')
  } finally {
    releaseCanvas(canvas)
  }
}

/** What the desk shows about the Visual Face of the last save. */
export type VisualFaceState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  /** `image`: BioStar's normalised face, raw base64 JPEG. */
  | { kind: 'saved'; image: string }
  | { kind: 'failed'; error: unknown }
