import { ApiError, fromErrorData, readErrorData, toErrorData } from '@/api/errors.ts'
import type { WriteOutcome, WriteOwner, WriteRequest } from '@/writes/types.ts'
import { problemOf } from './prepare-file.ts'
import type { BatchRow, RowProblem } from './rows.ts'

// One row's upload as the write path sees it, and what its outcome makes of the row.

/**
 * The write for a row's prepared JPEG: one attempt (not durable: the row keeps its own state and
 * survives a reload in the batch queue), base64 made by the writer only when it sends.
 */
export function batchWrite(
  row: BatchRow,
  userId: string,
  jpeg: Blob,
  owner: WriteOwner,
  signal: AbortSignal,
): WriteRequest {
  return {
    userId,
    name: row.name,
    kind: 'batch',
    photo: { blob: jpeg },
    bytes: row.bytes ?? jpeg.size,
    owner,
    durable: false,
    message: row.file,
    signal,
  }
}

/** A failed check or upload as plain data: BioStar's answer, or what else went wrong. */
export function requestProblem(error: unknown): RowProblem {
  const data = error instanceof ApiError ? toErrorData(error) : undefined
  return data ? { kind: 'api', error: data } : problemOf(error)
}

/** What a row becomes when its write ends. */
export type UploadEnd =
  | { upload: 'saved' }
  /** A newer photo of the user was stored first: this one was never sent. */
  | { upload: 'superseded' }
  /** Stopped on its way (sign-out, "Clear list"): not sent, it goes with the next run. */
  | { upload: 'idle' }
  /** Deleted unsent on purpose: not sent until "Upload all". */
  | { upload: 'cancelled' }
  /** `halt`: no write would go through (no permission): the run stops and says why. */
  | { upload: 'failed'; problem: RowProblem; halt: boolean }

export function uploadEnd(outcome: WriteOutcome): UploadEnd {
  switch (outcome.state) {
    case 'stored':
      return { upload: 'saved' }
    case 'superseded':
      return { upload: 'superseded' }
    case 'aborted':
      return { upload: 'idle' }
    case 'discarded':
      return { upload: 'cancelled' }
    case 'failed':
    case 'refused': {
      const problem = requestProblem(asError(outcome.error))
      if (problem.kind !== 'api') return { upload: 'failed', problem, halt: false }
      if (problem.error.kind === 'aborted') return { upload: 'idle' }
      return { upload: 'failed', problem, halt: problem.error.kind === 'permission' }
    }
  }
}

/** An outcome's error may be the error thrown or, for a write read back from disk, its data. */
function asError(error: unknown): unknown {
  if (error instanceof Error || error === null || typeof error !== 'object') return error
  return 'kind' in error ? fromErrorData(readErrorData(error)) : error
}
