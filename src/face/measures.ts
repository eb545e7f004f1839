import type { DetectedFace, Pixels, Point, Rect } from './types.ts'

// Pure measures of one face: where it is, how big, how it is turned, how it is lit and how
// sharp it is. Geometry works on landmarks; lighting and sharpness on RGBA pixels.

/** Landmark index ranges of the 68-point scheme. */
const JAW_LEFT = 0
const JAW_RIGHT = 16
const CHIN = 8
const NOSE_TIP = 30
const EYE_LEFT = [36, 41] as const // the eye on the picture's left
const EYE_RIGHT = [42, 47] as const

/**
 * Head height (crown to chin) from the eye line: the eyes sit halfway down the head, so the head
 * is twice the eye-to-chin distance (the classic proportion; it holds within about 10 %).
 */
export const HEAD_PER_EYE_TO_CHIN = 2

/**
 * Without landmarks: the tiny detector's box spans forehead to chin, about 0.8 of the head
 * (measured on the package's sample photos: 1.15-1.37 box heights, mean 1.25).
 */
export const HEAD_PER_BOX_HEIGHT = 1.25
/** Without landmarks: the eye line lies this far down the detector's box. */
export const EYES_IN_BOX = 0.3

/** The head's width (ear to ear) per its height (crown to chin). */
export const HEAD_WIDTH_PER_HEIGHT = 0.78

/** Where a face is and how it sits, in the pixels of the picture it was found in. */
export interface FaceGeometry {
  /** The eye on the picture's left (the person's right eye) and the other one. */
  eyeLeft: Point
  eyeRight: Point
  /** Between the eyes: the face's centre line passes through it. */
  eyeMid: Point
  eyeDistance: number
  chin: Point
  noseTip: Point
  /** Eye line to chin, measured along the face's own vertical axis. */
  eyeToChin: number
  /** Crown to chin, estimated (HEAD_PER_EYE_TO_CHIN). */
  headHeight: number
  /** The head's centre: on the eye line, between the eyes. */
  centre: Point
  /** Eye line angle in degrees; positive when the picture-right eye is lower. */
  roll: number
  /**
   * Left-right turn, -1..1 from the jaw's asymmetry around the nose tip: 0 facing the camera,
   * roughly 1.1 × tan(turn) (about ±0.2 at 10°, ±0.4 at 20°). Positive: the nose moved to the
   * picture's right (away from the jaw's first landmark).
   */
  yaw: number
  /** false: the estimate comes from the box alone (no usable landmarks). */
  fromLandmarks: boolean
}

function mean(points: Point[], from: number, to: number): Point {
  let x = 0
  let y = 0
  for (let i = from; i <= to; i++) {
    x += points[i]!.x
    y += points[i]!.y
  }
  const n = to - from + 1
  return { x: x / n, y: y / n }
}

const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y)

/** Geometry of a detected face, from its landmarks when there are 68, else from its box. */
export function faceGeometry(face: DetectedFace): FaceGeometry {
  const p = face.landmarks
  if (p.length < 68) return geometryFromBox(face.box)
  const eyeLeft = mean(p, EYE_LEFT[0], EYE_LEFT[1])
  const eyeRight = mean(p, EYE_RIGHT[0], EYE_RIGHT[1])
  const eyeMid = { x: (eyeLeft.x + eyeRight.x) / 2, y: (eyeLeft.y + eyeRight.y) / 2 }
  const eyeDistance = dist(eyeLeft, eyeRight)
  const angle = Math.atan2(eyeRight.y - eyeLeft.y, eyeRight.x - eyeLeft.x)
  // The face's own downward axis is perpendicular to the eye line.
  const down = { x: -Math.sin(angle), y: Math.cos(angle) }
  const chin = p[CHIN]!
  const noseTip = p[NOSE_TIP]!
  const eyeToChin = Math.max(0, (chin.x - eyeMid.x) * down.x + (chin.y - eyeMid.y) * down.y)
  const toLeftJaw = dist(noseTip, p[JAW_LEFT]!)
  const toRightJaw = dist(noseTip, p[JAW_RIGHT]!)
  const jawSum = toLeftJaw + toRightJaw
  return {
    eyeLeft,
    eyeRight,
    eyeMid,
    eyeDistance,
    chin,
    noseTip,
    eyeToChin,
    headHeight: eyeToChin * HEAD_PER_EYE_TO_CHIN,
    centre: eyeMid,
    roll: (angle * 180) / Math.PI,
    yaw: jawSum > 0 ? (toLeftJaw - toRightJaw) / jawSum : 0,
    fromLandmarks: true,
  }
}

/** A rough geometry from the detector's box: upright, frontal, eyes 30 % down the box. */
export function geometryFromBox(box: Rect): FaceGeometry {
  const eyeY = box.y + box.height * EYES_IN_BOX
  const cx = box.x + box.width / 2
  const eyeDistance = box.width * 0.4
  const headHeight = box.height * HEAD_PER_BOX_HEIGHT
  const eyeToChin = headHeight / HEAD_PER_EYE_TO_CHIN
  const eyeMid = { x: cx, y: eyeY }
  return {
    eyeLeft: { x: cx - eyeDistance / 2, y: eyeY },
    eyeRight: { x: cx + eyeDistance / 2, y: eyeY },
    eyeMid,
    eyeDistance,
    chin: { x: cx, y: eyeY + eyeToChin },
    noseTip: { x: cx, y: eyeY + eyeToChin * 0.45 },
    eyeToChin,
    headHeight,
    centre: eyeMid,
    roll: 0,
    yaw: 0,
    fromLandmarks: false,
  }
}

/** The same face in a picture scaled by `factor` (detections on a downscaled frame). */
export function scaleFace(face: DetectedFace, factor: number): DetectedFace {
  const point = (q: Point) => ({ x: q.x * factor, y: q.y * factor })
  return {
    score: face.score,
    box: {
      x: face.box.x * factor,
      y: face.box.y * factor,
      width: face.box.width * factor,
      height: face.box.height * factor,
    },
    landmarks: face.landmarks.map(point),
  }
}

/** The head's extent (crown to below the chin, ear to ear), for lighting and sharpness. */
export function headRect(g: FaceGeometry): Rect {
  const height = g.headHeight
  const width = height * HEAD_WIDTH_PER_HEIGHT
  return { x: g.centre.x - width / 2, y: g.centre.y - height / 2, width, height }
}

/** The inner face (brows to mouth, cheek to cheek): skin, no hair and no backdrop. */
export function innerFaceRect(g: FaceGeometry): Rect {
  const height = g.eyeToChin * 1.1
  const width = Math.max(g.eyeDistance * 1.6, height * 0.6)
  return { x: g.centre.x - width / 2, y: g.centre.y - g.eyeToChin * 0.25, width, height }
}

// ---------------------------------------------------------------------------------------------
// Pixels

/** BT.601 luma of an sRGB pixel, 0..255. */
export function luma(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b
}

/** Luma statistics of a region. */
export interface LumaStats {
  mean: number
  std: number
  /** Share of pixels at or below 16 (crushed black) and at or above 245 (blown white). */
  dark: number
  blown: number
  count: number
}

function clampRect(px: Pixels, rect?: Rect): { x0: number; y0: number; x1: number; y1: number } {
  if (!rect) return { x0: 0, y0: 0, x1: px.width, y1: px.height }
  const x0 = Math.max(0, Math.floor(rect.x))
  const y0 = Math.max(0, Math.floor(rect.y))
  const x1 = Math.min(px.width, Math.ceil(rect.x + rect.width))
  const y1 = Math.min(px.height, Math.ceil(rect.y + rect.height))
  return { x0, y0, x1: Math.max(x0, x1), y1: Math.max(y0, y1) }
}

/**
 * Luma statistics of `rect` (default: everything), reading every `step`-th pixel each way;
 * pixels inside `exclude` are skipped.
 */
export function lumaStats(px: Pixels, rect?: Rect, step = 1, exclude?: Rect): LumaStats {
  const { x0, y0, x1, y1 } = clampRect(px, rect)
  const d = px.data
  let sum = 0
  let sq = 0
  let n = 0
  let dark = 0
  let blown = 0
  const s = Math.max(1, Math.floor(step))
  for (let y = y0; y < y1; y += s) {
    const skipRow = exclude !== undefined && y >= exclude.y && y < exclude.y + exclude.height
    for (let x = x0; x < x1; x += s) {
      if (skipRow && x >= exclude.x && x < exclude.x + exclude.width) continue
      const i = (y * px.width + x) * 4
      const l = luma(d[i]!, d[i + 1]!, d[i + 2]!)
      sum += l
      sq += l * l
      n++
      if (l <= 16) dark++
      else if (l >= 245) blown++
    }
  }
  if (n === 0) return { mean: 0, std: 0, dark: 0, blown: 0, count: 0 }
  const m = sum / n
  return {
    mean: m,
    std: Math.sqrt(Math.max(0, sq / n - m * m)),
    dark: dark / n,
    blown: blown / n,
    count: n,
  }
}

/** How the face is lit, against what is around it. */
export interface Lighting {
  face: LumaStats
  /** Everything except the head and the body below it. */
  background: LumaStats
  /** Background mean minus face mean: large and positive when the light comes from behind. */
  backlight: number
}

/**
 * Lighting of a face in `px`: `face` is the inner face (innerFaceRect), `head` the head
 * (headRect); the background is the frame beside and above the head, excluding the body below.
 */
export function measureLighting(px: Pixels, face: Rect, head: Rect): Lighting {
  // Sample about 20,000 pixels, whatever the frame size.
  const step = Math.max(1, Math.round(Math.sqrt((px.width * px.height) / 20_000)))
  const faceStats = lumaStats(px, face, Math.max(1, Math.round(step / 2)))
  const body = {
    x: head.x - head.width * 0.25,
    y: head.y - head.height * 0.15,
    width: head.width * 1.5,
    height: px.height,
  }
  const background = lumaStats(px, undefined, step, body)
  return { face: faceStats, background, backlight: background.mean - faceStats.mean }
}

/** For each output cell along one axis: the source indices it covers and their weights. */
function areaWeights(from: number, length: number, side: number) {
  const cells: { index: number[]; weight: number[] }[] = []
  const step = length / side
  for (let o = 0; o < side; o++) {
    const a = from + o * step
    const b = a + step
    const index: number[] = []
    const weight: number[] = []
    for (let i = Math.floor(a); i < Math.ceil(b); i++) {
      const w = Math.min(b, i + 1) - Math.max(a, i)
      if (w <= 1e-9) continue
      index.push(i)
      weight.push(w / step)
    }
    cells.push({ index, weight })
  }
  return cells
}

/**
 * Luma of `rect` resampled to `side` x `side` by exact area averaging (a box filter with
 * fractional edges), so the sharpness of a face does not depend on how many pixels it covers.
 */
export function resampleLuma(px: Pixels, rect: Rect, side: number): Float32Array {
  const out = new Float32Array(side * side)
  const { x0, y0, x1, y1 } = clampRect(px, rect)
  const w = x1 - x0
  const h = y1 - y0
  if (w < 1 || h < 1) return out
  const d = px.data
  // Luma of the region once, then the two separable passes.
  const lum = new Float32Array(w * h)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = ((y0 + y) * px.width + x0 + x) * 4
      lum[y * w + x] = luma(d[i]!, d[i + 1]!, d[i + 2]!)
    }
  }
  const cols = areaWeights(0, w, side)
  const rows = areaWeights(0, h, side)
  const across = new Float32Array(h * side)
  for (let y = 0; y < h; y++) {
    for (let ox = 0; ox < side; ox++) {
      const { index, weight } = cols[ox]!
      let sum = 0
      for (let k = 0; k < index.length; k++) sum += lum[y * w + index[k]!]! * weight[k]!
      across[y * side + ox] = sum
    }
  }
  for (let oy = 0; oy < side; oy++) {
    const { index, weight } = rows[oy]!
    for (let ox = 0; ox < side; ox++) {
      let sum = 0
      for (let k = 0; k < index.length; k++) sum += across[index[k]! * side + ox]! * weight[k]!
      out[oy * side + ox] = sum
    }
  }
  return out
}

/** Variance of the 4-neighbour Laplacian of a luma grid (interior pixels only). */
export function laplacianVariance(values: ArrayLike<number>, width: number, height: number) {
  let sum = 0
  let sq = 0
  let n = 0
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x
      const l =
        values[i - 1]! + values[i + 1]! + values[i - width]! + values[i + width]! - 4 * values[i]!
      sum += l
      sq += l * l
      n++
    }
  }
  if (!n) return 0
  const m = sum / n
  return Math.max(0, sq / n - m * m)
}

/** Side of the grid a face is resampled to before its sharpness is measured. */
export const SHARPNESS_SIDE = 64

/**
 * Sharpness of `rect` (default: all of `px`): the variance of the Laplacian after resampling the
 * region to SHARPNESS_SIDE² (size-independent), divided by the region's own luma variance plus
 * a floor (contrast-independent, so a dim face is not called blurred). Higher is sharper: the
 * package's sample faces read 0.09-0.5 sharp, and 0.03-0.09 under a box blur of 4 % of the face.
 */
export function sharpness(px: Pixels, rect?: Rect, side = SHARPNESS_SIDE): number {
  const region = rect ?? { x: 0, y: 0, width: px.width, height: px.height }
  const grid = resampleLuma(px, region, side)
  const lap = laplacianVariance(grid, side, side)
  let sum = 0
  let sq = 0
  for (const v of grid) {
    sum += v
    sq += v * v
  }
  const m = sum / grid.length
  const variance = Math.max(0, sq / grid.length - m * m)
  return lap / (variance + 100)
}
