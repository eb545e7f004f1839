// Page side of the face recall measure (tests/e2e/face-recall.test.ts, bench/faces.ts): the six
// face photos that ship with @vladmandic/face-api, each face cut out with a soft edge and pasted
// at a given width and position into 1920x1080 frames over the bench's generated backgrounds,
// then searched by the app's own live and still searches (src/face/frame.ts) on the page's
// detector. Loaded into the photo lab page once the bench tools are installed (bench.generate).
import { loadPageDetector, type DetectResult, type FaceDetector } from '@/face/detector.ts'
import { sampleFrame, searchLive, searchStill } from '@/face/frame.ts'
import { mergeFaces, type SearchRegion } from '@/face/search.ts'
import type { Rect } from '@/face/types.ts'
import type { GeneratedKind } from '../../../bench/page-tools.ts'

export const FRAME = { width: 1920, height: 1080 } as const

/** Each sample photo's face used (the tiny detector's box at 608 px, the best-scored face). */
export const RECALL_FACES: { sample: number; box: Rect }[] = [
  { sample: 1, box: { x: 811, y: 446, width: 264, height: 250 } },
  { sample: 2, box: { x: 856, y: 274, width: 212, height: 198 } },
  { sample: 3, box: { x: 1015, y: 236, width: 302, height: 287 } },
  { sample: 4, box: { x: 944, y: 224, width: 242, height: 223 } },
  { sample: 5, box: { x: 753, y: 147, width: 207, height: 200 } },
  { sample: 6, box: { x: 197, y: 537, width: 286, height: 262 } },
]

/** One frame to search: a face (index into RECALL_FACES) or none, its width share and place. */
export interface RecallCell {
  background: GeneratedKind
  face: number | null
  /** Face box width / frame width. */
  share: number
  /** Column and row, 0..2: left / centre / right, top / middle / bottom. */
  col: number
  row: number
}

export interface RecallResult {
  /** The pasted face was found (a box overlapping it by IoU >= 0.3). */
  live: boolean
  still: boolean
  /** Boxes that are neither the pasted face nor the scene's drawn head. */
  liveOther: number
  stillOther: number
  liveMs: number
  stillMs: number
}

export interface FaceRecallPage {
  /** Loads the detector on the page (WebAssembly where it can) and the face patches. */
  init(): Promise<{ backend: string; loadMs: number }>
  run(cells: RecallCell[], modes?: { live: boolean; still: boolean }): Promise<RecallResult[]>
}

declare global {
  interface Window {
    faceRecall: FaceRecallPage
  }
}

interface Patch {
  canvas: OffscreenCanvas
  /** The face box inside the patch. */
  box: Rect
}

let detector: FaceDetector | null = null

/** What the frame being searched is: its background, and where the pasted face changed it. */
let painted: { background: GeneratedKind; dirty: Rect | null } | null = null
const bareAnswers = new Map<string, Promise<DetectResult['faces']>>()

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/**
 * The detector, with one saving that changes no answer: detection is deterministic, so a region
 * of a search that the pasted face does not touch gives what it gives on the bare background,
 * found once per background and kept. Boxes only (the recall measure needs no landmarks).
 */
function reusing(d: FaceDetector): FaceDetector {
  return {
    ...d,
    async detect(image, options = {}) {
      const regions = options.regions
      if (!regions || regions.length < 2 || !painted) return d.detect(image, options)
      const { background: kind, dirty } = painted
      const k = image.width / FRAME.width
      const touched = dirty && {
        x: (dirty.x - 8) * k,
        y: (dirty.y - 8) * k,
        width: (dirty.width + 16) * k,
        height: (dirty.height + 16) * k,
      }
      let ms = 0
      const one = async (source: ImageData, region: SearchRegion) => {
        const copy = new ImageData(new Uint8ClampedArray(source.data), source.width, source.height)
        const found = await d.detect(copy, { ...options, regions: [region], landmarks: 'none' })
        ms += found.ms
        return found.faces
      }
      const faces = await Promise.all(
        regions.map((region) => {
          if (touched && overlaps(region, touched)) return one(image, region)
          const key = `${kind} ${image.width} ${JSON.stringify(region)}`
          if (!bareAnswers.has(key))
            bareAnswers.set(
              key,
              one(sampleFrame(background(kind).canvas, image.width).image, region),
            )
          return bareAnswers.get(key)!
        }),
      )
      return { faces: mergeFaces(faces.flat()), ms }
    },
  }
}
const patches: Patch[] = []
const backgrounds = new Map<GeneratedKind, { canvas: OffscreenCanvas; drawn: Rect | null }>()

/**
 * Six of the generated scenes hold a drawn head (lab.paintPhoto and the bench's figure: an oval
 * face with eyes at the centre, 0.46 of the height down, about 0.34 x 0.44 of the shorter side).
 * The detector rightly finds that drawing; it is not a false find.
 */
const DRAWN_HEAD: Partial<Record<GeneratedKind, true>> = {
  'webcam-1080p': true,
  'photo-12mp': true,
  'fine-texture': true,
  'flat-background': true,
  'low-light': true,
  backlit: true,
}

/** The face with room for hair and chin, faded out at an ellipse's edge. */
async function cutFace(sample: number, box: Rect): Promise<Patch> {
  const url = `/node_modules/@vladmandic/face-api/demo/sample${sample}.jpg`
  const bitmap = await createImageBitmap(await (await fetch(url)).blob())
  const w = Math.round(box.width * 1.9)
  const h = Math.round(box.height * 2.3)
  const x = Math.round(box.x + box.width / 2 - w / 2)
  const y = Math.round(box.y + box.height * 0.45 - h / 2)
  const canvas = new OffscreenCanvas(w, h)
  const ctx = canvas.getContext('2d')!
  ctx.drawImage(bitmap, x, y, w, h, 0, 0, w, h)
  bitmap.close()
  const mask = ctx.createRadialGradient(w / 2, h / 2, 0, w / 2, h / 2, w / 2)
  mask.addColorStop(0.75, 'rgba(0, 0, 0, 1)')
  mask.addColorStop(1, 'rgba(0, 0, 0, 0)')
  ctx.globalCompositeOperation = 'destination-in'
  ctx.setTransform(1, 0, 0, h / w, 0, 0)
  ctx.fillStyle = mask
  ctx.fillRect(0, 0, w, w)
  return { canvas, box: { x: box.x - x, y: box.y - y, width: box.width, height: box.height } }
}

/** The scene filling the frame (scaled to cover it, centred), and where its drawn head is. */
function background(kind: GeneratedKind) {
  const known = backgrounds.get(kind)
  if (known) return known
  const { bench } = globalThis as unknown as {
    bench: { generate(kind: GeneratedKind): OffscreenCanvas }
  }
  const source = bench.generate(kind)
  const canvas = new OffscreenCanvas(FRAME.width, FRAME.height)
  const k = Math.max(FRAME.width / source.width, FRAME.height / source.height)
  const w = source.width * k
  const h = source.height * k
  const x0 = (FRAME.width - w) / 2
  const y0 = (FRAME.height - h) / 2
  canvas.getContext('2d')!.drawImage(source, x0, y0, w, h)
  const s = Math.min(w, h)
  const drawn = DRAWN_HEAD[kind]
    ? { x: x0 + w / 2 - 0.17 * s, y: y0 + 0.46 * h - 0.22 * s, width: 0.34 * s, height: 0.44 * s }
    : null
  const made = { canvas, drawn }
  backgrounds.set(kind, made)
  return made
}

/** Paints one frame; returns where the face box is (null without a face). */
function paint(frame: OffscreenCanvas, cell: RecallCell): Rect | null {
  const ctx = frame.getContext('2d')!
  ctx.drawImage(background(cell.background).canvas, 0, 0)
  painted = { background: cell.background, dirty: null }
  if (cell.face === null) return null
  const patch = patches[cell.face]!
  const k = (cell.share * FRAME.width) / patch.box.width
  const bw = patch.box.width * k
  const bh = patch.box.height * k
  // Face box centre from just inside one edge to just inside the other.
  const cx = bw * 0.6 + (cell.col / 2) * (FRAME.width - bw * 1.2)
  const cy = bh * 0.75 + (cell.row / 2) * (FRAME.height - bh * 1.5)
  const box = { x: cx - bw / 2, y: cy - bh / 2, width: bw, height: bh }
  const dirty = {
    x: box.x - patch.box.x * k,
    y: box.y - patch.box.y * k,
    width: patch.canvas.width * k,
    height: patch.canvas.height * k,
  }
  ctx.imageSmoothingQuality = 'high'
  ctx.drawImage(patch.canvas, dirty.x, dirty.y, dirty.width, dirty.height)
  painted = { background: cell.background, dirty }
  return box
}

function iou(a: Rect, b: Rect): number {
  const x = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x))
  const y = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y))
  const inter = x * y
  return inter / (a.width * a.height + b.width * b.height - inter)
}

function inside(box: Rect, area: Rect) {
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 2
  return cx > area.x && cx < area.x + area.width && cy > area.y && cy < area.y + area.height
}

/** Found: a box on the pasted face (IoU >= 0.3). Other: a box on neither it nor the drawn head. */
function score(found: { box: Rect }[], expected: Rect | null, drawn: Rect | null) {
  const hit = expected ? found.some((f) => iou(f.box, expected) >= 0.3) : false
  const other = found.filter(
    (f) => !(expected && iou(f.box, expected) >= 0.3) && !(drawn && inside(f.box, drawn)),
  ).length
  return { hit, other }
}

window.faceRecall = {
  async init() {
    const started = performance.now()
    detector ??= await loadPageDetector('/models/face/', 'auto')
    if (!patches.length)
      for (const { sample, box } of RECALL_FACES) patches.push(await cutFace(sample, box))
    return { backend: detector.info.backend, loadMs: performance.now() - started }
  },
  async run(cells, modes = { live: true, still: true }) {
    if (!detector) throw new Error('init first')
    const d = reusing(detector)
    const frame = new OffscreenCanvas(FRAME.width, FRAME.height)
    const out: RecallResult[] = []
    for (const cell of cells) {
      const expected = paint(frame, cell)
      const result: RecallResult = {
        live: false,
        still: false,
        liveOther: 0,
        stillOther: 0,
        liveMs: 0,
        stillMs: 0,
      }
      if (modes.live) {
        const started = performance.now()
        const live = await searchLive(d, sampleFrame(frame))
        result.liveMs = performance.now() - started
        const s = score(live.faces, expected, background(cell.background).drawn)
        result.live = s.hit
        result.liveOther = s.other
      }
      if (modes.still) {
        const started = performance.now()
        const still = await searchStill(d, frame)
        result.stillMs = performance.now() - started
        const s = score(still.faces, expected, background(cell.background).drawn)
        result.still = s.hit
        result.stillOther = s.other
      }
      out.push(result)
    }
    return out
  },
}
