import { isOffscreen, type PhotoCanvas } from './canvas.ts'
import { PhotoError } from './errors.ts'

/** Turns a canvas into JPEG bytes at `quality` (0..1); injectable so tests can fake it. */
export type JpegEncoder<C> = (canvas: C, quality: number) => Promise<Blob>

/** Draws the photo at `width` x `height`; called once per size tried. */
export type Renderer<C> = (width: number, height: number) => C | Promise<C>

/** The budget to meet; every field has a default (see DEFAULT_PHOTO_SETTINGS). */
export interface BudgetOptions {
  /** Output width / height. */
  aspect?: number
  /** Long side to start from. */
  maxSide?: number
  /** Long side not to go below; under this the encode fails rather than ship a thumbnail. */
  minSide?: number
  /** Byte budget, never exceeded. */
  maxBytes?: number
  /** Lowest JPEG quality worth keeping; below it a smaller picture looks better. */
  minQuality?: number
  /** Highest quality tried; above 0.95 bytes grow with no visible gain. */
  maxQuality?: number
}

/** One encode the search made. */
export interface BudgetAttempt {
  width: number
  height: number
  quality: number
  bytes: number
}

/** The chosen encode: the largest size, then the highest quality, that fits the budget. */
export interface EncodedPhoto {
  blob: Blob
  bytes: number
  quality: number
  width: number
  height: number
  attempts: number
  /** Every encode tried, in order (for diagnostics and tests). */
  tried: BudgetAttempt[]
}

/** Defaults of the budget search (the device slot, with a safety margin). */
export const BUDGET_DEFAULTS: Required<BudgetOptions> = {
  aspect: 1,
  maxSide: 400,
  minSide: 200,
  maxBytes: 16_000,
  minQuality: 0.4,
  maxQuality: 0.95,
}

// Each smaller size is at most 85% of the previous long side (about 72% of the pixels).
const SIZE_STEP = 0.85

/** The long sides the search tries: `maxSide`, ~15% smaller steps (multiples of 8), `minSide`. */
export function budgetSides(maxSide: number, minSide: number): number[] {
  const sides = [maxSide]
  for (;;) {
    // Multiples of 8 fill whole JPEG blocks.
    const next = Math.floor((sides[sides.length - 1]! * SIZE_STEP) / 8) * 8
    // A step that would land just above minSide goes straight to it.
    if (next <= minSide * 1.05) break
    sides.push(next)
  }
  if (minSide < maxSide) sides.push(minSide)
  return sides
}

/** The output width and height for a long side of `side` at `aspect` (width / height). */
export function sizeForSide(side: number, aspect: number): { width: number; height: number } {
  if (aspect >= 1) return { width: side, height: Math.max(1, Math.round(side / aspect)) }
  return { width: Math.max(1, Math.round(side * aspect)), height: side }
}

/**
 * Finds the best JPEG within `maxBytes`: a binary search over quality at the full size, and only
 * when even `minQuality` does not fit, the same at smaller sizes down to `minSide`. Never
 * returns more than `maxBytes`; throws PhotoError 'over-budget' when nothing fits.
 */
export async function encodeWithinBudget<C = PhotoCanvas>(
  render: Renderer<C>,
  opts: BudgetOptions = {},
  encoder: JpegEncoder<C> = browserJpegEncoder as unknown as JpegEncoder<C>,
): Promise<EncodedPhoto> {
  const o = { ...BUDGET_DEFAULTS, ...opts }
  if (!(o.maxBytes > 0) || !(o.minSide >= 1) || o.minSide > o.maxSide)
    throw new RangeError('encodeWithinBudget: invalid sizes or budget')
  // Browsers quantise quality to whole percent (libjpeg's 0-100), so search integers.
  const qMin = Math.max(1, Math.round(o.minQuality * 100))
  const qMax = Math.min(100, Math.max(qMin, Math.round(o.maxQuality * 100)))
  const tried: BudgetAttempt[] = []
  let smallest = Infinity

  const sides = budgetSides(o.maxSide, o.minSide)
  let size = sizeForSide(sides[0]!, o.aspect)
  for (const [index, side] of sides.entries()) {
    size = sizeForSide(side, o.aspect)
    const canvas = await render(size.width, size.height)
    const found: { best?: { blob: Blob; quality: number } } = {}

    const attempt = async (q: number): Promise<boolean> => {
      const blob = await encode(encoder, canvas, q / 100)
      tried.push({ ...size, quality: q / 100, bytes: blob.size })
      smallest = Math.min(smallest, blob.size)
      const fits = blob.size <= o.maxBytes
      if (fits && (!found.best || q / 100 > found.best.quality))
        found.best = { blob, quality: q / 100 }
      return fits
    }

    const first = index === 0
    // A plain picture fits at the top quality: one encode and done.
    if (first && (await attempt(qMax))) return result(found.best!, size, tried)
    // If even the lowest quality is too big, only a smaller picture can fit.
    if (!(await attempt(qMin))) continue
    // Highest fitting quality above qMin; at the first size qMax is known to fail.
    let lo = qMin + 1
    let hi = first ? qMax - 1 : qMax
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (await attempt(mid)) lo = mid + 1
      else hi = mid - 1
    }
    return result(found.best!, size, tried)
  }
  throw new PhotoError('over-budget', 'Even the smallest photo is over the byte budget', {
    bytes: smallest,
    maxBytes: o.maxBytes,
    width: size.width,
    height: size.height,
    attempts: tried.length,
  })
}

function result(
  best: { blob: Blob; quality: number },
  size: { width: number; height: number },
  tried: BudgetAttempt[],
): EncodedPhoto {
  return { ...best, bytes: best.blob.size, ...size, attempts: tried.length, tried }
}

async function encode<C>(encoder: JpegEncoder<C>, canvas: C, quality: number): Promise<Blob> {
  try {
    return await encoder(canvas, quality)
  } catch (cause) {
    if (cause instanceof PhotoError) throw cause
    throw new PhotoError('encode-failed', 'The browser could not encode a JPEG', {}, { cause })
  }
}

/** The browser's own JPEG encoder (baseline, 4:2:0) via `convertToBlob` or `toBlob`. */
export async function browserJpegEncoder(canvas: PhotoCanvas, quality: number): Promise<Blob> {
  const blob = isOffscreen(canvas)
    ? await canvas.convertToBlob({ type: 'image/jpeg', quality })
    : await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality))
  // A browser without a JPEG encoder silently hands back PNG.
  if (!blob || blob.type !== 'image/jpeg')
    throw new PhotoError('encode-failed', 'This browser cannot encode JPEG', {
      width: canvas.width,
      height: canvas.height,
    })
  return blob
}
