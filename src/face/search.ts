import type { DetectedFace, Rect } from './types.ts'

// Where the detector looks in a picture. The tiny detector squeezes its whole input into one
// square of `inputSize` pixels (a wide frame is padded to a square first), and it misses faces
// that end up below about 40 of those pixels. So a small face anywhere in a wide frame needs
// more input pixels on it: square tiles across the frame, each at its own input size, plus the
// whole frame for faces too large for one tile. Pure: the engine runs the plans.

/** One region of a picture and the detector input side it is squeezed into. */
export interface SearchRegion extends Rect {
  inputSize: number
}

/**
 * Square tiles of side `side` across `width` x `height`, overlapping by at least `overlap` of
 * the side, so that every face narrower than that overlap lies whole in one tile.
 */
export function tiles(
  width: number,
  height: number,
  side: number,
  inputSize: number,
  overlap = 0.25,
): SearchRegion[] {
  const axis = (length: number) => {
    if (length <= side) return [0]
    const step = side * (1 - overlap)
    const n = Math.ceil((length - side) / step) + 1
    const gap = (length - side) / (n - 1)
    return Array.from({ length: n }, (_, i) => Math.round(i * gap))
  }
  const w = Math.min(side, width)
  const h = Math.min(side, height)
  const out: SearchRegion[] = []
  for (const y of axis(height))
    for (const x of axis(width)) out.push({ x, y, width: w, height: h, inputSize })
  return out
}

const whole = (width: number, height: number, inputSize: number): SearchRegion => ({
  x: 0,
  y: 0,
  width,
  height,
  inputSize,
})

/** Width the live guide samples the camera frame at: a face of 8% of it is 77 px. */
export const LIVE_SEARCH_WIDTH = 960

/** The live guide's tiles of a wide frame: squares of its height at 416 (8% faces: 59 px). */
export function liveTiles(width: number, height: number): SearchRegion[] {
  return width > height * 1.2 ? tiles(width, height, height, 416, 0.3) : []
}

/**
 * The whole frame's input sides in the live search: 320 finds faces from about 15% of the width,
 * 192 the largest ones (a face of 40% of the width is too large for 320 in some pictures).
 */
export const LIVE_WHOLE_INPUTS = [320, 192] as const

/**
 * Everything the live guide searches in one sweep of a frame sampled LIVE_SEARCH_WIDTH wide:
 * the whole frame at LIVE_WHOLE_INPUTS (large faces) and every tile (faces of 8-35%).
 * The guide spreads this over its rounds (LiveSweep); a still frame gives the same faces.
 */
export function livePlan(width: number, height: number): SearchRegion[] {
  return [...LIVE_WHOLE_INPUTS.map((s) => whole(width, height, s)), ...liveTiles(width, height)]
}

/** A square around `box` (3.5 times its width) at 224: a face found before, followed. */
export function aroundBox(box: Rect, width: number, height: number, inputSize = 224): SearchRegion {
  const side = Math.round(Math.min(width, height, Math.max(box.width, box.height) * 3.5))
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 2
  const x = Math.round(Math.min(Math.max(0, cx - side / 2), width - side))
  const y = Math.round(Math.min(Math.max(0, cy - side / 2), height - side))
  return { x, y, width: side, height: side, inputSize }
}

/** A face narrower than this share of the frame is followed (the whole-frame looks miss it). */
const FOLLOW_BELOW = 0.22

/**
 * The live guide's search, one round at a time, each round as cheap as what it must find
 * allows (the pace is the rounds a second):
 * - no face: the whole frame at LIVE_WHOLE_INPUTS plus the next tile (a small face anywhere is
 *   found within one pass of the tiles: three rounds of 16:9);
 * - a small face (narrower than FOLLOW_BELOW): followed in a square around it at 224 every
 *   round, plus every other round the whole frame at 320 for anyone else of 15% or more (a face
 *   too large for 320 can only be this one grown, and the square around it still holds it);
 * - a large face: the whole frame at LIVE_WHOLE_INPUTS, and a tile every other round (small
 *   faces beside it: a second person), so the pass takes six rounds instead of three.
 * Over its rounds it searches what livePlan searches at once.
 */
export class LiveSweep {
  private turn = 0
  private round = 0
  /** The small face to follow, in the frame's pixels. */
  private follow: Rect | null = null
  /** The last round saw a face too large to follow. */
  private large = false

  /** The regions to search in the next frame of `width` x `height`. */
  next(width: number, height: number): SearchRegion[] {
    this.round++
    if (this.follow) {
      const square = aroundBox(this.follow, width, height)
      return this.round % 2 === 0 ? [whole(width, height, LIVE_WHOLE_INPUTS[0]), square] : [square]
    }
    const all = liveTiles(width, height)
    const plan = LIVE_WHOLE_INPUTS.map((s) => whole(width, height, s))
    if (all.length && (!this.large || this.round % 2 === 0))
      plan.push(all[this.turn++ % all.length]!)
    return plan
  }

  /** What the frame found (merged, frame pixels): follow the largest face when it is small. */
  seen(faces: readonly DetectedFace[], width: number): void {
    const largest = [...faces].sort((a, b) => b.box.width - a.box.width)[0]
    this.follow = largest && largest.box.width < width * FOLLOW_BELOW ? largest.box : null
    this.large = !!largest && !this.follow
  }

  reset(): void {
    this.turn = 0
    this.round = 0
    this.follow = null
    this.large = false
  }
}

/** Width a still picture (capture, file) is searched at when the first look finds nothing. */
export const STILL_SEARCH_WIDTH = 1280

/**
 * The searches of a still picture (its pixels at most STILL_SEARCH_WIDTH wide) after the whole
 * picture found nothing, tried in turn until one finds a face: tiles of the shorter side at 416
 * (faces from about 6% of a 16:9 frame's width), then tiles of half of it at 320.
 */
export function stillPlans(width: number, height: number): SearchRegion[][] {
  const short = Math.min(width, height)
  return [
    tiles(width, height, short, 416, 0.3),
    tiles(width, height, Math.round(short / 2), 320, 0.3),
  ]
}

function iou(a: Rect, b: Rect): number {
  const x = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x))
  const y = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y))
  const inter = x * y
  return inter / (a.width * a.height + b.width * b.height - inter)
}

/** How much of `a` lies inside `b`. */
function cover(a: Rect, b: Rect): number {
  const x = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x))
  const y = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y))
  return (x * y) / (a.width * a.height)
}

/**
 * A face found in a tile that touches one of the tile's inner edges (not the picture's) is cut:
 * the tile next to it, or the whole picture, sees it whole.
 */
export function cutByTile(
  box: Rect,
  region: Rect,
  width: number,
  height: number,
  margin = 2,
): boolean {
  const left = region.x > 0 && box.x <= region.x + margin
  const top = region.y > 0 && box.y <= region.y + margin
  const right =
    region.x + region.width < width && box.x + box.width >= region.x + region.width - margin
  const bottom =
    region.y + region.height < height && box.y + box.height >= region.y + region.height - margin
  return left || top || right || bottom
}

/**
 * `a` is a part of the face `b` (a tile's view of an eye and a cheek): mostly inside it and not
 * much smaller. A face far smaller inside a larger box is a face of its own (a person in front
 * of a poster or a drawing).
 */
function isPart(a: Rect, b: Rect): boolean {
  return a.width < b.width && a.width > b.width * 0.5 && cover(a, b) > 0.7
}

/**
 * One face per person: boxes found twice (two tiles, tile and whole) are merged, keeping the one
 * with the higher score; of a face and a part of it (isPart), the face stays.
 */
export function mergeFaces(faces: readonly DetectedFace[], overlap = 0.35): DetectedFace[] {
  const sorted = [...faces].sort((a, b) => b.score - a.score)
  const kept: DetectedFace[] = []
  for (const face of sorted) {
    if (kept.some((k) => iou(k.box, face.box) > overlap)) continue
    if (kept.some((k) => isPart(face.box, k.box))) continue
    const parts = kept.filter((k) => isPart(k.box, face.box))
    if (parts.length) kept.splice(kept.indexOf(parts[0]!), 1, face)
    else kept.push(face)
  }
  return kept
}
