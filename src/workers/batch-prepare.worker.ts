// Prepares batch photos off the main thread: one file at a time (the pool sends one job per
// worker), with the desk's own pipeline on OffscreenCanvas.
import { prepareFile } from '@/batch/prepare-file.ts'
import type { BatchWorkerApi } from './photo-api.ts'
import { serveWorker } from './rpc.ts'

const api: BatchWorkerApi = { prepareFile }

serveWorker(api)
