// Prepares batch photos off the main thread: one file at a time (the pool sends one job per
// worker), with the desk's own pipeline on OffscreenCanvas.
import { prepareFile, type PrepareRequest, type PrepareResult } from '@/batch/prepare-file.ts'
import type { WorkerAnswer, WorkerJob } from '@/photo/worker-client.ts'

export type PrepareJob = PrepareRequest & { file: Blob }

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerJob<PrepareJob>>) => void) | null
  postMessage(message: WorkerAnswer<PrepareResult>): void
}

const scope = self as unknown as WorkerScope

scope.onmessage = async ({ data }) => {
  const { file, ...request } = data.request
  try {
    scope.postMessage({ id: data.id, result: await prepareFile(file, request) })
  } catch (error) {
    scope.postMessage({
      id: data.id,
      error: error instanceof Error ? error.message : String(error),
    })
  }
}
