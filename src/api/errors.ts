/** What went wrong, in the terms the UI explains to a person. */
export type ApiErrorKind =
  | 'session' // 401 / code "10": sign in again
  | 'credentials' // wrong login id or password
  | 'locked' // too many attempts
  | 'permission' // 403 / code "20"
  | 'not-found' // unknown user
  | 'rejected' // BioStar answered with a non-"0" code
  | 'unreachable' // no answer: network, proxy cannot reach BioStar
  | 'offline' // the browser itself is offline
  | 'tls' // the proxy refused BioStar's certificate
  | 'timeout'
  | 'server' // 5xx without a usable envelope
  | 'bad-response' // not JSON, HTML from a proxy, no Response envelope
  | 'aborted'

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
