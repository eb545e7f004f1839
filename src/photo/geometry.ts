/** A width and height in pixels. */
export interface Size {
  width: number
  height: number
}

/** A position in pixels. */
export interface Point {
  x: number
  y: number
}

/** A clockwise quarter turn applied to the (already EXIF-oriented) source. */
export type QuarterTurn = 0 | 90 | 180 | 270

/** A 2D affine matrix in DOMMatrix order: x' = a x + c y + e, y' = b x + d y + f. */
export type Matrix = [a: number, b: number, c: number, d: number, e: number, f: number]

/** Normalises any multiple of 90 degrees (negative too) to a QuarterTurn. */
export function toQuarterTurn(degrees: number): QuarterTurn {
  const turns = (((Math.round(degrees / 90) % 4) + 4) % 4) as 0 | 1 | 2 | 3
  return ([0, 90, 180, 270] as const)[turns]
}

/** The size of a `bounds`-sized source after `rotation`: quarter turns swap the sides. */
export function rotatedSize(bounds: Size, rotation: QuarterTurn): Size {
  return rotation === 90 || rotation === 270
    ? { width: bounds.height, height: bounds.width }
    : { width: bounds.width, height: bounds.height }
}

/** The matrix taking source pixels to rotated-source pixels. */
export function rotationMatrix(bounds: Size, rotation: QuarterTurn): Matrix {
  const { width: w, height: h } = bounds
  if (rotation === 90) return [0, 1, -1, 0, h, 0]
  if (rotation === 180) return [-1, 0, 0, -1, w, h]
  if (rotation === 270) return [0, -1, 1, 0, 0, w]
  return [1, 0, 0, 1, 0, 0]
}

/** Applies an affine matrix to a point. */
export function applyMatrix(m: Matrix, p: Point): Point {
  return { x: m[0] * p.x + m[2] * p.y + m[4], y: m[1] * p.x + m[3] * p.y + m[5] }
}

/** Maps a source point into the rotated source. */
export function toRotated(p: Point, bounds: Size, rotation: QuarterTurn): Point {
  return applyMatrix(rotationMatrix(bounds, rotation), p)
}

/** Maps a rotated-source point back to the source. */
export function fromRotated(p: Point, bounds: Size, rotation: QuarterTurn): Point {
  const { width: w, height: h } = bounds
  if (rotation === 90) return { x: p.y, y: h - p.x }
  if (rotation === 180) return { x: w - p.x, y: h - p.y }
  if (rotation === 270) return { x: w - p.y, y: p.x }
  return { x: p.x, y: p.y }
}
