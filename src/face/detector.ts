import type { Backend, DetectOptions, EngineInfo } from './engine.ts'
import type { FromWorker, ToWorker } from './protocol.ts'
import type { DetectedFace } from './types.ts'

// Loads the face detector on demand: a Worker holding face-api (so detection never blocks the
// page), or, where a module Worker cannot start, the same code on the main thread. The models
// come from the app's own origin (server/face-models.ts puts them there); nothing else is
// fetched. Importing this file costs nothing: face-api arrives only with loadFaceDetector().

export type { Backend, DetectOptions, EngineInfo } from './engine.ts'

/** The app's model folder, below its base URL (server/face-models.ts FACE_MODEL_PATH). */
export const DEFAULT_MODEL_URL = `${import.meta.env?.BASE_URL ?? '/'}models/face/`

export interface DetectResult {
  faces: DetectedFace[]
  /** Time the detection took where it ran (without the message round trip), ms. */
  ms: number
}

export interface FaceDetector {
  readonly where: 'worker' | 'main'
  readonly info: EngineInfo
  /** Faces in `image`, in its pixels. A worker detector takes the image's buffer (transfer). */
  detect(image: ImageData, options?: DetectOptions): Promise<DetectResult>
  dispose(): void
}

export interface LoadFaceDetectorOptions {
  /** Folder of the model files, ending in '/'. Default DEFAULT_MODEL_URL. */
  modelUrl?: string
  /** 'auto' tries WebGL, then the CPU. */
  backend?: Backend | 'auto'
  /** Run in a Worker (default: when the browser has Worker). */
  worker?: boolean
  /** Give up when loading takes longer (ms, default 30 s). */
  timeoutMs?: number
}

/** Why face guidance could not start. */
export class FaceModelError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FaceModelError'
  }
}

const DETECT_TIMEOUT_MS = 10_000

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new FaceModelError(`${what} took over ${ms} ms`)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}

/** Thrown when the Worker script itself cannot run (not when the models fail to load). */
class WorkerUnavailable extends Error {}

function startWorker(modelUrl: string, backend: Backend | 'auto'): Promise<FaceDetector> {
  let worker: Worker
  try {
    worker = new Worker(new URL('./face.worker.ts', import.meta.url), { type: 'module' })
  } catch (error) {
    return Promise.reject(new WorkerUnavailable(String(error)))
  }
  const pending = new Map<number, { resolve(r: DetectResult): void; reject(e: Error): void }>()
  let nextId = 1
  let info: EngineInfo | null = null
  let broken: Error | null = null

  function failAll(error: Error) {
    broken = error
    for (const p of pending.values()) p.reject(error)
    pending.clear()
  }

  return new Promise<FaceDetector>((resolve, reject) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault()
      const error = new FaceModelError(event.message || 'The face worker stopped')
      if (!info) reject(new WorkerUnavailable(error.message))
      failAll(error)
      worker.terminate()
    })
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      const message = event.data
      if (message.type === 'ready') {
        info = message.info
        resolve(detector(message.info))
      } else if (message.type === 'failed') {
        reject(new FaceModelError(message.message))
        worker.terminate()
      } else {
        const waiting = pending.get(message.id)
        pending.delete(message.id)
        if (message.type === 'result') waiting?.resolve({ faces: message.faces, ms: message.ms })
        else waiting?.reject(new FaceModelError(message.message))
      }
    })
    const init: ToWorker = { type: 'init', modelUrl, backend }
    worker.postMessage(init)
  })

  function detector(engineInfo: EngineInfo): FaceDetector {
    return {
      where: 'worker',
      info: engineInfo,
      detect(image, options = {}) {
        if (broken) return Promise.reject(broken)
        const id = nextId++
        const answer = new Promise<DetectResult>((resolve, reject) =>
          pending.set(id, { resolve, reject }),
        )
        const message: ToWorker = { type: 'detect', id, image, options }
        worker.postMessage(message, [image.data.buffer])
        return withTimeout(answer, DETECT_TIMEOUT_MS, 'A face detection').finally(() =>
          pending.delete(id),
        )
      },
      dispose() {
        failAll(new FaceModelError('The face detector was closed'))
        worker.terminate()
      },
    }
  }
}

async function startMainThread(modelUrl: string, backend: Backend | 'auto'): Promise<FaceDetector> {
  const engine = await import('./engine.ts')
  const info = await engine.initEngine(modelUrl, backend)
  return {
    where: 'main',
    info,
    async detect(image, options) {
      const started = performance.now()
      const faces = await engine.detectFaces(image, options)
      return { faces, ms: performance.now() - started }
    },
    dispose() {},
  }
}

/** Loads a new detector (most callers want the shared one: getFaceDetector). */
export async function loadFaceDetector(
  options: LoadFaceDetectorOptions = {},
): Promise<FaceDetector> {
  const modelUrl = options.modelUrl ?? DEFAULT_MODEL_URL
  const backend = options.backend ?? 'auto'
  const timeoutMs = options.timeoutMs ?? 30_000
  const wantWorker = options.worker ?? typeof Worker !== 'undefined'
  if (wantWorker) {
    try {
      return await withTimeout(startWorker(modelUrl, backend), timeoutMs, 'Loading the face models')
    } catch (error) {
      if (!(error instanceof WorkerUnavailable)) throw error
      // The Worker script could not run (old browser, blocked): same code on the page.
    }
  }
  return withTimeout(startMainThread(modelUrl, backend), timeoutMs, 'Loading the face models')
}

let shared: Promise<FaceDetector> | null = null

/**
 * The page's detector, loaded once on first use and shared by the live guide and the
 * crop of captured frames and files. A failed load is remembered (face guidance stays off
 * until resetFaceDetector()).
 */
export function getFaceDetector(options: LoadFaceDetectorOptions = {}): Promise<FaceDetector> {
  shared ??= loadFaceDetector(options)
  return shared
}

/** Forgets the shared detector (tests; or to try loading again after a failure). */
export function resetFaceDetector(): void {
  const old = shared
  shared = null
  old?.then(
    (d) => d.dispose(),
    () => {},
  )
}
