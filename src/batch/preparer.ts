import { decodeImage, inspectFile, type Crop, type CropFocus } from '@/photo/index.ts'
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
) => CropHint | FaceLook | null | undefined | Promise<CropHint | FaceLook | null | undefined>

/** What the face checks saw: how many faces, and the crop (null: the centred one). */
export interface FaceLook {
  faces: number
  crop: CropHint | null
}

/**
 * A prepared file and, when the face checks ran, how many faces they found; `focus` is where
 * its crop was made (null: the centred crop), for the crop editor of a held file.
 */
export type PreparedFile = PrepareResult & { faces?: number | null; focus?: RelativeFocus | null }

/**
 * Where files are prepared once their crop is decided (the focus is in the request): workers
 * (src/workers/photo-workers.ts) or the page (pagePreparer).
 */
export interface FilePreparer {
  /** How many files may be prepared at once (one per worker; one on the main thread). */
  readonly slots: number
  readonly mode: 'worker' | 'main'
  prepareFile(file: Blob, request: PrepareRequest): Promise<PrepareResult>
  dispose(): void
}

export interface Preparer {
  /** How many files may be prepared at once (one per worker; one on the main thread). */
  readonly slots: number
  readonly mode: 'worker' | 'main'
  prepare(file: Blob, request: PrepareRequest, cropFor?: CropFor | null): Promise<PreparedFile>
  dispose(): void
}

const FOCUS_PIXELS = 1_000_000

// Main-thread work yields between files so clicks and progress updates get through.
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** Prepares files on the main thread, one at a time. */
export function pagePreparer(): FilePreparer {
  return {
    slots: 1,
    mode: 'main',
    async prepareFile(file, request) {
      await yieldToPage()
      return prepareFile(file, request)
    },
    dispose() {},
  }
}

/**
 * The batch's preparer: finds the face-aware focus on the page (when asked), then has `files`
 * prepare the file.
 */
export function createPreparer(files: FilePreparer): Preparer {
  return {
    get slots() {
      return files.slots
    },
    get mode() {
      return files.mode
    },
    async prepare(file, request, cropFor) {
      // A crop given in the request (the supervisor's, from the crop editor) is kept as it is.
      const look = cropFor && !request.focus ? await lookAt(file, cropFor) : null
      const focus = look ? look.focus : (request.focus ?? null)
      const result = await files.prepareFile(file, { ...request, focus })
      if (look) return { ...result, faces: look.faces, focus }
      return focus ? { ...result, focus } : result
    },
    dispose() {
      files.dispose()
    },
  }
}

/** Runs the crop seam on a downscaled decode; any failure means the centred crop. */
export async function findFocus(file: Blob, cropFor: CropFor): Promise<RelativeFocus | null> {
  return (await lookAt(file, cropFor)).focus
}

/** The crop seam's focus, and its face count when it gives one (null: unknown). */
async function lookAt(
  file: Blob,
  cropFor: CropFor,
): Promise<{ focus: RelativeFocus | null; faces: number | null }> {
  try {
    // Refused files are not decoded here; the pipeline reports why.
    if (!(await inspectFile(file)).ok) return { focus: null, faces: null }
    const bitmap = await decodeImage(file, { maxPixels: FOCUS_PIXELS })
    try {
      const answer = await cropFor(bitmap)
      const look = answer && 'faces' in answer ? answer : null
      const hint = look ? look.crop : (answer as CropHint | null | undefined)
      return {
        focus: hint ? relativeFocus(hint, bitmap.width, bitmap.height) : null,
        faces: look ? look.faces : null,
      }
    } finally {
      bitmap.close()
    }
  } catch {
    return { focus: null, faces: null }
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
