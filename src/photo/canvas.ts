import { PhotoError } from './errors.ts'
import type { Size } from './geometry.ts'

/** The canvas the pipeline draws on: OffscreenCanvas (Workers, modern browsers) or a DOM one. */
export type PhotoCanvas = OffscreenCanvas | HTMLCanvasElement

/** The 2D context of either canvas kind. */
export type PhotoContext2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D

/** Anything drawable whose pixel size can be read. */
export type SizedImageSource = CanvasImageSource & { width: number; height: number }

/** A canvas of the given size; `document` is touched only when OffscreenCanvas is missing. */
export function createCanvas(width: number, height: number): PhotoCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height)
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  return canvas
}

/** Whether `canvas` is an OffscreenCanvas (so it has `convertToBlob`). */
export function isOffscreen(canvas: PhotoCanvas): canvas is OffscreenCanvas {
  return typeof OffscreenCanvas !== 'undefined' && canvas instanceof OffscreenCanvas
}

/** The canvas's 2D context, failing with a PhotoError when the browser gives none. */
export function context2d(
  canvas: PhotoCanvas,
  options?: CanvasRenderingContext2DSettings,
): PhotoContext2D {
  const ctx = isOffscreen(canvas)
    ? canvas.getContext('2d', options)
    : canvas.getContext('2d', options)
  if (!ctx)
    throw new PhotoError('render-failed', 'No 2D canvas context', {
      width: canvas.width,
      height: canvas.height,
    })
  return ctx
}

/** Frees a canvas's pixel memory now (iOS keeps it until collection otherwise). */
export function releaseCanvas(canvas: PhotoCanvas): void {
  canvas.width = 0
  canvas.height = 0
}

/** The intrinsic pixel size of a drawable: a video's frame size, an image's natural size. */
export function sourceSize(source: SizedImageSource): Size {
  if ('videoWidth' in source && source.videoWidth > 0)
    return { width: source.videoWidth, height: source.videoHeight }
  if ('naturalWidth' in source && source.naturalWidth > 0)
    return { width: source.naturalWidth, height: source.naturalHeight }
  return { width: source.width, height: source.height }
}
