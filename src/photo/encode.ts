import { isOffscreen, type PhotoCanvas } from './canvas.ts'
import { PhotoError } from './errors.ts'
import type { JpegScore } from './score.ts'

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
  /**
   * Lowest JPEG quality worth keeping at a size; below it a smaller picture looks better. 0.2 by
   * measurement (bench/README.md): at 0.4 the search shrank pictures that look better at 400 px.
   */
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
  minQuality: 0.2,
  maxQuality: 0.95,
}

/**
 * Below this quality (percent) at the full size, a slightly smaller picture at a higher quality
 * may look better (for smooth faces: +0.0008 SSIM at 368 px on face-sample3; for texture and
 * noise it is worse), so that one size is also tried and the better scored kept (bench/README.md).
 * On the bench it won at 0.38 and 0.33 (face-sample3, face-sample4) and never at 0.45-0.49
 * (fine-texture, face-sample2), where it only cost time (a render, encodes and two scores).
 */
const SECOND_LOOK_BELOW = 45
/** The second look's side: 92% of the full one (368 of 400), where the bench's limit gains most. */
const SECOND_LOOK_SCALE = 0.92
/**
 * Bytes at the second look's side over bytes at the full one, at the same quality: 0.87-0.90 on
 * the bench's faces (fewer pixels, but each 8x8 block holds more detail than 0.85 would say).
 */
const SECOND_LOOK_BYTES = 0.88
/**
 * The quality the full size starts from: where face photos land at 400 px within 16,000 B (bench:
 * 0.28-0.58). With PRIOR_SLOPE the second encode is then within a step or two of the answer:
 * 3-4 encodes where starting from the top took 4-6 (bench/README.md). A plain picture that fits
 * at the top takes 2.
 */
const FIRST_QUALITY = 60

function secondLookSide(side: number, o: Required<BudgetOptions>): number {
  const look = Math.floor((side * SECOND_LOOK_SCALE) / 8) * 8
  return look >= o.minSide && look < side ? look : 0
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
 * Finds the best JPEG within `maxBytes`: the highest quality that fits at the full size, down to
 * `minQuality`, and only when even that does not fit, the same at smaller sizes down to
 * `minSide`. The bench's encoder limit (every side and quality) shows a lower quality at the full
 * size beating a much smaller picture, so the size fallback is a last resort; but under quality
 * 0.45 a slightly smaller one (92%) may look better, so with a `scorer` (how close a JPEG comes to
 * the full-size picture) that one is also tried and the better kept. Never returns more than
 * `maxBytes`; throws PhotoError 'over-budget' when nothing fits.
 */
export async function encodeWithinBudget<C = PhotoCanvas>(
  render: Renderer<C>,
  opts: BudgetOptions = {},
  encoder: JpegEncoder<C> = browserJpegEncoder as unknown as JpegEncoder<C>,
  scorer?: (fullSize: C) => JpegScore,
): Promise<EncodedPhoto> {
  const o = { ...BUDGET_DEFAULTS, ...opts }
  if (!(o.maxBytes > 0) || !(o.minSide >= 1) || o.minSide > o.maxSide)
    throw new RangeError('encodeWithinBudget: invalid sizes or budget')
  // Browsers quantise quality to whole percent (libjpeg's 0-100), so search integers.
  const qMin = Math.max(1, Math.round(o.minQuality * 100))
  const qMax = Math.min(100, Math.max(qMin, Math.round(o.maxQuality * 100)))
  const tried: BudgetAttempt[] = []
  let smallest = Infinity

  type Candidate = Omit<EncodedPhoto, 'attempts' | 'tried'>
  /**
   * The same picture at `side` with the highest quality that fits, kept only when it scores
   * better than `full` against the full-size picture.
   */
  const secondLook = async (
    score: JpegScore,
    full: Candidate,
    { side, q, qMax: top }: { side: number; q: number; qMax: number },
  ): Promise<Candidate> => {
    const size = sizeForSide(side, o.aspect)
    const blobs = new Map<number, Blob>()
    const search = async () => {
      const canvas = await render(size.width, size.height)
      const bytesAt = async (quality: number): Promise<number> => {
        const blob = await encode(encoder, canvas, quality / 100)
        tried.push({ ...size, quality: quality / 100, bytes: blob.size })
        blobs.set(quality, blob)
        return blob.size
      }
      // Fewer pixels fit at a higher quality: start where the full size's bytes, scaled, predict.
      const first = predictedQuality(q, full.bytes * SECOND_LOOK_BYTES, o.maxBytes, q, top + 1)
      return highestFitting(bytesAt, { qMin: q, qMax: top, first, maxBytes: o.maxBytes })
    }
    // The full size's JPEG is decoded and scored while the smaller size renders and encodes.
    const [fullScore, q2] = await Promise.all([score(full.blob), search()])
    if (q2 === undefined) return full
    const blob = blobs.get(q2)!
    const smallScore = await score(blob)
    if (smallScore <= fullScore) return full
    return { blob, bytes: blob.size, quality: q2 / 100, ...size }
  }

  const sides = budgetSides(o.maxSide, o.minSide)
  let size = sizeForSide(sides[0]!, o.aspect)
  for (const [index, side] of sides.entries()) {
    size = sizeForSide(side, o.aspect)
    const canvas = await render(size.width, size.height)
    const blobs = new Map<number, Blob>()
    const bytesAt = async (q: number): Promise<number> => {
      const blob = await encode(encoder, canvas, q / 100)
      tried.push({ ...size, quality: q / 100, bytes: blob.size })
      smallest = Math.min(smallest, blob.size)
      blobs.set(q, blob)
      return blob.size
    }
    // At a smaller size (the full one failed even at qMin) the lowest quality is the one in doubt.
    const first = index === 0 ? Math.min(qMax, Math.max(qMin, FIRST_QUALITY)) : qMin
    const q = await highestFitting(bytesAt, { qMin, qMax, first, maxBytes: o.maxBytes })
    if (q === undefined) continue
    const blob = blobs.get(q)!
    const chosen = { blob, bytes: blob.size, quality: q / 100, ...size }
    const look = index === 0 && q < SECOND_LOOK_BELOW && scorer ? secondLookSide(side, o) : 0
    if (!look) return { ...chosen, attempts: tried.length, tried }
    const better = await secondLook(await scorer!(canvas), chosen, { side: look, q, qMax })
    return { ...better, attempts: tried.length, tried }
  }
  throw new PhotoError('over-budget', 'Even the smallest photo is over the byte budget', {
    bytes: smallest,
    maxBytes: o.maxBytes,
    width: size.width,
    height: size.height,
    attempts: tried.length,
  })
}

/** libjpeg's quantiser scale for a quality (percent); bytes fall smoothly as its log rises. */
function quantiserScale(q: number): number {
  return Math.log(Math.max(1, q < 50 ? 5000 / q : 200 - 2 * q))
}

/**
 * How log bytes move with the log quantiser scale when only one encode is known: -0.52 to -0.89
 * between each bench picture's answer at 400 px and quality 95, -0.55 to -1.17 next to the answer.
 */
const PRIOR_SLOPE = -0.6

/**
 * The highest quality in lo+1..hi-1 predicted to fit `maxBytes`, from an encode of `bytes` at
 * quality `q` and PRIOR_SLOPE.
 */
function predictedQuality(q: number, bytes: number, maxBytes: number, lo: number, hi: number) {
  const x = quantiserScale(q) + (Math.log(maxBytes) - Math.log(Math.max(1, bytes))) / PRIOR_SLOPE
  return highestAtScale(x, lo, hi)
}

/** The highest quality in lo+1..hi-1 whose scale is still >= x (the scale falls as q rises). */
function highestAtScale(x: number, lo: number, hi: number): number {
  let q = hi - 1
  while (q > lo + 1 && quantiserScale(q) < x) q--
  return q
}

/**
 * The highest quality in qMin..qMax whose bytes are within `maxBytes` (undefined when qMin is
 * over), taking bytes as growing with quality. Secant steps on (log quantiser scale, log bytes),
 * the first along PRIOR_SLOPE, land on it in 3-4 encodes where a binary search takes 8; when two
 * steps together do not halve the bracket the next one does, so the worst case stays near twice
 * a binary search's. Every quality returned was encoded and fitted, and quality + 1 was encoded and did
 * not (or is above qMax).
 */
export async function highestFitting(
  bytesAt: (q: number) => Promise<number>,
  { qMin, qMax, first, maxBytes }: { qMin: number; qMax: number; first: number; maxBytes: number },
): Promise<number | undefined> {
  // lo: the highest quality known to fit (qMin - 1: none yet); hi: the lowest known not to.
  let lo = qMin - 1
  let hi = qMax + 1
  const known = new Map<number, number>()
  let guess = first
  // Widths of the bracket before the last two steps, for the safeguard.
  let before = [Infinity, Infinity]
  while (hi - lo > 1) {
    const q = Math.min(hi - 1, Math.max(lo + 1, guess))
    const bytes = await bytesAt(q)
    known.set(q, bytes)
    before = [before[1]!, hi - lo]
    if (bytes <= maxBytes) lo = q
    else hi = q
    // Safeguard: when two steps together did not halve the bracket, halve it.
    const slow = hi - lo > before[0]! / 2
    guess = slow ? (lo + hi) >> 1 : (secant(known, maxBytes, lo, hi) ?? (lo + hi) >> 1)
    if (slow) before = [Infinity, Infinity]
  }
  return lo >= qMin ? lo : undefined
}

/**
 * Where the line through the two encodes nearest the budget crosses it, as the highest quality
 * predicted to fit; with one encode, the line of PRIOR_SLOPE through it.
 */
function secant(known: Map<number, number>, maxBytes: number, lo: number, hi: number) {
  const points = [...known].map(([q, bytes]) => ({
    q,
    x: quantiserScale(q),
    y: Math.log(Math.max(1, bytes)),
  }))
  // Every encode that fitted is at or below lo, every one that did not at or above hi.
  const fits = points.filter((p) => p.q <= lo).sort((a, b) => b.q - a.q)
  const over = points.filter((p) => p.q >= hi).sort((a, b) => a.q - b.q)
  const [a, b] = fits.length && over.length ? [fits[0], over[0]] : fits.length ? fits : over
  if (a && !b) return predictedQuality(a.q, known.get(a.q)!, maxBytes, lo, hi)
  if (!a || !b || a.y === b.y) return undefined
  return highestAtScale(a.x + ((Math.log(maxBytes) - a.y) * (b.x - a.x)) / (b.y - a.y), lo, hi)
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
