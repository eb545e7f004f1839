import type { DeskAnswer, DeskRequest } from '../workers/desk-prepare.worker.ts'
import type { Crop } from './crop.ts'
import { PhotoError, type PhotoErrorReason } from './errors.ts'
import { preparePhoto, type PreparedPhoto } from './prepare.ts'
import type { PhotoSettings } from './settings.ts'

/**
 * Prepares the desk photo in a module Worker with OffscreenCanvas, where there is one; the
 * picture crosses once (a copy is transferred), crop changes cross as numbers. Falls back to
 * the main thread when no worker can run, so a photo is always prepared.
 */
export class DeskPreparer {
  private worker: Worker | null = null
  private broken = !(typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined')
  private sent: ImageBitmap | null = null
  private nextId = 1
  private waiting = new Map<number, { resolve(p: PreparedPhoto): void; reject(e: Error): void }>()

  async prepare(
    source: ImageBitmap,
    crop: Crop,
    settings: Partial<PhotoSettings>,
  ): Promise<PreparedPhoto> {
    const worker = this.broken ? null : this.start()
    if (!worker) return preparePhoto(source, crop, settings)
    if (this.sent !== source) {
      const copy = await createImageBitmap(source)
      worker.postMessage({ type: 'source', bitmap: copy } satisfies DeskRequest, [copy])
      this.sent = source
    }
    const id = this.nextId++
    return new Promise<PreparedPhoto>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      // Plain copies: the store hands in reactive proxies, which cannot be cloned.
      const plainCrop = {
        x: crop.x,
        y: crop.y,
        width: crop.width,
        height: crop.height,
        rotation: crop.rotation,
      }
      worker.postMessage({
        type: 'prepare',
        id,
        crop: plainCrop,
        settings: { ...settings },
      } satisfies DeskRequest)
    }).catch((error: unknown) => {
      if (error instanceof WorkerGone) return preparePhoto(source, crop, settings)
      throw error
    })
  }

  private start(): Worker | null {
    if (this.worker) return this.worker
    try {
      const worker = new Worker(new URL('../workers/desk-prepare.worker.ts', import.meta.url), {
        type: 'module',
      })
      worker.onmessage = ({ data }: MessageEvent<DeskAnswer | { type: 'ready' }>) => {
        if ('type' in data) return
        const job = this.waiting.get(data.id)
        this.waiting.delete(data.id)
        if (!job) return
        if ('result' in data) job.resolve(data.result)
        else if (data.error.reason)
          job.reject(
            new PhotoError(
              data.error.reason as PhotoErrorReason,
              data.error.message,
              data.error.detail,
            ),
          )
        else job.reject(new Error(data.error.message))
      }
      // A worker that cannot load (old browser, blocked script): every waiting job goes to the
      // main thread, and so does every later one.
      worker.onerror = () => this.fail()
      this.worker = worker
      return worker
    } catch {
      this.broken = true
      return null
    }
  }

  private fail() {
    this.broken = true
    this.worker?.terminate()
    this.worker = null
    this.sent = null
    for (const job of this.waiting.values()) job.reject(new WorkerGone())
    this.waiting.clear()
  }

  /** Frees the worker's copy of the picture (the next prepare sends its own). */
  forget() {
    this.sent = null
  }
}

class WorkerGone extends Error {}
