import { createCanvas, releaseCanvas, sourceSize, type SizedImageSource } from '@/photo/index.ts'
import { assessFrame, type FrameAssessment, type FrameInput } from './checks.ts'
import { faceCrop, type FaceCropResult } from './crop.ts'
import type { DetectOptions, FaceDetector } from './detector.ts'
import {
  faceGeometry,
  headRect,
  innerFaceRect,
  measureLighting,
  scaleFace,
  sharpness,
  type Lighting,
} from './measures.ts'
import type { DetectedFace, Rect } from './types.ts'

// From pixels on the page (a video, a bitmap) to faces and measures: the canvas work around the
// pure functions. No Vue.

/** Width of the frame the live guide detects on (field note 13: a downscaled frame). */
export const LIVE_SAMPLE_WIDTH = 320
/** Width used for a still picture (capture or file): more pixels for a steadier crop. */
export const STILL_SAMPLE_WIDTH = 416
/**
 * Detector inputs tried in turn on a still until one finds a face: the tiny detector misses
 * some faces at one scale and finds them at another (seen on the package's sample photos).
 */
export const STILL_INPUT_SIZES = [416, 224] as const

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
  /** Detector input side, a multiple of 32 (default 224). */
  inputSize?: number
}

export async function assessLiveFrame(
  detector: FaceDetector,
  source: SizedImageSource,
  options: LiveFrameOptions = {},
): Promise<LiveFrame> {
  const started = performance.now()
  const { sampleWidth, inputSize, ...frameOptions } = options
  const sample = sampleFrame(source, sampleWidth ?? LIVE_SAMPLE_WIDTH)
  const { faces, ms } = await detectInSample(detector, sample, { inputSize: inputSize ?? 224 })
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
  const sample = sampleFrame(source, STILL_SAMPLE_WIDTH)
  let faces: DetectedFace[] = []
  let ms = 0
  for (const inputSize of STILL_INPUT_SIZES) {
    const found = await detectInSample(detector, sample, { inputSize })
    ms += found.ms
    faces = found.faces
    if (faces.length) break
  }
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
