// What the photo workers answer: the contracts between the page (photo-workers.ts) and the
// worker entries (desk-prepare.worker.ts, batch-prepare.worker.ts). Types only.
import type { PrepareRequest, PrepareResult } from '@/batch/prepare-file.ts'
import type {
  Crop,
  PhotoErrorDetail,
  PhotoErrorReason,
  PhotoSettings,
  PreparedPhoto,
} from '@/photo/index.ts'

/** A PhotoError as plain data: Comlink would carry only its message across. */
export interface PhotoFailure {
  reason: PhotoErrorReason
  message: string
  detail: PhotoErrorDetail
}

export type DeskAnswer = { ok: true; photo: PreparedPhoto } | { ok: false; failure: PhotoFailure }

/** The desk's worker: keeps one picture, so a crop change crosses as numbers only. */
export interface DeskWorkerApi {
  /** Keeps `bitmap` (transferred, not copied) as the picture; closes the one before. */
  setPicture(bitmap: ImageBitmap): void
  /** Closes the picture it keeps. */
  forgetPicture(): void
  /** The device JPEG of the kept picture's `crop`. Throws when it keeps no picture. */
  prepare(crop: Crop, settings: Partial<PhotoSettings>): Promise<DeskAnswer>
}

/** A batch worker: one whole file at a time, decoded, cropped and encoded there. */
export interface BatchWorkerApi {
  prepareFile(file: Blob, request: PrepareRequest): Promise<PrepareResult>
}
