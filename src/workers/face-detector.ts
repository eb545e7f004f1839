import {
  DEFAULT_MODEL_URL,
  DETECT_TIMEOUT_MS,
  FaceModelError,
  loadPageDetector,
  withTimeout,
  type Backend,
  type EngineInfo,
  type FaceDetector,
} from '@/face/detector.ts'
import type { FaceWorkerApi } from './face-api.ts'
import {
  WorkerClient,
  WorkerStoppedError,
  WorkerUnavailableError,
  transfer,
  type Remote,
} from './rpc.ts'

// Loads the face detector on demand: a Worker holding face-api (so detection never blocks the
// page), or, where that worker cannot run, the same code on the main thread. The models come
// from the app's own origin (server/face-models.ts puts them there); nothing else is fetched.
// Importing this file costs nothing: face-api arrives only with loadFaceDetector().

export interface LoadFaceDetectorOptions {
  /** Folder of the model files, ending in '/'. Default DEFAULT_MODEL_URL. */
  modelUrl?: string
  /** 'auto' tries WebGL, then the CPU. */
  backend?: Backend | 'auto'
  /** Run in a Worker (default: when the browser has Worker). */
  worker?: boolean
  /** Give up when loading takes longer (ms, default 30 s). */
  timeoutMs?: number
  /** Starts the worker; default the bundled face.worker.ts (tests pass a stand-in). */
  createWorker?: () => Worker
}

const bundledWorker = () =>
  new Worker(new URL('./face.worker.ts', import.meta.url), { type: 'module' })

/** The worker could not run the detector at all: the page runs it instead. */
class NoWorker extends Error {}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))
const faceError = (error: unknown) =>
  error instanceof FaceModelError ? error : new FaceModelError(messageOf(error))

async function startWorker(
  modelUrl: string,
  backend: Backend | 'auto',
  create: () => Worker,
): Promise<FaceDetector> {
  const client = new WorkerClient<FaceWorkerApi>({ name: 'face', create })
  // Each start of the worker loads the models once: after a crash, the next detection starts a
  // new worker and loads them there first.
  let loaded: { run: number; info: Promise<EngineInfo> } | null = null
  const ready = (remote: Remote<FaceWorkerApi>, run: number) => {
    if (loaded?.run !== run) loaded = { run, info: remote.init(modelUrl, backend) }
    return loaded.info
  }
  let info: EngineInfo
  try {
    info = await client.call(ready)
  } catch (error) {
    client.terminate('its models did not load')
    // The script could not run, or died while loading (old browser, blocked): try the page.
    if (error instanceof WorkerUnavailableError || error instanceof WorkerStoppedError)
      throw new NoWorker(error.message)
    throw faceError(error)
  }
  let closed = false
  return {
    where: 'worker',
    info,
    detect(image, options = {}) {
      if (closed) return Promise.reject(new FaceModelError('The face detector was closed'))
      const answer = client.call(async (remote, run) => {
        await ready(remote, run)
        return remote.detect(transfer(image, [image.data.buffer]), options)
      })
      return withTimeout(
        answer.catch((error: unknown) => Promise.reject(faceError(error))),
        DETECT_TIMEOUT_MS,
        'A face detection',
      )
    },
    describe(image) {
      if (closed) return Promise.reject(new FaceModelError('The face detector was closed'))
      const answer = client.call(async (remote, run) => {
        await ready(remote, run)
        return remote.describe(transfer(image, [image.data.buffer]))
      })
      // The first call loads the 6.4 MB recognition model.
      return withTimeout(
        answer.catch((error: unknown) => Promise.reject(faceError(error))),
        DETECT_TIMEOUT_MS * 3,
        'Describing a face',
      )
    },
    dispose() {
      closed = true
      client.terminate('the face detector was closed')
    },
  }
}

/** Loads a new detector (most callers want the shared one: getFaceDetector). */
export async function loadFaceDetector(
  options: LoadFaceDetectorOptions = {},
): Promise<FaceDetector> {
  const modelUrl = options.modelUrl ?? DEFAULT_MODEL_URL
  const backend = options.backend ?? 'auto'
  const timeoutMs = options.timeoutMs ?? 30_000
  const wantWorker =
    options.worker ?? (options.createWorker !== undefined || typeof Worker !== 'undefined')
  if (wantWorker) {
    const create = options.createWorker ?? bundledWorker
    try {
      return await withTimeout(
        startWorker(modelUrl, backend, create),
        timeoutMs,
        'Loading the face models',
      )
    } catch (error) {
      if (!(error instanceof NoWorker)) throw error
    }
  }
  return withTimeout(loadPageDetector(modelUrl, backend), timeoutMs, 'Loading the face models')
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
