import {
  DEVICE_PHOTO_LIMIT,
  browserJpegEncoder,
  decodeImage,
  jpegInfo,
  initialCrop,
  inspectFile,
  isPhotoError,
  preparePhoto,
  releaseCanvas,
  renderCrop,
  rotatedSize,
  sizeForSide,
  type Crop,
  type CropFocus,
  type QuarterTurn,
} from '@/photo/index.ts'
import type { RowProblem } from './rows.ts'

/** Where to centre the crop, as fractions of the picture (0..1), so any decode size can use it. */
export interface RelativeFocus {
  cx: number
  cy: number
  /** Crop height as a fraction of the picture's height. */
  size?: number
  /**
   * A quarter turn chosen in the crop editor (Needs review): the fractions are then of the
   * turned picture. Default 0.
   */
  rotation?: QuarterTurn
}

/** What one file becomes: the desk's own settings, plus an optional face focus. */
export interface PrepareRequest {
  aspect: number
  maxSide: number
  maxBytes: number
  focus?: RelativeFocus | null
  /** Long side of the thumbnail shown in the table. */
  thumbSide?: number
  /**
   * Send a baseline JPEG already within maxBytes (and the reader's slot) as it is, byte for
   * byte: a ZIP from the photo review coming back restores the directory exactly.
   */
  keepFitting?: boolean
}

export type PrepareResult =
  | {
      ok: true
      /** The device-ready JPEG, exactly what is sent. */
      jpeg: Blob
      /** A small JPEG of the same crop for the table. */
      thumb: Blob
      bytes: number
      width: number
      height: number
      quality: number
    }
  | { ok: false; problem: RowProblem }

const THUMB_SIDE = 64

/** Fractions of a picture to the crop centre in its pixels. */
export function toCropFocus(focus: RelativeFocus, width: number, height: number): CropFocus {
  const clamp = (v: number) => Math.min(1, Math.max(0, v))
  return {
    cx: clamp(focus.cx) * width,
    cy: clamp(focus.cy) * height,
    size: focus.size === undefined ? undefined : clamp(focus.size) * height,
  }
}

/** The crop a focus makes in a `width` x `height` picture (turned first when it says so). */
export function cropOf(
  focus: RelativeFocus | null | undefined,
  width: number,
  height: number,
  aspect: number,
): Crop {
  const rotation = focus?.rotation ?? 0
  const space = rotatedSize({ width, height }, rotation)
  const at = focus ? toCropFocus(focus, space.width, space.height) : undefined
  return { ...initialCrop(space.width, space.height, aspect, at), rotation }
}

/**
 * One file through the desk's pipeline: checked from its first bytes, decoded (the only
 * full-size bitmap, closed at the end), cropped, encoded within the byte budget, plus a thumbnail
 * of the same crop. Runs in a Worker or on the main thread; the answer is structured-cloneable.
 */
export async function prepareFile(file: Blob, request: PrepareRequest): Promise<PrepareResult> {
  try {
    const check = await inspectFile(file)
    if (!check.ok) return { ok: false, problem: refused(check.reason, check.detail) }
    const bitmap = await decodeImage(file)
    try {
      const { width, height } = bitmap
      if (request.keepFitting && (await fitsAsItIs(file, request.maxBytes))) {
        const thumb = await thumbnail(bitmap, initialCrop(width, height, request.aspect), request)
        return { ok: true, jpeg: file, thumb, bytes: file.size, width, height, quality: 1 }
      }
      const crop = cropOf(request.focus, width, height, request.aspect)
      const photo = await preparePhoto(bitmap, crop, {
        aspect: request.aspect,
        maxSide: request.maxSide,
        maxBytes: request.maxBytes,
      })
      const thumb = await thumbnail(bitmap, crop, request)
      // The base64 text preparePhoto also makes is dropped here: Blobs are kept, text is not.
      const { blob: jpeg, bytes, quality } = photo
      return { ok: true, jpeg, thumb, bytes, width: photo.width, height: photo.height, quality }
    } finally {
      bitmap.close()
    }
  } catch (error) {
    return { ok: false, problem: problemOf(error) }
  }
}

/** A small JPEG of the crop, for the table. */
async function thumbnail(bitmap: ImageBitmap, crop: Crop, request: PrepareRequest): Promise<Blob> {
  const size = sizeForSide(request.thumbSide ?? THUMB_SIDE, request.aspect)
  const canvas = await renderCrop(bitmap, crop, size.width, size.height)
  try {
    return await browserJpegEncoder(canvas, 0.8)
  } finally {
    releaseCanvas(canvas)
  }
}

/** A baseline JPEG within the budget and the reader's slot: nothing to re-encode. */
async function fitsAsItIs(file: Blob, maxBytes: number): Promise<boolean> {
  if (file.size > Math.min(maxBytes, DEVICE_PHOTO_LIMIT)) return false
  const head = new Uint8Array(await file.arrayBuffer())
  return jpegInfo(head)?.baseline === true
}

function refused(
  reason: Extract<RowProblem, { kind: 'refused' }>['reason'],
  detail?: Extract<RowProblem, { kind: 'refused' }>['detail'],
): RowProblem {
  return detail ? { kind: 'refused', reason, detail: { ...detail } } : { kind: 'refused', reason }
}

/** A pipeline failure as plain data (a PhotoError does not survive postMessage as one). */
export function problemOf(error: unknown): RowProblem {
  if (isPhotoError(error))
    return { kind: 'pipeline', reason: error.reason, detail: { ...error.detail } }
  return { kind: 'unknown', message: error instanceof Error ? error.message : String(error) }
}
