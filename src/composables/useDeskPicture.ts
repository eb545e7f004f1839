import { ref, shallowRef } from 'vue'
import {
  base64ToBlob,
  decodeImage,
  initialCrop,
  type Crop,
  type PhotoSettings,
  type PreparedPhoto,
} from '@/photo/index.ts'
import { safeAutoCrop, type FaceCropResult } from '@/face/index.ts'
import { DeskPreparer } from '@/workers/photo-workers.ts'
import { getFaceDetector } from '@/workers/face-detector.ts'

/** A save waits this long for a face-aware crop still running, then keeps the crop it has. */
export const FACE_CROP_WAIT_MS = 15_000

export interface DeskPictureOptions {
  /** The photo settings of the moment (aspect, size, byte budget). */
  settings(): Pick<PhotoSettings, 'aspect' | 'maxSide' | 'maxBytes'>
  /** Whether to look for the face in a new picture. */
  faceGuide(): boolean
}

/**
 * The picture on the desk: taken or picked, its crop (moved to the face when one is found,
 * unless the clerk moved it first) and its device JPEG, prepared in the desk's worker. `ready()`
 * resolves once the face-aware crop and the JPEG are both done for the picture on the desk.
 */
export function useDeskPicture(options: DeskPictureOptions) {
  const source = shallowRef<ImageBitmap | null>(null)
  const sourceKind = ref<'camera' | 'file' | null>(null)
  const crop = ref<Crop | null>(null)
  const prepared = shallowRef<PreparedPhoto | null>(null)
  const preparing = ref(false)
  const prepareError = ref<unknown>(null)
  /** The live checks when the picture was taken (checksForLog lines), for the session log. */
  const checks = ref<string[] | null>(null)
  /** The face-aware crop: still looking, and what it found. */
  const findingFace = ref(false)
  const faceCropResult = shallowRef<FaceCropResult | null>(null)

  // One worker for the desk, kept for the session: starting it costs more than a prepare.
  const preparer = new DeskPreparer()
  let faceCropping: Promise<void> | null = null
  let running: Promise<void> | null = null
  let again = false
  let token = 0

  function discard() {
    token++
    source.value?.close()
    source.value = null
    sourceKind.value = null
    crop.value = null
    prepared.value = null
    prepareError.value = null
    preparing.value = false
    checks.value = null
    findingFace.value = false
    faceCropResult.value = null
    faceCropping = null
  }

  /** A new picture: the crop from `focus` (the live guide's face) or centred, then the JPEG. */
  function start(bitmap: ImageBitmap, kind: 'camera' | 'file', focus?: Crop) {
    discard()
    source.value = bitmap
    sourceKind.value = kind
    crop.value = focus ?? initialCrop(bitmap.width, bitmap.height, options.settings().aspect)
    return prepare()
  }

  function setCrop(next: Crop) {
    crop.value = next
    void prepare()
  }

  /** A stored photo (BioStar's base64) decoded; null, with the error shown, when it cannot be. */
  async function decodeStored(photo: string): Promise<ImageBitmap | null> {
    try {
      return await decodeImage(base64ToBlob(photo))
    } catch (error) {
      prepareError.value = error
      return null
    }
  }

  /** Looks for the face in the picture and moves the crop to it, unless the clerk already did. */
  function findFace(bitmap: ImageBitmap) {
    if (!options.faceGuide()) return
    const untouched = crop.value
    findingFace.value = true
    const work = (async () => {
      const result = await safeAutoCrop(getFaceDetector, bitmap, options.settings().aspect, {
        timeoutMs: FACE_CROP_WAIT_MS,
      })
      if (source.value !== bitmap) return
      faceCropResult.value = result
      if (result && result.reason !== 'no-face' && crop.value === untouched) {
        crop.value = result.crop
        await prepare()
      }
    })().finally(() => {
      if (source.value === bitmap) findingFace.value = false
      if (faceCropping === work) faceCropping = null
    })
    faceCropping = work
  }

  /** Whether the face-aware crop is still running for the picture on the desk. */
  const lookingForFace = () => faceCropping !== null
  /** Resolves once the face-aware crop is done (at once when none is running). */
  const faceDone = () => faceCropping ?? Promise.resolve()

  /** Resolves once the face-aware crop and the JPEG of the picture on the desk are done. */
  async function ready(): Promise<void> {
    await faceDone()
    await running
  }

  // Crop drags fire many times a second and each encode takes tens of ms: run one at a time
  // and, when more changes arrived meanwhile, once more with the latest crop.
  function prepare(): Promise<void> {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      do {
        again = false
        await prepareOnce()
      } while (again)
    })().finally(() => (running = null))
    return running
  }

  async function prepareOnce() {
    const bitmap = source.value
    const area = crop.value
    if (!bitmap || !area) return
    const mine = ++token
    preparing.value = true
    prepareError.value = null
    try {
      const { maxSide, maxBytes } = options.settings()
      const result = await preparer.prepare(bitmap, area, {
        aspect: area.width / area.height,
        maxSide,
        maxBytes,
      })
      if (mine === token) prepared.value = result
    } catch (error) {
      if (mine === token) {
        prepared.value = null
        prepareError.value = error
      }
    } finally {
      if (mine === token) preparing.value = false
    }
  }

  return {
    source,
    sourceKind,
    crop,
    prepared,
    preparing,
    prepareError,
    checks,
    findingFace,
    faceCropResult,
    start,
    decodeStored,
    discard,
    setCrop,
    findFace,
    lookingForFace,
    faceDone,
    ready,
  }
}
