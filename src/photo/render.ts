import {
  context2d,
  createCanvas,
  releaseCanvas,
  sourceSize,
  type PhotoCanvas,
  type SizedImageSource,
} from './canvas.ts'
import { sourceRect, type Crop } from './crop.ts'
import { PhotoError } from './errors.ts'
import { rotationMatrix, type Size } from './geometry.ts'
import { MAX_CANVAS_PIXELS } from './limits.ts'
import { areaScale } from './area-scale.ts'

// Regions up to the canvas limit are read back for area averaging (16 MP: 64 MB, briefly).
const MAX_READ_PIXELS = MAX_CANVAS_PIXELS

type Rect = { x: number; y: number } & Size

/**
 * Cuts `crop` out of `source` and scales it, high quality, to `outWidth` x `outHeight` on a new
 * canvas over a white background (transparent PNGs must not turn black in a JPEG).
 */
export function renderCrop(
  source: SizedImageSource,
  crop: Crop,
  outWidth: number,
  outHeight: number,
): Promise<PhotoCanvas> {
  return cropRenderer(source, crop)(outWidth, outHeight)
}

/**
 * `renderCrop` for several sizes of one crop (the budget search): the crop's pixels are read
 * once, on the first reduction, and kept until the renderer is dropped.
 */
export function cropRenderer(
  source: SizedImageSource,
  crop: Crop,
): (outWidth: number, outHeight: number) => Promise<PhotoCanvas> {
  const bounds = sourceSize(source)
  const rect = clampRect(sourceRect(crop, bounds), bounds)
  let region: RegionPixels | null | undefined
  const pixels = () => (region === undefined ? (region = readRegion(source, rect)) : region)
  return async (outWidth, outHeight) => {
    if (!(outWidth >= 1 && outHeight >= 1) || outWidth * outHeight > MAX_CANVAS_PIXELS)
      throw new PhotoError('render-failed', 'Output size out of range', {
        width: outWidth,
        height: outHeight,
      })
    // Scale in the source's orientation first, then turn the small result (a lossless move).
    const turned = crop.rotation === 90 || crop.rotation === 270
    const scaledSize = turned
      ? { width: outHeight, height: outWidth }
      : { width: outWidth, height: outHeight }
    const canvas = createCanvas(outWidth, outHeight)
    let scaled: ImageBitmap | PhotoCanvas
    // Exactly 2:1 from an intermediate at twice the size (see twiceSize).
    let halve = false
    if (scaledSize.width * 2 < rect.width && scaledSize.height * 2 < rect.height) {
      scaled = twiceSize(source, rect, scaledSize)
      halve = true
    } else {
      const reduces = scaledSize.width < rect.width && scaledSize.height < rect.height
      const read = reduces ? await pixels() : null
      if (read && crop.rotation === 0) {
        // Averaged pixels are opaque and upright: they are the photo as they are.
        context2d(canvas).putImageData(areaReduce(read, scaledSize), 0, 0)
        return canvas
      }
      scaled = read
        ? imageCanvas(areaReduce(read, scaledSize))
        : await scaleRegion(source, rect, scaledSize)
    }
    const ctx = context2d(canvas)
    ctx.fillStyle = '#fff'
    ctx.fillRect(0, 0, outWidth, outHeight)
    ctx.setTransform(...rotationMatrix(scaledSize, crop.rotation))
    if (halve) {
      // Bilinear at exactly 2:1 samples between pixel centres: the mean of each 2x2 block.
      ctx.imageSmoothingEnabled = true
      ctx.imageSmoothingQuality = 'low'
      ctx.drawImage(scaled, 0, 0, scaledSize.width, scaledSize.height)
    } else ctx.drawImage(scaled, 0, 0)
    ctx.setTransform(1, 0, 0, 1, 0, 0)
    if ('close' in scaled) scaled.close()
    else releaseCanvas(scaled)
    return canvas
  }
}

// The browser's own resampler when it honours resize options (Chromium, Firefox), else halving.
async function scaleRegion(
  source: SizedImageSource,
  rect: Rect,
  out: Size,
): Promise<ImageBitmap | PhotoCanvas> {
  if (typeof createImageBitmap === 'function') {
    const { x: sx, y: sy, width: sw, height: sh } = wholePixels(rect)
    let region: ImageBitmap | undefined
    try {
      // Two steps: Chromium ignores resizeQuality when a source rect is given and samples the
      // nearest pixel instead (measured by the benchmark), so cut first, then scale the cut.
      region = await createImageBitmap(source, sx, sy, sw, sh)
      const bitmap = await createImageBitmap(region, {
        resizeWidth: out.width,
        resizeHeight: out.height,
        resizeQuality: 'high',
      })
      if (bitmap.width === out.width && bitmap.height === out.height) return bitmap
      bitmap.close()
    } catch {
      // Fall through to canvas scaling.
    } finally {
      region?.close()
    }
  }
  return stepDown(source, rect, out)
}

/** The whole pixels around a crop, read back once, and where the crop lies in them. */
interface RegionPixels {
  pixels: Uint8ClampedArray
  width: number
  height: number
  crop: Rect
}

/**
 * A reduction of more than 2:1 goes through twice the output size, which the caller then halves
 * at exactly 2:1 (the mean of each 2x2 block). That last average is what takes sensor noise away
 * where the browser's resampler alone keeps it as grain (low-light bench picture: 0.9667 ->
 * 0.9704 SSIM at the same budget; bench/README.md). The crop is drawn straight from the source
 * (drawImage with a source rect, halving steps past 2:1): no copy of the crop is made, and a
 * second size of the same source reuses what the browser keeps of it (Chromium: its mipmaps).
 */
function twiceSize(source: SizedImageSource, rect: Rect, out: Size): PhotoCanvas {
  return stepDown(source, wholePixels(rect), { width: out.width * 2, height: out.height * 2 })
}

/**
 * The crop's whole pixels, drawn over white (a transparent PNG averages to what it shows on white)
 * and read back, for area averaging at up to 2:1; null when too large to read at once.
 */
function readRegion(source: SizedImageSource, rect: Rect): RegionPixels | null {
  const x0 = Math.floor(rect.x)
  const y0 = Math.floor(rect.y)
  const width = Math.ceil(rect.x + rect.width) - x0
  const height = Math.ceil(rect.y + rect.height) - y0
  if (width * height > MAX_READ_PIXELS) return null
  const canvas = createCanvas(width, height)
  const ctx = context2d(canvas, { willReadFrequently: true })
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, width, height)
  ctx.drawImage(source, x0, y0, width, height, 0, 0, width, height)
  const pixels = ctx.getImageData(0, 0, width, height).data
  releaseCanvas(canvas)
  const crop = { x: rect.x - x0, y: rect.y - y0, width: rect.width, height: rect.height }
  return { pixels, width, height, crop }
}

/** A reduction by area averaging (area-scale.ts) of pixels already read. */
function areaReduce(region: RegionPixels, out: Size): ImageData {
  const { pixels, width, height, crop } = region
  const scaled = areaScale(pixels, width, height, crop, out.width, out.height)
  return new ImageData(scaled, out.width, out.height)
}

function imageCanvas(image: ImageData): PhotoCanvas {
  const canvas = createCanvas(image.width, image.height)
  context2d(canvas).putImageData(image, 0, 0)
  return canvas
}

// Halving steps keep every drawImage at <= 2x reduction, where bilinear smoothing still averages
// all pixels; the first step also brings huge regions under the canvas limit.
function stepDown(source: SizedImageSource, rect: Rect, out: Size): PhotoCanvas {
  let from: SizedImageSource = source
  let region: Rect = rect
  let previous: PhotoCanvas | undefined
  for (;;) {
    const limit = Math.sqrt(MAX_CANVAS_PIXELS / (region.width * region.height))
    const half = Math.min(0.5, limit)
    const last = region.width * half <= out.width || region.height * half <= out.height
    const width = last ? out.width : Math.ceil(region.width * half)
    const height = last ? out.height : Math.ceil(region.height * half)
    const canvas = createCanvas(width, height)
    const ctx = context2d(canvas)
    ctx.imageSmoothingEnabled = true
    ctx.imageSmoothingQuality = 'high'
    ctx.drawImage(from, region.x, region.y, region.width, region.height, 0, 0, width, height)
    if (previous) releaseCanvas(previous)
    if (last) return canvas
    previous = canvas
    from = canvas
    region = { x: 0, y: 0, width, height }
  }
}

/** `rect` on whole source pixels: a fractional edge would shift the picture by part of a pixel. */
function wholePixels(rect: Rect): Rect {
  const x = Math.round(rect.x)
  const y = Math.round(rect.y)
  const width = Math.max(1, Math.round(rect.x + rect.width) - x)
  const height = Math.max(1, Math.round(rect.y + rect.height) - y)
  return { x, y, width, height }
}

function clampRect(rect: Rect, bounds: Size): Rect {
  const x = Math.min(Math.max(rect.x, 0), bounds.width - 1)
  const y = Math.min(Math.max(rect.y, 0), bounds.height - 1)
  const width = Math.max(1, Math.min(rect.width, bounds.width - x))
  const height = Math.max(1, Math.min(rect.height, bounds.height - y))
  return { x, y, width, height }
}
