// The face-api side of detection. This module imports @vladmandic/face-api (tfjs inside,
// 1.3 MB), so it is only ever reached through src/workers/face.worker.ts or a dynamic import().
import * as faceapi from '@vladmandic/face-api'
import { chooseFace } from './crop.ts'
import type { DetectedFace } from './types.ts'

export type Backend = 'webgl' | 'cpu'

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

/**
 * WebGL when the device has a GPU, else tfjs's CPU backend. No WASM: it needs the
 * 'wasm-unsafe-eval' CSP source and binaries this package does not ship.
 */
async function useBackend(preferred: Backend | 'auto'): Promise<Backend> {
  const order: Backend[] = preferred === 'cpu' ? ['cpu'] : ['webgl', 'cpu']
  for (const name of order) {
    try {
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

/** Loads both models from `modelUrl` (ending in '/') on the best backend, and warms up. */
export async function initEngine(
  modelUrl: string,
  backend: Backend | 'auto' = 'auto',
): Promise<EngineInfo> {
  if (info) return info
  ensureEnvironment()
  const started = performance.now()
  const chosen = await useBackend(backend)
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
    const detectorOptions = new faceapi.TinyFaceDetectorOptions({
      inputSize: options.inputSize ?? 320,
      scoreThreshold: options.scoreThreshold ?? 0.5,
    })
    const found = await faceapi.detectAllFaces(input, detectorOptions)
    const faces: DetectedFace[] = found.map((d) => ({
      box: plainBox(d.box),
      score: d.score,
      landmarks: [],
    }))
    const mode = options.landmarks ?? 'best'
    if (mode === 'none' || !faces.length) return faces
    const which =
      mode === 'all' ? faces.map((_, i) => i) : [chooseFace(faces, image.width, image.height)]
    const crops = await faceapi.extractFaceTensors(
      input,
      which.map((i) => found[i]!),
    )
    try {
      for (let k = 0; k < which.length; k++) {
        const i = which[k]!
        const net = faceapi.nets.faceLandmark68TinyNet
        const marks = (await net.detectLandmarks(crops[k]!)) as faceapi.FaceLandmarks68
        // The net answers in the face crop's pixels: move them back into the frame.
        const shifted = marks.shiftBy<faceapi.FaceLandmarks68>(found[i]!.box.x, found[i]!.box.y)
        faces[i]!.landmarks = shifted.positions.map((p) => ({ x: p.x, y: p.y }))
      }
    } finally {
      for (const t of crops) t.dispose()
    }
    return faces
  } finally {
    input.dispose()
  }
}

function plainBox(box: { x: number; y: number; width: number; height: number }) {
  return { x: box.x, y: box.y, width: box.width, height: box.height }
}
