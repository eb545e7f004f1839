// Camera failures, one kind per fix the person in front of the screen can apply (field notes 1 and 3).
// Pure: no Vue, so the mapping is tested alone and shared by useCamera and the error help.

export type CameraErrorKind =
  'insecure' | 'unsupported' | 'denied' | 'not-found' | 'busy' | 'overconstrained' | 'unknown'

export interface CameraError {
  kind: CameraErrorKind
  /** insecure: the https:// address to open instead; overconstrained: the constraint; unknown: name and message. */
  detail?: string
}

/** Kinds where pressing "Try again" can help without reloading the page or changing the address. */
export const RETRYABLE: ReadonlySet<CameraErrorKind> = new Set([
  'denied',
  'not-found',
  'busy',
  'overconstrained',
  'unknown',
])

/** The name of a thrown DOMException / OverconstrainedError, including old Chrome and Firefox spellings. */
export function errorName(err: unknown): string {
  if (err && typeof err === 'object' && 'name' in err && typeof err.name === 'string')
    return err.name
  return ''
}

export function isOverconstrained(err: unknown): boolean {
  const name = errorName(err)
  return name === 'OverconstrainedError' || name === 'ConstraintNotSatisfiedError'
}

/** Maps whatever getUserMedia rejected with to the kind of fix the user needs. */
export function toCameraError(err: unknown): CameraError {
  const name = errorName(err)
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return { kind: 'denied' }
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return { kind: 'not-found' }
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return { kind: 'busy' }
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError': {
      const constraint = (err as { constraint?: unknown }).constraint
      return typeof constraint === 'string' && constraint
        ? { kind: 'overconstrained', detail: constraint }
        : { kind: 'overconstrained' }
    }
  }
  const message =
    err && typeof err === 'object' && 'message' in err ? String(err.message) : String(err)
  return { kind: 'unknown', detail: [name, message].filter(Boolean).join(': ') }
}

/** The address to open instead of an insecure one: same host and path, over HTTPS. */
export function secureAddress(location: Pick<Location, 'host' | 'pathname'>): string {
  return `https://${location.host}${location.pathname}`
}
