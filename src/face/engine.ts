// The face-api side of detection. This module imports @vladmandic/face-api (tfjs inside,
// 1.3 MB), so it is only ever reached through src/workers/face.worker.ts or a dynamic import().
import * as faceapi from '@vladmandic/face-api'
import { chooseFace } from './crop.ts'
import { cutByTile, mergeFaces, type SearchRegion } from './search.ts'
import type { DetectedFace } from './types.ts'

export type Backend = 'wasm' | 'webgl' | 'cpu'

/**
 * tfjs's WebAssembly binaries, served beside the models (server/face-models.ts): with SIMD about
 * 30 times faster than its JavaScript CPU code on this machine (320 px input: 38 ms, not 1 s).
 */
export const WASM_FILES = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'] as const

export interface EngineInfo {
  backend: Backend
  /** Model download and weights upload, ms. */
  loadMs: number
  /** The first (warm-up) detection, ms: shader compilation on WebGL. */
  warmupMs: number
}

export interface DetectOptions {
  /** The detector's square input side, a multiple of 32 (default 320). */
  inputSize?: number
  /** Minimum confidence (default 0.5). */
  scoreThreshold?: number
  /**
   * Regions searched (src/face/search.ts), each at its own input size, in the image's pixels;
   * the faces found are merged. Default: the whole image at `inputSize`.
   */
  regions?: SearchRegion[]
  /**
   * Which faces get the 68 landmarks: 'best' (default) only the largest near the centre, the
   * one the checks and the crop are about (landmarks cost as much again per face), 'all', 'none'.
   */
  landmarks?: 'best' | 'all' | 'none'
}

// The bundle has all of tfjs; its typings list only what face-api itself uses.
const tf = faceapi.tf as typeof faceapi.tf & {
  setBackend(name: string): Promise<boolean>
  ready(): Promise<void>
  backend(): unknown
  setWasmPaths(paths: Record<string, string>): void
  env(): { set(flag: string, value: unknown): void }
  slice<T>(x: T, begin: number[], size: number[]): T
  pad<T>(x: T, paddings: [number, number][], value: number): T
}

/** face-api needs an environment; a Worker has no DOM, so describe one with OffscreenCanvas. */
function ensureEnvironment() {
  if (faceapi.env.isBrowser()) return
  try {
    faceapi.env.getEnv()
    return
  } catch {
    // not set yet: a Worker
  }
  class Missing {}
  const canvas = (w = 1, h = 1) => new OffscreenCanvas(w, h)
  faceapi.env.setEnv({
    Canvas: OffscreenCanvas,
    CanvasRenderingContext2D: OffscreenCanvasRenderingContext2D,
    Image: Missing,
    ImageData,
    Video: Missing,
    createCanvasElement: () => canvas(),
    createImageElement: () => {
      throw new Error('No images in a worker')
    },
    createVideoElement: () => {
      throw new Error('No video in a worker')
    },
    fetch: (url: string, init?: RequestInit) => fetch(url, init),
    readFile: () => {
      throw new Error('No file system in a browser')
    },
  } as unknown as Parameters<typeof faceapi.env.setEnv>[0])
}

/** WebGL drawn by the CPU (SwiftShader, llvmpipe): slower to start than tfjs's own CPU code. */
function softwareWebgl(): boolean {
  try {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl
    if (!gl) return false
    const debug = gl.getExtension('WEBGL_debug_renderer_info')
    const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER))
    return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer)
  } catch {
    return false
  }
}

/** Points tfjs at the WebAssembly binaries in the model folder; single-threaded (no COOP/COEP). */
function prepareWasm(modelUrl: string) {
  const base = new URL(modelUrl, globalThis.location?.href).href
  const simd = `${base}${WASM_FILES[0]}`
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false)
  tf.setWasmPaths({
    'tfjs-backend-wasm.wasm': `${base}${WASM_FILES[1]}`,
    'tfjs-backend-wasm-simd.wasm': simd,
    'tfjs-backend-wasm-threaded-simd.wasm': simd,
  })
}

/**
 * WebAssembly (on the CPU, SIMD where the browser has it; needs the 'wasm-unsafe-eval' CSP
 * source, server/security-headers.ts), else WebGL on a real GPU, else tfjs's JavaScript CPU code.
 */
async function useBackend(preferred: Backend | 'auto', modelUrl: string): Promise<Backend> {
  const order: Backend[] = preferred === 'auto' ? ['wasm', 'webgl', 'cpu'] : [preferred]
  if (preferred === 'webgl') order.push('cpu')
  for (const name of order) {
    try {
      if (name === 'wasm') {
        if (typeof WebAssembly === 'undefined') continue
        prepareWasm(modelUrl)
      }
      // setBackend resolves false (or throws) when the backend cannot start, e.g. no WebGL.
      if (!(await tf.setBackend(name))) continue
      await tf.ready()
      if (name === 'webgl' && preferred === 'auto' && softwareWebgl()) continue
      return name
    } catch {
      // try the next one
    }
  }
  throw new Error('No tfjs backend could start')
}

let info: EngineInfo | null = null
let models = ''
let recognition: Promise<void> | null = null

/** A face's 128-number descriptor (face-api's recognition model), or why there is none. */
export interface FaceDescription {
  /** Faces found in the picture. */
  faces: number
  /** The descriptor of the one face; null unless exactly one was found. */
  descriptor: number[] | null
  /** Time it took here (the recognition model's first load included), ms. */
  ms: number
}

/**
 * Describes the one face of a portrait (a stored photo, a new crop) for the same-person check.
 * The recognition model (6.4 MB) loads on first use, from the same folder as the others.
 */
export async function describeFace(image: ImageData): Promise<FaceDescription> {
  const started = performance.now()
  if (!info) throw new Error('initEngine first')
  recognition ??= faceapi.nets.faceRecognitionNet.loadFromUri(models).catch((error: unknown) => {
    recognition = null
    throw error
  })
  await recognition
  const pixels = tf.browser.fromPixels(image)
  // A face filling most of the picture (a close crop, a tilted head) is found more surely with a
  // grey margin around it: the detector's anchors are made for faces up to about half its input.
  const { width, height } = image
  const margin = Math.round(Math.max(width, height) / 4)
  const padded = tf.pad(
    pixels,
    [
      [margin, margin],
      [margin, margin],
      [0, 0],
    ],
    128,
  )
  try {
    for (const [input, inputSize] of [
      [pixels, 320],
      [pixels, 224],
      [padded, 320],
      [pixels, 416],
    ] as const) {
      const found = await faceapi
        .detectAllFaces(
          input,
          new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: 0.5 }),
        )
        .withFaceLandmarks(true)
        .withFaceDescriptors()
      if (!found.length) continue
      const descriptor = found.length === 1 ? Array.from(found[0]!.descriptor) : null
      return { faces: found.length, descriptor, ms: performance.now() - started }
    }
    return { faces: 0, descriptor: null, ms: performance.now() - started }
  } finally {
    pixels.dispose()
    padded.dispose()
  }
}

/** Loads both models from `modelUrl` (ending in '/') on the best backend, and warms up. */
export async function initEngine(
  modelUrl: string,
  backend: Backend | 'auto' = 'auto',
): Promise<EngineInfo> {
  if (info) return info
  models = modelUrl
  ensureEnvironment()
  const started = performance.now()
  const chosen = await useBackend(backend, modelUrl)
  await Promise.all([
    faceapi.nets.tinyFaceDetector.loadFromUri(modelUrl),
    faceapi.nets.faceLandmark68TinyNet.loadFromUri(modelUrl),
  ])
  const loadMs = performance.now() - started
  const warm = performance.now()
  const blank = new ImageData(64, 64)
  await detectFaces(blank)
  info = { backend: chosen, loadMs, warmupMs: performance.now() - warm }
  return info
}

/** Faces in an RGBA frame, in its pixels. */
export async function detectFaces(
  image: ImageData,
  options: DetectOptions = {},
): Promise<DetectedFace[]> {
  const input = tf.browser.fromPixels(image)
  try {
    const { width, height } = image
    const regions = options.regions ?? [
      { x: 0, y: 0, width, height, inputSize: options.inputSize ?? 320 },
    ]
    let faces: DetectedFace[] = []
    for (const region of regions) {
      const detectorOptions = new faceapi.TinyFaceDetectorOptions({
        inputSize: region.inputSize,
        scoreThreshold: options.scoreThreshold ?? 0.5,
      })
      const full = region.width >= width && region.height >= height
      const part = full
        ? input
        : tf.slice(input, [region.y, region.x, 0], [region.height, region.width, 3])
      try {
        for (const d of await faceapi.detectAllFaces(part, detectorOptions)) {
          const box = plainBox(d.box)
          box.x += region.x
          box.y += region.y
          if (!full && cutByTile(box, region, width, height)) continue
          faces.push({ box, score: d.score, landmarks: [] })
        }
      } finally {
        if (part !== input) part.dispose()
      }
    }
    if (regions.length > 1) faces = mergeFaces(faces)
    const mode = options.landmarks ?? 'best'
    if (mode === 'none' || !faces.length) return faces
    const which = mode === 'all' ? faces.map((_, i) => i) : [chooseFace(faces, width, height)]
    const crops = await faceapi.extractFaceTensors(
      input,
      which.map((i) => new faceapi.Rect(...rectArgs(faces[i]!.box, width, height))),
    )
    try {
      for (let k = 0; k < which.length; k++) {
        const face = faces[which[k]!]!
        const net = faceapi.nets.faceLandmark68TinyNet
        const marks = (await net.detectLandmarks(crops[k]!)) as faceapi.FaceLandmarks68
        // The net answers in the face crop's pixels: move them back into the frame.
        const [x, y] = rectArgs(face.box, width, height)
        const shifted = marks.shiftBy<faceapi.FaceLandmarks68>(x, y)
        face.landmarks = shifted.positions.map((p) => ({ x: p.x, y: p.y }))
      }
    } finally {
      for (const t of crops) t.dispose()
    }
    return faces
  } finally {
    input.dispose()
  }
}

/** A box clipped to the image, as extractFaceTensors cuts it (it clips the same way). */
function rectArgs(
  box: { x: number; y: number; width: number; height: number },
  width: number,
  height: number,
): [number, number, number, number] {
  const x = Math.max(0, box.x)
  const y = Math.max(0, box.y)
  return [x, y, Math.min(width, box.x + box.width) - x, Math.min(height, box.y + box.height) - y]
}

function plainBox(box: { x: number; y: number; width: number; height: number }) {
  return { x: box.x, y: box.y, width: box.width, height: box.height }
}
