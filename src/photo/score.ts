import { context2d, createCanvas, releaseCanvas, type PhotoCanvas } from './canvas.ts'

/** Scores a JPEG against the picture it was made from: higher is closer. */
export type JpegScore = (jpeg: Blob) => Promise<number>

/**
 * Rec. 601 luma (the channel SSIM and the eye weigh most), averaged over 2x2 pixels: Wang's
 * SSIM scores a 400 px picture at half size, the distance it is looked at from.
 */
function halfLuma(rgba: Uint8ClampedArray, width: number, height: number): Float32Array {
  const w = width >> 1
  const h = height >> 1
  const out = new Float32Array(w * h)
  const at = (x: number, y: number) => {
    const p = (y * width + x) * 4
    return 0.299 * rgba[p]! + 0.587 * rgba[p + 1]! + 0.114 * rgba[p + 2]!
  }
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      out[y * w + x] =
        (at(2 * x, 2 * y) +
          at(2 * x + 1, 2 * y) +
          at(2 * x, 2 * y + 1) +
          at(2 * x + 1, 2 * y + 1)) /
        4
  return out
}

/** `jpeg` decoded and drawn at `width` x `height`, as a reader scales a smaller photo up. */
async function decodedLuma(jpeg: Blob, width: number, height: number): Promise<Float32Array> {
  const bitmap = await createImageBitmap(jpeg)
  const canvas = createCanvas(width, height)
  try {
    const ctx = context2d(canvas, { willReadFrequently: true })
    ctx.imageSmoothingEnabled = true
    ctx.imageSmoothingQuality = 'high'
    ctx.drawImage(bitmap, 0, 0, width, height)
    return halfLuma(ctx.getImageData(0, 0, width, height).data, width, height)
  } finally {
    bitmap.close()
    releaseCanvas(canvas)
  }
}

// SSIM's constants for 8-bit values (Wang et al. 2004: K1 = 0.01, K2 = 0.03).
const C1 = (0.01 * 255) ** 2
const C2 = (0.03 * 255) ** 2
// Windows of 8x8 pixels, the block size of JPEG and of the fast SSIM variants.
const WINDOW = 8

/** Mean SSIM of two luma planes over 8x8 windows (no overlap: cheap, and enough to rank). */
export function blockSsim(a: Float32Array, b: Float32Array, width: number, height: number) {
  let total = 0
  let windows = 0
  const n = WINDOW * WINDOW
  for (let y0 = 0; y0 + WINDOW <= height; y0 += WINDOW) {
    for (let x0 = 0; x0 + WINDOW <= width; x0 += WINDOW) {
      let sa = 0
      let sb = 0
      let saa = 0
      let sbb = 0
      let sab = 0
      for (let y = y0; y < y0 + WINDOW; y++) {
        for (let i = y * width + x0, end = i + WINDOW; i < end; i++) {
          const va = a[i]!
          const vb = b[i]!
          sa += va
          sb += vb
          saa += va * va
          sbb += vb * vb
          sab += va * vb
        }
      }
      const ma = sa / n
      const mb = sb / n
      const va = saa / n - ma * ma
      const vb = sbb / n - mb * mb
      const cov = sab / n - ma * mb
      total += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2))
      windows++
    }
  }
  return windows ? total / windows : 1
}

/**
 * A scorer against `canvas` (the full-size picture, read now, so it may be released after):
 * the block SSIM of a JPEG's luma at half size, scaled up to the canvas's size first when smaller.
 */
export function ssimScorer(canvas: PhotoCanvas): JpegScore {
  const { width, height } = canvas
  const reference = halfLuma(
    context2d(canvas).getImageData(0, 0, width, height).data,
    width,
    height,
  )
  const [w, h] = [width >> 1, height >> 1]
  return async (jpeg) => blockSsim(reference, await decodedLuma(jpeg, width, height), w, h)
}
