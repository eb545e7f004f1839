import { createCanvas, releaseCanvas, sourceSize, type SizedImageSource } from '@/photo/index.ts'
import { assessFrame, type FrameAssessment, type FrameInput } from './checks.ts'
import { chooseFace, faceCrop, type FaceCropResult } from './crop.ts'
import type { DetectOptions, FaceDescription, FaceDetector } from './detector.ts'
import {
  faceGeometry,
  headRect,
  innerFaceRect,
  measureLighting,
  scaleFace,
  sharpness,
  type Lighting,
} from './measures.ts'
import {
  LIVE_SEARCH_WIDTH,
  STILL_SEARCH_WIDTH,
  aroundBox,
  livePlan,
  mergeFaces,
  type LiveSweep,
  stillPlans,
  type SearchRegion,
} from './search.ts'
import type { DetectedFace, Rect } from './types.ts'

// From pixels on the page (a video, a bitmap) to faces and measures: the canvas work around the
// pure functions. No Vue.

/**
 * Width of the frame the live guide detects on: a downscaled frame (field note 13), large
 * enough that a face of 8% of the width is searched in tiles (src/face/search.ts livePlan).
 */
export const LIVE_SAMPLE_WIDTH = LIVE_SEARCH_WIDTH
/** Width used for a still picture (capture or file): more pixels for a steadier crop. */
export const STILL_SAMPLE_WIDTH = 416
/**
 * Detector inputs of the first look at a still (all of them: the tiny detector misses some
 * faces at one scale and finds them at another, seen on the package's sample photos).
 */
export const STILL_INPUT_SIZES = [416, 320, 224] as const

/** A downscaled copy of a picture for detection, and how it maps back. */
export interface FrameSample {
  image: ImageData
  /** Source pixels per sample pixel. */
  scale: number
  /** The source's own size. */
  width: number
  height: number
}

type Canvas2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D

function context(canvas: OffscreenCanvas | HTMLCanvasElement): Canvas2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: true }) as Canvas2D | null
  if (!ctx) throw new Error('No 2D canvas context')
  return ctx
}

/** Draws `source` at most `maxWidth` wide and reads the pixels. */
export function sampleFrame(source: SizedImageSource, maxWidth = LIVE_SAMPLE_WIDTH): FrameSample {
  const { width, height } = sourceSize(source)
  if (!width || !height) throw new Error('The picture has no pixels yet')
  const scale = Math.max(1, width / maxWidth)
  const w = Math.max(1, Math.round(width / scale))
  const h = Math.max(1, Math.round(height / scale))
  const canvas = createCanvas(w, h)
  try {
    const ctx = context(canvas)
    ctx.imageSmoothingEnabled = true
    ctx.imageSmoothingQuality = 'medium'
    ctx.drawImage(source, 0, 0, width, height, 0, 0, w, h)
    return { image: ctx.getImageData(0, 0, w, h), scale: width / w, width, height }
  } finally {
    releaseCanvas(canvas)
  }
}

/**
 * Sharpness of a region of `source` at up to 256 px across: the region's own detail, before
 * the live sample's downscale smooths it away.
 */
export function regionSharpness(source: SizedImageSource, rect: Rect): number | null {
  const { width, height } = sourceSize(source)
  const x = Math.max(0, Math.floor(rect.x))
  const y = Math.max(0, Math.floor(rect.y))
  const w = Math.min(width, Math.ceil(rect.x + rect.width)) - x
  const h = Math.min(height, Math.ceil(rect.y + rect.height)) - y
  if (w < 8 || h < 8) return null
  const k = Math.min(1, 256 / Math.max(w, h))
  const cw = Math.max(8, Math.round(w * k))
  const ch = Math.max(8, Math.round(h * k))
  const canvas = createCanvas(cw, ch)
  try {
    const ctx = context(canvas)
    ctx.imageSmoothingEnabled = true
    ctx.imageSmoothingQuality = 'high'
    ctx.drawImage(source, x, y, w, h, 0, 0, cw, ch)
    return sharpness(ctx.getImageData(0, 0, cw, ch))
  } finally {
    releaseCanvas(canvas)
  }
}

/** Faces in a sample, mapped back to the source's pixels. The sample's pixels stay readable. */
export async function detectInSample(
  detector: FaceDetector,
  sample: FrameSample,
  options: DetectOptions = {},
): Promise<{ faces: DetectedFace[]; ms: number }> {
  // A worker takes the buffer it is given: send a copy, keep the sample for the measures.
  const copy = new ImageData(
    new Uint8ClampedArray(sample.image.data),
    sample.image.width,
    sample.image.height,
  )
  const { faces, ms } = await detector.detect(copy, options)
  return { faces: faces.map((f) => scaleFace(f, sample.scale)), ms }
}

/** Faces found by a search, in the source's pixels, and the sample they were found on. */
export interface Search {
  faces: DetectedFace[]
  sample: FrameSample
  /** Detection time where it ran, summed over the tries. */
  ms: number
}

/**
 * The live guide's search of one sampled frame: with a `sweep`, its next regions (the whole
 * frame and one tile, or the face being followed); without, the whole sweep at once (livePlan).
 */
export async function searchLive(
  detector: FaceDetector,
  sample: FrameSample,
  sweep?: LiveSweep,
): Promise<Search> {
  const { width, height } = sample.image
  const regions = sweep ? sweep.next(width, height) : livePlan(width, height)
  const { faces, ms } = await detectInSample(detector, sample, { regions })
  sweep?.seen(
    faces.map((f) => scaleFace(f, 1 / sample.scale)),
    width,
  )
  return { faces, sample, ms }
}

/**
 * The search of a still picture (capture, file): the whole picture at two input sizes on a
 * STILL_SAMPLE_WIDTH copy (where most faces are found at once), then, when nothing was found,
 * whole and tiled searches of a STILL_SEARCH_WIDTH copy (stillPlans) until one finds a face.
 */
export async function searchStill(
  detector: FaceDetector,
  source: SizedImageSource,
): Promise<Search> {
  const sample = sampleFrame(source, STILL_SAMPLE_WIDTH)
  let ms = 0
  const faces: DetectedFace[] = []
  for (const inputSize of STILL_INPUT_SIZES) {
    const found = await detectInSample(detector, sample, { inputSize, landmarks: 'none' })
    ms += found.ms
    faces.push(...found.faces)
  }
  const { width } = sourceSize(source)
  const large = width > STILL_SAMPLE_WIDTH ? sampleFrame(source, STILL_SEARCH_WIDTH) : sample
  // Every face, also the small ones a first look misses beside a larger one (a poster, a
  // drawing, another person): the crop then chooses among them (chooseFace).
  const [tiled, finer] = stillPlans(large.image.width, large.image.height)
  for (const regions of [tiled!, finer!]) {
    if (regions === finer && faces.length) break
    const found = await detectInSample(detector, large, { regions, landmarks: 'none' })
    ms += found.ms
    faces.push(...found.faces)
  }
  const merged = mergeFaces(faces)
  if (!merged.length) return { faces: [], sample, ms }
  // Landmarks for the face the crop follows, on the sample that holds it best.
  const best = merged[chooseFace(merged, large.width, large.height)]!
  const marked = await detectInSample(detector, large, {
    regions: [aroundFace(best.box, large)],
    landmarks: 'best',
  })
  ms += marked.ms
  const withMarks = marked.faces.find((f) => f.landmarks.length) ?? best
  return {
    faces: merged.map((f) => (f === best ? withMarks : f)),
    sample: large,
    ms,
  }
}

/** A square region (in `sample`'s pixels) around a face box in source pixels. */
function aroundFace(box: Rect, sample: FrameSample): SearchRegion {
  const k = 1 / sample.scale
  const inSample = { x: box.x * k, y: box.y * k, width: box.width * k, height: box.height * k }
  return aroundBox(inSample, sample.image.width, sample.image.height, 160)
}

/** The one face of a picture file (a stored photo, a prepared JPEG) as a descriptor. */
export async function describePhoto(detector: FaceDetector, blob: Blob): Promise<FaceDescription> {
  const bitmap = await createImageBitmap(blob)
  try {
    return await detector.describe(sampleFrame(bitmap, 480).image)
  } finally {
    bitmap.close()
  }
}

/** Lighting of a face (in source pixels) measured on the sample. */
export function sampleLighting(sample: FrameSample, face: DetectedFace): Lighting {
  const g = faceGeometry(scaleFace(face, 1 / sample.scale))
  return measureLighting(sample.image, innerFaceRect(g), headRect(g))
}

/** One live frame, end to end: sample, detect, measure, check. */
export interface LiveFrame {
  faces: DetectedFace[]
  assessment: FrameAssessment
  lighting: Lighting | null
  sharpness: number | null
  width: number
  height: number
  /** Detection time where it ran, and the whole round (sample + detect + measures), ms. */
  detectMs: number
  totalMs: number
}

export interface LiveFrameOptions extends Pick<FrameInput, 'mirrored' | 'aspect' | 'previous'> {
  /** Width of the downscaled frame (default LIVE_SAMPLE_WIDTH). */
  sampleWidth?: number
  /** Detector input side, a multiple of 32: the whole frame at this size, no tiles. */
  inputSize?: number
  /** The guide's search across frames (tiles in turn, a face followed); default all at once. */
  sweep?: LiveSweep
}

export async function assessLiveFrame(
  detector: FaceDetector,
  source: SizedImageSource,
  options: LiveFrameOptions = {},
): Promise<LiveFrame> {
  const started = performance.now()
  const { sampleWidth, inputSize, sweep, ...frameOptions } = options
  const sample = sampleFrame(source, sampleWidth ?? LIVE_SAMPLE_WIDTH)
  const { faces, ms } = inputSize
    ? await detectInSample(detector, sample, { inputSize })
    : await searchLive(detector, sample, sweep)
  const first = assessFrame({ faces, width: sample.width, height: sample.height, ...frameOptions })
  let lighting: Lighting | null = null
  let sharp: number | null = null
  const face = first.chosen !== null ? faces[first.chosen] : undefined
  if (face) {
    lighting = sampleLighting(sample, face)
    sharp = regionSharpness(source, innerFaceRect(faceGeometry(face)))
  }
  const assessment = face
    ? assessFrame({
        faces,
        width: sample.width,
        height: sample.height,
        lighting,
        sharpness: sharp,
        ...frameOptions,
      })
    : first
  return {
    faces,
    assessment,
    lighting,
    sharpness: sharp,
    width: sample.width,
    height: sample.height,
    detectMs: ms,
    totalMs: performance.now() - started,
  }
}

/** The face-aware initial crop of a still picture, plus what the checks say about it. */
export interface AutoCrop extends FaceCropResult {
  detected: DetectedFace[]
  assessment: FrameAssessment
  detectMs: number
}

/**
 * Finds the faces in a captured frame or a decoded file and crops by the rule (faceCrop).
 * Throws only when the detector fails; then use the centred crop.
 */
export async function autoCrop(
  detector: FaceDetector,
  source: SizedImageSource,
  aspect = 1,
): Promise<AutoCrop> {
  const { faces, sample, ms } = await searchStill(detector, source)
  const result = faceCrop(faces, sample.width, sample.height, aspect)
  const face = result.chosen !== null ? faces[result.chosen] : undefined
  const assessment = assessFrame({
    faces,
    width: sample.width,
    height: sample.height,
    aspect,
    lighting: face ? sampleLighting(sample, face) : null,
    sharpness: face ? regionSharpness(source, innerFaceRect(faceGeometry(face))) : null,
  })
  return { ...result, detected: faces, assessment, detectMs: ms }
}

/**
 * autoCrop for the desk, with the detector `load` gives (the page's shared one:
 * src/workers/face-detector.ts getFaceDetector): never throws, and gives up after `timeoutMs`
 * (the clerk keeps the centred crop). null: no detector (model blocked, too slow) or it
 * failed; a result with reason 'no-face' otherwise.
 */
export async function safeAutoCrop(
  load: () => Promise<FaceDetector>,
  source: SizedImageSource,
  aspect = 1,
  { timeoutMs = 15_000 }: { timeoutMs?: number } = {},
): Promise<AutoCrop | null> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs)
  })
  const work = (async () => autoCrop(await load(), source, aspect))()
  try {
    return await Promise.race([work.catch(() => null), late])
  } finally {
    clearTimeout(timer)
  }
}
