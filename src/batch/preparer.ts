import { decodeImage, inspectFile, type Crop, type CropFocus } from '@/photo/index.ts'
import {
  WorkerPool,
  WorkerUnavailableError,
  canPrepareInWorker,
  defaultWorkerCount,
} from '@/photo/worker-client.ts'
import type { PrepareJob } from '@/workers/prepare.worker.ts'
import {
  prepareFile,
  type PrepareRequest,
  type PrepareResult,
  type RelativeFocus,
} from './prepare-file.ts'

/** A crop (`x, y, width, height`) or a focus (`cx, cy, size?`), in the given bitmap's pixels. */
export type CropHint = CropFocus | Pick<Crop, 'x' | 'y' | 'width' | 'height'>

/**
 * The face-aware crop seam: given the decoded picture (upright, downscaled to about a
 * megapixel), the crop to make, in that bitmap's pixels; null or undefined for the centred
 * crop. The batch keeps the crop's centre and height and the settings' aspect. It runs on the
 * main thread, one file at a time; the bitmap is closed after it returns.
 */
export type CropFor = (
  bitmap: ImageBitmap,
) => CropHint | null | undefined | Promise<CropHint | null | undefined>

export interface Preparer {
  /** How many files may be prepared at once (one per worker; one on the main thread). */
  readonly slots: number
  readonly mode: 'worker' | 'main'
  prepare(file: Blob, request: PrepareRequest, cropFor?: CropFor | null): Promise<PrepareResult>
  dispose(): void
}

export interface PreparerOptions {
  workers?: number
  /** Skip the Worker (tests, or browsers that lack OffscreenCanvas). */
  mainThread?: boolean
  /** How to start a worker; the default is the bundled prepare.worker.ts. */
  createWorker?: () => Worker
}

const FOCUS_PIXELS = 1_000_000

function bundledWorker(): Worker {
  return new Worker(new URL('../workers/prepare.worker.ts', import.meta.url), {
    type: 'module',
    name: 'photo-desk-prepare',
  })
}

// Main-thread work yields between files so clicks and progress updates get through.
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/**
 * Prepares files in Workers where the browser can (module Worker + OffscreenCanvas), else on
 * the main thread one at a time; falls back to the main thread for good if a worker cannot load.
 */
export function createPreparer(options: PreparerOptions = {}): Preparer {
  const useWorkers = !options.mainThread && canPrepareInWorker()
  let pool: WorkerPool<PrepareJob, PrepareResult> | null = useWorkers
    ? new WorkerPool(options.createWorker ?? bundledWorker, options.workers ?? defaultWorkerCount())
    : null

  async function onMainThread(file: Blob, request: PrepareRequest): Promise<PrepareResult> {
    await yieldToPage()
    return prepareFile(file, request)
  }

  return {
    get slots() {
      return pool ? pool.size : 1
    },
    get mode() {
      return pool ? 'worker' : 'main'
    },
    async prepare(file, request, cropFor) {
      const focus = cropFor ? await findFocus(file, cropFor) : null
      const full: PrepareRequest = { ...request, focus }
      if (!pool) return onMainThread(file, full)
      try {
        return await pool.run({ ...full, file })
      } catch (error) {
        if (!(error instanceof WorkerUnavailableError)) throw error
        pool?.dispose()
        pool = null
        return onMainThread(file, full)
      }
    },
    dispose() {
      pool?.dispose()
      pool = null
    },
  }
}

/** Runs the crop seam on a downscaled decode; any failure means the centred crop. */
export async function findFocus(file: Blob, cropFor: CropFor): Promise<RelativeFocus | null> {
  try {
    // Refused files are not decoded here; the pipeline reports why.
    if (!(await inspectFile(file)).ok) return null
    const bitmap = await decodeImage(file, { maxPixels: FOCUS_PIXELS })
    try {
      const hint = await cropFor(bitmap)
      return hint ? relativeFocus(hint, bitmap.width, bitmap.height) : null
    } finally {
      bitmap.close()
    }
  } catch {
    return null
  }
}

/** A crop or focus in a `width` x `height` picture as fractions of it. */
export function relativeFocus(hint: CropHint, width: number, height: number): RelativeFocus {
  const focus: CropFocus =
    'cx' in hint
      ? hint
      : { cx: hint.x + hint.width / 2, cy: hint.y + hint.height / 2, size: hint.height }
  return {
    cx: focus.cx / width,
    cy: focus.cy / height,
    size: focus.size === undefined ? undefined : focus.size / height,
  }
}
