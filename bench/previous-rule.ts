// Photo Desk's encoder rule before issue 14, kept verbatim for the encoder measure's A/B timing
// (old rule vs new rule, same pictures, same page, interleaved): quality never below 0.40 at a
// side; when 0.40 does not fit, the next smaller side (~15% steps, multiples of 8, down to 200).
// Loaded into the bench page from the lab's dev server (bench/lab.ts), never by the app.
import { releaseCanvas, type PhotoCanvas, type SizedImageSource } from '../src/photo/canvas.ts'
import type { Crop } from '../src/photo/crop.ts'
import { browserJpegEncoder } from '../src/photo/encode.ts'
import { renderCrop } from '../src/photo/render.ts'

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
      current = await renderCrop(source, crop, side, side)
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
