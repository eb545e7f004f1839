/** What went wrong, in the terms the UI explains to a person. */
export type ApiErrorKind =
  | 'session' // 401 / code "10": sign in again
  | 'credentials' // wrong login id or password
  | 'locked' // too many attempts
  | 'permission' // 403 / code "20"
  | 'not-found' // unknown user
  | 'rejected' // BioStar answered with a non-"0" code
  | 'unreachable' // no answer: network, proxy cannot reach BioStar
  | 'refused' // the proxy would not send the request to BioStar (not a plain /api/ path)
  | 'offline' // the browser itself is offline
  | 'tls' // the proxy refused BioStar's certificate
  | 'timeout'
  | 'server' // 5xx without a usable envelope
  | 'bad-response' // not JSON, HTML from a proxy, no Response envelope
  | 'aborted'
  | 'invalid-id' // a user id no BioStar user can have: refused before any request

export interface ApiErrorInit {
  kind: ApiErrorKind
  status?: number
  code?: string
  serverMessage?: string
  /** The BioStar address, when a proxy error named it. */
  server?: string
}

/** The single error type of the API layer: HTTP status, BioStar's code and message. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind
  readonly status?: number
  readonly code?: string
  readonly serverMessage?: string
  readonly server?: string

  constructor(init: ApiErrorInit) {
    super(init.serverMessage || init.kind)
    this.name = 'ApiError'
    this.kind = init.kind
    this.status = init.status
    this.code = init.code
    this.serverMessage = init.serverMessage
    this.server = init.server
  }

  /** Worth sending again unchanged: the request may never have reached BioStar. */
  get transient(): boolean {
    return (
      this.kind === 'unreachable' ||
      this.kind === 'timeout' ||
      this.kind === 'offline' ||
      (this.kind === 'server' && [502, 503, 504].includes(this.status ?? 0))
    )
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError
}

/**
 * An error as plain data: what can be kept in IndexedDB or sessionStorage and explained later,
 * in the language of whoever reads it. An ApiError keeps its fields; anything else its message.
 */
export type ErrorData = ApiErrorInit | { kind: 'other'; message: string }

const KINDS = new Set<string>([
  'session',
  'credentials',
  'locked',
  'permission',
  'not-found',
  'rejected',
  'unreachable',
  'refused',
  'offline',
  'tls',
  'timeout',
  'server',
  'bad-response',
  'aborted',
  'invalid-id',
])

/** An ApiError's fields as plain data. */
export function apiErrorData(error: ApiError): ApiErrorInit {
  const data: ApiErrorInit = { kind: error.kind }
  if (error.status !== undefined) data.status = error.status
  if (error.code !== undefined) data.code = error.code
  if (error.serverMessage !== undefined) data.serverMessage = error.serverMessage
  if (error.server !== undefined) data.server = error.server
  return data
}

/** Whatever was thrown, as plain data (undefined for nothing thrown). */
export function toErrorData(error: unknown): ErrorData | undefined {
  if (error === undefined || error === null) return undefined
  if (error instanceof ApiError) return apiErrorData(error)
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) }
}

/** Stored error data read back; damaged data becomes an 'other' error with no message. */
export function readErrorData(value: unknown): ErrorData {
  const r = value as Record<string, unknown> | null | undefined
  if (!r || typeof r.kind !== 'string' || (r.kind !== 'other' && !KINDS.has(r.kind)))
    return { kind: 'other', message: '' }
  if (r.kind === 'other')
    return { kind: 'other', message: typeof r.message === 'string' ? r.message : '' }
  const data: ApiErrorInit = { kind: r.kind as ApiErrorKind }
  if (typeof r.status === 'number') data.status = r.status
  for (const field of ['code', 'serverMessage', 'server'] as const) {
    const text = r[field]
    if (typeof text === 'string') data[field] = text
  }
  return data
}

/** Error data as an error again, for describeError. */
export function fromErrorData(data: ErrorData): Error {
  return data.kind === 'other' ? new Error(data.message) : new ApiError(data)
}
