// Face detection off the main thread: the page sends downscaled RGBA frames, this answers with
// boxes and landmarks. The worker's bundle holds face-api and tfjs; it loads on first use.
import { describeFace, detectFaces, initEngine, type EngineInfo } from '@/face/engine.ts'
import type { FaceWorkerApi } from './face-api.ts'
import { serveWorker } from './rpc.ts'

let ready: Promise<EngineInfo> | null = null

const api: FaceWorkerApi = {
  init(modelUrl, backend) {
    ready ??= initEngine(modelUrl, backend)
    return ready
  },
  async detect(image, options) {
    const started = performance.now()
    const faces = await detectFaces(image, options)
    return { faces, ms: performance.now() - started }
  },
  describe(image) {
    return describeFace(image)
  },
}

serveWorker(api)
