/** A position in pixels of the picture the face was found in. */
export interface Point {
  x: number
  y: number
}

/** An axis-aligned rectangle in pixels. */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/**
 * One detected face: the detector's box, its confidence (0..1) and the 68 landmarks of the
 * iBUG scheme (0-16 jaw from the picture's left, 17-26 brows, 27-35 nose, 36-47 eyes,
 * 48-67 mouth), all in the pixels of the picture it was found in.
 */
export interface DetectedFace {
  box: Rect
  score: number
  /** Empty when they were not computed (detector.ts finds them for the chosen face only). */
  landmarks: Point[]
}

/**
 * Pixels as `ImageData` holds them (RGBA rows). Any `{ data, width, height }` works, so the
 * measures run on generated pixels in unit tests and on jpeg-js output in Node.
 */
export interface Pixels {
  data: ArrayLike<number>
  width: number
  height: number
}
