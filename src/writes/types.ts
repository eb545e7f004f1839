import type { ErrorData } from '@/api/errors.ts'

// The one write path: every change of a user's photo (desk save, remove, undo, offline resend,
// batch import, Visual Face attach) is a write. Types only; the engine is photo-writes.ts.

/** Who made a write: only that operator, on that server, ever sends it. */
export interface WriteOwner {
  /** BioStar login id: stable, unlike the session id. */
  loginId: string
  /** Where /api was (apiLocation()), '' if unknown. */
  server: string
  /** Display name, for the screen only. */
  name: string
}

/**
 * save, remove, undo: the desk. batch: batch import. visual-face: upload_picture and attach
 * (the user's credentials, not the profile photo: it never supersedes a photo, nor is superseded).
 * review-fix, review-restore: the photo review's "Make device-safe" and "Restore originals".
 */
export type WriteKind =
  'save' | 'remove' | 'undo' | 'batch' | 'visual-face' | 'review-fix' | 'review-restore'

/**
 * What the write puts on the user: JPEG bytes (made base64 only when sent), base64 that came
 * from BioStar (undo puts the old photo back), or nothing (remove).
 */
export type WritePhoto = { blob: Blob } | { base64: string } | null

export interface WriteRequest {
  userId: string
  /** The user's name, for the screen and the session log. */
  name: string
  kind: WriteKind
  photo: WritePhoto
  /** JPEG size, for the screen and the log. */
  bytes?: number
  owner: WriteOwner
  /**
   * Kept in IndexedDB from the start and sent again by itself until BioStar has it (the desk).
   * A write that is not durable gets one attempt (the client's own retries included) and its
   * caller keeps its state (a batch row, the Visual Face status).
   */
  durable: boolean
  /** For the session log: the live face checks of the picture, a batch file name. */
  checks?: string[]
  message?: string
  /** The caller's cancel: a write not yet sent never goes, one on its way is aborted (it then
   * ends 'aborted'): the batch's "Clear list" and sign-out. */
  signal?: AbortSignal
}

/**
 * queued: waits for its turn (a write of the same user is on its way, or its operator is not
 * signed in here). sending: on its way. waiting: no answer, BioStar busy or offline; it is sent
 * again by itself. The rest are final: stored; refused (BioStar said no: its operator tries
 * again or discards it); failed (a one-attempt write that did not go); superseded (a newer
 * photo of the same user was stored first: never sent); discarded (deleted unsent on purpose);
 * aborted (its operator signed out while it was on its way).
 */
export type WriteState =
  | 'queued'
  | 'sending'
  | 'waiting'
  | 'stored'
  | 'refused'
  | 'failed'
  | 'superseded'
  | 'discarded'
  | 'aborted'

export const FINAL_STATES: ReadonlySet<WriteState> = new Set([
  'stored',
  'failed',
  'superseded',
  'discarded',
  'aborted',
])

/** A write as the screen shows it (no photo bytes). */
export interface WriteStatus {
  id: string
  /** Order of making, across reloads: a newer write of a user has a larger seq. */
  seq: number
  userId: string
  name: string
  kind: WriteKind
  /** null only for writes an older version stored without saying whose they are. */
  owner: WriteOwner | null
  bytes?: number
  createdAt: number
  state: WriteState
  attempts: number
  /** It could not go at once (offline, BioStar busy): it waits on this device. */
  waited: boolean
  /** Why it waits, was refused or failed. */
  error?: ErrorData
  /** When a waiting write is tried again (ms since 1970). */
  nextTryAt?: number
}

/** How a write ended; `result` is what the send answered (Visual Face: the checked picture). */
export interface WriteOutcome {
  state: Exclude<WriteState, 'queued' | 'sending' | 'waiting'>
  error?: unknown
  result?: unknown
}

export interface WriteHandle {
  id: string
  /**
   * Settles when the write is final, or refused. A durable write that waits (offline) settles
   * only then; watch its status for the steps in between.
   */
  done: Promise<WriteOutcome>
}

/** The one write path as its callers see it. */
export interface PhotoWriter {
  submit(request: WriteRequest): WriteHandle
}
