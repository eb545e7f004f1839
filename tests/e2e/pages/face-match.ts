// Page side of the same-person measure (tests/e2e/face-match.test.ts, bench/faces.ts): each
// sample face of @vladmandic/face-api as a stored photo would hold it (a 400 px portrait JPEG),
// and as a new picture of the same person under realistic changes (the crop shifted, the face
// smaller or larger, the head tilted, lighter or darker, a coarser JPEG, mirrored), described by
// the app's detector (FaceDetector.describe) and compared by src/face/match.ts.
import { loadPageDetector, type FaceDetector } from '@/face/detector.ts'
import { samePerson, type SamePerson } from '@/face/match.ts'
import type { FaceDescription } from '@/face/engine.ts'
import { RECALL_FACES } from './face-recall.ts'

/** One change of a face's picture. */
export interface Change {
  name: string
  /** Crop centre shift, share of the crop's side. */
  dx?: number
  dy?: number
  /** The face's size in the picture, 1 as in the stored photo. */
  scale?: number
  /** Degrees. */
  rotate?: number
  /** Brightness factor. */
  light?: number
  /** JPEG quality 0..1 (default 0.85, as the stored photo). */
  quality?: number
  mirror?: boolean
}

/** Shift up to 10%, scale 0.6-1.4, rotation up to 10 degrees, brightness +-30%, JPEG 30-90, mirror. */
export const CHANGES: Change[] = [
  { name: 'shift left 10%', dx: -0.1 },
  { name: 'shift right 10%', dx: 0.1 },
  { name: 'shift up 10%', dy: -0.1 },
  { name: 'shift down 10%', dy: 0.1 },
  { name: 'scale 0.6', scale: 0.6 },
  { name: 'scale 0.8', scale: 0.8 },
  { name: 'scale 1.2', scale: 1.2 },
  { name: 'scale 1.4', scale: 1.4 },
  { name: 'rotate -10°', rotate: -10 },
  { name: 'rotate +10°', rotate: 10 },
  { name: 'brightness -30%', light: 0.7 },
  { name: 'brightness +30%', light: 1.3 },
  { name: 'JPEG q30', quality: 0.3 },
  { name: 'JPEG q60', quality: 0.6 },
  { name: 'JPEG q90', quality: 0.9 },
  { name: 'mirrored', mirror: true },
]

export interface MatchReport {
  /** Face i against face j (i < j): 15 pairs. */
  pairs: { a: number; b: number; result: SamePerson }[]
  /** Face i's stored photo against its changed picture. */
  changes: { face: number; change: string; result: SamePerson }[]
  /** Time per describe (after the first, which loads the model), ms. */
  describeMs: number[]
  firstMs: number
}

export interface FaceMatchPage {
  run(): Promise<MatchReport>
}

declare global {
  interface Window {
    faceMatch: FaceMatchPage
  }
}

const SIDE = 400

/** The portrait of sample `n`'s face under `change`, as JPEG pixels. */
async function portrait(face: number, change: Change = { name: 'stored' }): Promise<ImageData> {
  const { sample, box } = RECALL_FACES[face]!
  const url = `/node_modules/@vladmandic/face-api/demo/sample${sample}.jpg`
  const bitmap = await createImageBitmap(await (await fetch(url)).blob())
  // The stored photo's framing: the face box about 45% of the side, a little below the centre.
  // A face smaller in the picture is the same framing drawn smaller on a plain wall (zooming
  // out of the sample group photos would bring in their neighbours); larger is a closer crop.
  const scale = change.scale ?? 1
  const side = (box.width * 2.2) / Math.max(1, scale)
  const cx = box.x + box.width / 2 + (change.dx ?? 0) * side
  const cy = box.y + box.height * 0.4 + (change.dy ?? 0) * side
  const canvas = new OffscreenCanvas(SIDE, SIDE)
  const ctx = canvas.getContext('2d')!
  ctx.fillStyle = '#808080'
  ctx.fillRect(0, 0, SIDE, SIDE)
  if (change.light) ctx.filter = `brightness(${change.light})`
  ctx.translate(SIDE / 2, SIDE / 2)
  if (change.mirror) ctx.scale(-1, 1)
  ctx.rotate(((change.rotate ?? 0) * Math.PI) / 180)
  const k = (SIDE / side) * Math.min(1, scale)
  if (scale < 1) {
    ctx.beginPath()
    ctx.rect((-SIDE / 2) * scale, (-SIDE / 2) * scale, SIDE * scale, SIDE * scale)
    ctx.clip()
  }
  ctx.drawImage(bitmap, -cx * k, -cy * k, bitmap.width * k, bitmap.height * k)
  bitmap.close()
  const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality: change.quality ?? 0.85 })
  const decoded = await createImageBitmap(jpeg)
  const out = new OffscreenCanvas(SIDE, SIDE).getContext('2d')!
  out.drawImage(decoded, 0, 0)
  decoded.close()
  return out.getImageData(0, 0, SIDE, SIDE)
}

let detector: FaceDetector | null = null

window.faceMatch = {
  async run() {
    detector ??= await loadPageDetector('/models/face/', 'auto')
    const d = detector
    const times: number[] = []
    const describe = async (image: ImageData): Promise<FaceDescription> => {
      const started = performance.now()
      const description = await d.describe(image)
      times.push(performance.now() - started)
      return description
    }
    const stored: FaceDescription[] = []
    for (let face = 0; face < RECALL_FACES.length; face++)
      stored.push(await describe(await portrait(face)))
    const pairs: MatchReport['pairs'] = []
    for (let a = 0; a < stored.length; a++)
      for (let b = a + 1; b < stored.length; b++)
        pairs.push({ a, b, result: samePerson(stored[a]!, stored[b]!) })
    const changes: MatchReport['changes'] = []
    for (let face = 0; face < RECALL_FACES.length; face++)
      for (const change of CHANGES) {
        const next = await describe(await portrait(face, change))
        changes.push({ face, change: change.name, result: samePerson(stored[face]!, next) })
      }
    return { pairs, changes, describeMs: times.slice(1), firstMs: times[0] ?? 0 }
  },
}
