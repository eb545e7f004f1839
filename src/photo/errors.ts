/** Why a step of the pipeline failed after intake; each becomes a translated message. */
export type PhotoErrorReason = 'decode-failed' | 'render-failed' | 'encode-failed' | 'over-budget'

/** Numbers a message can quote (sizes, budgets). */
export interface PhotoErrorDetail {
  bytes?: number
  maxBytes?: number
  width?: number
  height?: number
  attempts?: number
}

/** A typed pipeline failure: switch on `reason`, never on the message. */
export class PhotoError extends Error {
  readonly reason: PhotoErrorReason
  readonly detail: PhotoErrorDetail

  constructor(
    reason: PhotoErrorReason,
    message: string,
    detail: PhotoErrorDetail = {},
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = 'PhotoError'
    this.reason = reason
    this.detail = detail
  }
}

/** Whether `error` is a PhotoError, optionally of one reason. */
export function isPhotoError(error: unknown, reason?: PhotoErrorReason): error is PhotoError {
  return error instanceof PhotoError && (reason === undefined || error.reason === reason)
}
