import {
  fromRotated,
  rotatedSize,
  toQuarterTurn,
  toRotated,
  type QuarterTurn,
  type Size,
  type Point,
} from './geometry.ts'

/**
 * What to cut from the source: `rotation` turns the (EXIF-upright) source clockwise first, and
 * the rect is in that rotated source's pixels. All crop functions take `bounds`, the source's
 * own size (`bitmap.width`, `bitmap.height`), and account for the rotation themselves.
 */
export interface Crop {
  x: number
  y: number
  width: number
  height: number
  rotation: QuarterTurn
}

/** Where to centre a crop (the later face-aware crop feeds this), in source pixels. */
export interface CropFocus {
  cx: number
  cy: number
  /** Wanted crop height in source pixels (width follows the aspect); default: as large as fits. */
  size?: number
}

/** Smallest crop side the zoom allows by default, in source pixels. */
export const MIN_CROP_SIDE = 48

/** The largest `aspect` (width / height) rect that fits in `space`. */
export function maxCropSize(space: Size, aspect: number): Size {
  if (space.width / space.height > aspect)
    return { width: space.height * aspect, height: space.height }
  return { width: space.width, height: space.width / aspect }
}

/** The width / height ratio of a crop. */
export function cropAspect(crop: Crop): number {
  return crop.width / crop.height
}

/** The largest centred crop of `aspect` (1 square, 0.75 for 3:4), or one around `focus`. */
export function initialCrop(srcW: number, srcH: number, aspect = 1, focus?: CropFocus): Crop {
  const max = maxCropSize({ width: srcW, height: srcH }, aspect)
  let { width, height } = max
  if (focus?.size !== undefined && focus.size > 0 && focus.size < height) {
    height = focus.size
    width = height * aspect
  }
  const cx = focus ? focus.cx : srcW / 2
  const cy = focus ? focus.cy : srcH / 2
  return clampPosition(
    { x: cx - width / 2, y: cy - height / 2, width, height, rotation: 0 },
    { width: srcW, height: srcH },
  )
}

/** Shrinks a crop to fit (keeping its aspect and centre), then moves it inside the source. */
export function clampCrop(crop: Crop, bounds: Size): Crop {
  const space = rotatedSize(bounds, crop.rotation)
  const max = maxCropSize(space, cropAspect(crop))
  if (crop.width <= max.width && crop.height <= max.height) return clampPosition(crop, space)
  const cx = crop.x + crop.width / 2
  const cy = crop.y + crop.height / 2
  const resized = { ...crop, x: cx - max.width / 2, y: cy - max.height / 2, ...max }
  return clampPosition(resized, space)
}

/** Moves a crop by (dx, dy) rotated-source pixels, stopping at the source's edges. */
export function panCrop(crop: Crop, dx: number, dy: number, bounds: Size): Crop {
  return clampCrop({ ...crop, x: crop.x + dx, y: crop.y + dy }, bounds)
}

/**
 * Zooms by `factor` (> 1 zooms in: a smaller rect) keeping `anchor` (rotated-source pixels)
 * where it is on screen; the result keeps its aspect, stays inside, and its short side stays
 * at least `minSize` unless the source itself is smaller.
 */
export function zoomCrop(
  crop: Crop,
  factor: number,
  anchor: Point,
  bounds: Size,
  minSize = MIN_CROP_SIDE,
): Crop {
  if (!(factor > 0) || !Number.isFinite(factor)) return clampCrop(crop, bounds)
  const aspect = cropAspect(crop)
  const space = rotatedSize(bounds, crop.rotation)
  const max = maxCropSize(space, aspect)
  const minWidth = Math.min(aspect >= 1 ? minSize * aspect : minSize, max.width)
  const width = Math.min(Math.max(crop.width / factor, minWidth), max.width)
  // The factor actually applied, after the size limits.
  const applied = crop.width / width
  const x = anchor.x - (anchor.x - crop.x) / applied
  const y = anchor.y - (anchor.y - crop.y) / applied
  return clampPosition({ ...crop, x, y, width, height: width / aspect }, space)
}

/**
 * Turns the picture a quarter clockwise (`turn` 90), anticlockwise (-90) or half (180). The
 * crop keeps its aspect and follows the same picture content, shrinking only if it must.
 */
export function rotateQuarter(crop: Crop, bounds: Size, turn: 90 | -90 | 180 = 90): Crop {
  const rotation = toQuarterTurn(crop.rotation + turn)
  const centre = { x: crop.x + crop.width / 2, y: crop.y + crop.height / 2 }
  const source = fromRotated(centre, bounds, crop.rotation)
  const moved = toRotated(source, bounds, rotation)
  return clampCrop(
    {
      x: moved.x - crop.width / 2,
      y: moved.y - crop.height / 2,
      width: crop.width,
      height: crop.height,
      rotation,
    },
    bounds,
  )
}

/** The crop as an axis-aligned rect in the unrotated source's pixels (what to read). */
export function sourceRect(crop: Crop, bounds: Size): { x: number; y: number } & Size {
  const a = fromRotated({ x: crop.x, y: crop.y }, bounds, crop.rotation)
  const b = fromRotated({ x: crop.x + crop.width, y: crop.y + crop.height }, bounds, crop.rotation)
  const x = Math.min(a.x, b.x)
  const y = Math.min(a.y, b.y)
  return { x, y, width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) }
}

// Moves a crop that already fits so that it lies inside `space` (rotated-source size).
function clampPosition(crop: Crop, space: Size): Crop {
  const x = Math.min(Math.max(crop.x, 0), Math.max(0, space.width - crop.width))
  const y = Math.min(Math.max(crop.y, 0), Math.max(0, space.height - crop.height))
  return { ...crop, x, y }
}
