import type { Backend, DetectOptions, EngineInfo } from './engine.ts'
import type { DetectedFace } from './types.ts'

// Messages between detector.ts (the page) and face.worker.ts. Types only: importing this file
// does not pull face-api in.

export type ToWorker =
  | { type: 'init'; modelUrl: string; backend: Backend | 'auto' }
  | { type: 'detect'; id: number; image: ImageData; options: DetectOptions }

export type FromWorker =
  | { type: 'ready'; info: EngineInfo }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; faces: DetectedFace[]; ms: number }
  | { type: 'error'; id: number; message: string }
