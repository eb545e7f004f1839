// What the face worker answers: the contract between the page (face-detector.ts) and
// face.worker.ts. Types only: importing this file does not pull face-api in.
import type {
  Backend,
  DetectOptions,
  DetectResult,
  EngineInfo,
  FaceDescription,
} from '@/face/detector.ts'

export interface FaceWorkerApi {
  /** Loads the models and warms the engine up; again on a new worker. */
  init(modelUrl: string, backend: Backend | 'auto'): Promise<EngineInfo>
  /** Faces in `image` (its buffer is transferred), with the time detection took there. */
  detect(image: ImageData, options: DetectOptions): Promise<DetectResult>
  /** The one face of a portrait as a descriptor (the recognition model loads on first use). */
  describe(image: ImageData): Promise<FaceDescription>
}
