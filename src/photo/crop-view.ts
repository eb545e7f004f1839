import type { Crop } from './crop.ts'
import {
  fromRotated,
  rotationMatrix,
  toRotated,
  type Matrix,
  type Point,
  type Size,
} from './geometry.ts'

// The crop UI shows the crop rect filling the viewport; dragging moves the picture under it.

/** A viewport point in the crop's rotated-source pixels (the space `zoomCrop` anchors in). */
export function viewToCropSpace(point: Point, crop: Crop, viewport: Size): Point {
  return {
    x: crop.x + (point.x * crop.width) / viewport.width,
    y: crop.y + (point.y * crop.height) / viewport.height,
  }
}

/** A viewport point in the unrotated source's pixels. */
export function viewToSource(point: Point, crop: Crop, viewport: Size, bounds: Size): Point {
  return fromRotated(viewToCropSpace(point, crop, viewport), bounds, crop.rotation)
}

/** A source point (e.g. a detected face) in viewport pixels. */
export function sourceToView(point: Point, crop: Crop, viewport: Size, bounds: Size): Point {
  const p = toRotated(point, bounds, crop.rotation)
  return {
    x: ((p.x - crop.x) * viewport.width) / crop.width,
    y: ((p.y - crop.y) * viewport.height) / crop.height,
  }
}

/** The crop move for a drag of (dx, dy) viewport pixels: the picture follows the finger. */
export function dragToPan(dx: number, dy: number, crop: Crop, viewport: Size): Point {
  return { x: (-dx * crop.width) / viewport.width, y: (-dy * crop.height) / viewport.height }
}

/** Source pixels to viewport pixels, for `ctx.setTransform(...m)` or CSS `matrix(...)`. */
export function cropViewMatrix(crop: Crop, bounds: Size, viewport: Size): Matrix {
  const [a, b, c, d, e, f] = rotationMatrix(bounds, crop.rotation)
  const sx = viewport.width / crop.width
  const sy = viewport.height / crop.height
  return [sx * a, sy * b, sx * c, sy * d, sx * (e - crop.x), sy * (f - crop.y)]
}
