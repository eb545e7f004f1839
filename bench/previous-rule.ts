// Photo Desk's encoder rule before issue 14, kept verbatim for the encoder measure's A/B timing
// (old rule vs new rule, same pictures, same page, interleaved): the crop scaled by the browser
// (createImageBitmap, resizeQuality 'high'), quality never below 0.40 at a side; when 0.40 does
// not fit, the next smaller side (~15% steps, multiples of 8, down to 200).
// Loaded into the bench page from the lab's dev server (bench/lab.ts), never by the app.
import { releaseCanvas, type PhotoCanvas, type SizedImageSource } from '../src/photo/canvas.ts'
import { sourceRect, type Crop } from '../src/photo/crop.ts'
import { browserJpegEncoder } from '../src/photo/encode.ts'

const MAX_SIDE = 400
const MIN_SIDE = 200
const MAX_BYTES = 16_000
const Q_MIN = 40
const Q_MAX = 95

function previousSides(maxSide: number, minSide: number): number[] {
  const sides = [maxSide]
  for (;;) {
    const next = Math.floor((sides[sides.length - 1]! * 0.85) / 8) * 8
    if (next <= minSide * 1.05) break
    sides.push(next)
  }
  if (minSide < maxSide) sides.push(minSide)
  return sides
}

/** The crop scaled as before issue 14: cut, then the browser's resampler (no rotation here). */
async function renderBefore(source: SizedImageSource, crop: Crop, side: number) {
  const r = sourceRect(crop, { width: source.width, height: source.height })
  const x = Math.max(0, Math.round(r.x))
  const y = Math.max(0, Math.round(r.y))
  const region = await createImageBitmap(
    source,
    x,
    y,
    Math.min(source.width - x, Math.round(r.width)),
    Math.min(source.height - y, Math.round(r.height)),
  )
  const bitmap = await createImageBitmap(region, {
    resizeWidth: side,
    resizeHeight: side,
    resizeQuality: 'high',
  })
  region.close()
  const canvas = new OffscreenCanvas(side, side)
  const ctx = canvas.getContext('2d')!
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, side, side)
  ctx.drawImage(bitmap, 0, 0)
  bitmap.close()
  return canvas
}

/** What the previous rule made: as preparePhoto's result, square output only. */
export interface PreviousResult {
  blob: Blob
  bytes: number
  width: number
  height: number
  quality: number
  attempts: number
}

/** preparePhoto as it was, at the bench's settings (1:1, 400 px, 16,000 B, quality >= 0.40). */
export async function preparePhotoBefore(
  source: SizedImageSource,
  crop: Crop,
): Promise<PreviousResult> {
  let current: PhotoCanvas | undefined
  let attempts = 0
  try {
    for (const [index, side] of previousSides(MAX_SIDE, MIN_SIDE).entries()) {
      if (current) releaseCanvas(current)
      current = await renderBefore(source, crop, side)
      const canvas = current
      let best: { blob: Blob; quality: number } | undefined
      const attempt = async (q: number) => {
        const blob = await browserJpegEncoder(canvas, q / 100)
        attempts++
        const fits = blob.size <= MAX_BYTES
        if (fits && (!best || q / 100 > best.quality)) best = { blob, quality: q / 100 }
        return fits
      }
      const done = () => {
        const { blob, quality } = best!
        return { blob, bytes: blob.size, width: side, height: side, quality, attempts }
      }
      const first = index === 0
      if (first && (await attempt(Q_MAX))) return done()
      if (!(await attempt(Q_MIN))) continue
      let lo = Q_MIN + 1
      let hi = first ? Q_MAX - 1 : Q_MAX
      while (lo <= hi) {
        const mid = (lo + hi) >> 1
        if (await attempt(mid)) lo = mid + 1
        else hi = mid - 1
      }
      return done()
    }
    throw new Error('previous rule: over budget at every side')
  } finally {
    if (current) releaseCanvas(current)
  }
}
