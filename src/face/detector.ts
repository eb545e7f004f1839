import type { Backend, DetectOptions, EngineInfo, FaceDescription } from './engine.ts'
import type { DetectedFace } from './types.ts'

// The face detector's contract and its main-thread form. The worker that runs it off the page,
// and the choice between the two, live in src/workers/face-detector.ts. Importing this file
// costs nothing: face-api arrives only with loadPageDetector()'s dynamic import.

export type { Backend, DetectOptions, EngineInfo, FaceDescription } from './engine.ts'

/** The app's model folder, below its base URL (server/face-models.ts FACE_MODEL_PATH). */
export const DEFAULT_MODEL_URL = `${import.meta.env?.BASE_URL ?? '/'}models/face/`

/** How long one detection may take before it counts as failed, ms. */
export const DETECT_TIMEOUT_MS = 10_000

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
  /**
   * The one face of a portrait as 128 numbers, for the same-person check (src/face/match.ts);
   * the recognition model loads on the first call. Takes the image's buffer like detect.
   */
  describe(image: ImageData): Promise<FaceDescription>
  dispose(): void
}

/** Why face guidance could not start. */
export class FaceModelError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FaceModelError'
  }
}

/** `promise`, or a FaceModelError "`what` took over `ms` ms" if it takes longer. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
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

/** The detector on the page itself: where no worker can run it. */
export async function loadPageDetector(
  modelUrl: string,
  backend: Backend | 'auto',
): Promise<FaceDetector> {
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
    describe: (image) => engine.describeFace(image),
    dispose() {},
  }
}
