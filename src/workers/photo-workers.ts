import { createPreparer, pagePreparer, type FilePreparer, type Preparer } from '@/batch/preparer.ts'
import {
  PhotoError,
  preparePhoto,
  type Crop,
  type PhotoSettings,
  type PreparedPhoto,
} from '@/photo/index.ts'
import type { PrepareResult } from '@/batch/prepare-file.ts'
import type { BatchWorkerApi, DeskAnswer, DeskWorkerApi } from './photo-api.ts'
import {
  WorkerClient,
  WorkerPool,
  WorkerStoppedError,
  WorkerUnavailableError,
  transfer,
} from './rpc.ts'

// The photo pipeline in workers: the desk's one worker, which keeps the picture between crop
// changes, and the batch's pool. Both fall back to the main thread where no worker can run, so
// a photo is always prepared.

/** Module Workers with OffscreenCanvas and its JPEG encoder: what the pipeline needs there. */
export function canPrepareInWorker(): boolean {
  return (
    typeof Worker !== 'undefined' &&
    typeof OffscreenCanvas !== 'undefined' &&
    typeof OffscreenCanvas.prototype.convertToBlob === 'function' &&
    typeof createImageBitmap === 'function'
  )
}

/** Workers to start: leave a core to the page, and never more than three. */
export function defaultWorkerCount(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2
  return Math.max(1, Math.min(3, cores - 1))
}

export interface PhotoWorkerOptions {
  /** Starts a worker; default the bundled entry (tests pass a stand-in). */
  createWorker?: () => Worker
  /** Skip workers: prepare on the main thread. Default: where the browser cannot run them. */
  mainThread?: boolean
}

const deskWorker = () =>
  new Worker(new URL('./desk-prepare.worker.ts', import.meta.url), { type: 'module' })

const batchWorker = () =>
  new Worker(new URL('./batch-prepare.worker.ts', import.meta.url), {
    type: 'module',
    name: 'photo-desk-prepare',
  })

const usesWorkers = (options: PhotoWorkerOptions) =>
  !options.mainThread && (options.createWorker !== undefined || canPrepareInWorker())

/**
 * Prepares the desk photo in a worker: the picture crosses once (a copy is transferred), crop
 * changes cross as numbers. On the main thread where no worker can run, and for a photo whose
 * worker stopped under it (the next one starts a new worker).
 */
export class DeskPreparer {
  private readonly worker: WorkerClient<DeskWorkerApi> | null
  /** The picture the worker holds, and which start of the worker holds it. */
  private sent: { picture: ImageBitmap; run: number } | null = null

  constructor(options: PhotoWorkerOptions = {}) {
    this.worker = usesWorkers(options)
      ? new WorkerClient({ name: 'desk photo', create: options.createWorker ?? deskWorker })
      : null
  }

  async prepare(
    source: ImageBitmap,
    crop: Crop,
    settings: Partial<PhotoSettings>,
  ): Promise<PreparedPhoto> {
    if (!this.worker?.available) return preparePhoto(source, crop, settings)
    // Plain copies: the store hands in reactive proxies, which cannot be cloned.
    const plainCrop: Crop = {
      x: crop.x,
      y: crop.y,
      width: crop.width,
      height: crop.height,
      rotation: crop.rotation,
    }
    const plainSettings = { ...settings }
    let answer: DeskAnswer
    try {
      answer = await this.worker.call(async (remote, run) => {
        if (this.sent?.picture !== source || this.sent.run !== run) {
          const copy = await createImageBitmap(source)
          await remote.setPicture(transfer(copy, [copy]))
          this.sent = { picture: source, run }
        }
        return remote.prepare(plainCrop, plainSettings)
      })
    } catch (error) {
      if (error instanceof WorkerUnavailableError || error instanceof WorkerStoppedError)
        return preparePhoto(source, crop, settings)
      throw error
    }
    if (answer.ok) return answer.photo
    const { reason, message, detail } = answer.failure
    throw new PhotoError(reason, message, detail)
  }

  /** Frees the worker's copy of the picture (the next prepare sends the picture again). */
  forget(): void {
    if (!this.sent) return
    this.sent = null
    void this.worker?.call((remote) => remote.forgetPicture()).catch(() => {})
  }

  /** Stops the worker; a later prepare starts a new one. */
  dispose(): void {
    this.sent = null
    this.worker?.terminate('the desk preparer was closed')
  }
}

/**
 * Prepares batch files in a pool of workers (`workers`, default defaultWorkerCount()), one file
 * per worker at a time; on the main thread, one at a time, where none can run, and for good once
 * one could not start.
 */
export function workerFilePreparer(
  options: PhotoWorkerOptions & { workers?: number } = {},
): FilePreparer {
  const page = pagePreparer()
  let pool: WorkerPool<BatchWorkerApi> | null = usesWorkers(options)
    ? new WorkerPool(
        { name: 'batch photo', create: options.createWorker ?? batchWorker },
        options.workers ?? defaultWorkerCount(),
      )
    : null
  return {
    get slots() {
      return pool ? pool.size : page.slots
    },
    get mode() {
      return pool ? 'worker' : 'main'
    },
    async prepareFile(file, request) {
      if (!pool) return page.prepareFile(file, request)
      try {
        return await pool.run<PrepareResult>((remote) => remote.prepareFile(file, request))
      } catch (error) {
        if (!(error instanceof WorkerUnavailableError)) throw error
        pool?.dispose()
        pool = null
        return page.prepareFile(file, request)
      }
    },
    dispose() {
      pool?.dispose()
      pool = null
    },
  }
}

/** The batch screen's preparer: face-aware focus on the page, files prepared in workers. */
export function createBatchPreparer(
  options: PhotoWorkerOptions & { workers?: number } = {},
): Preparer {
  return createPreparer(workerFilePreparer(options))
}
