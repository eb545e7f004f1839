import { ofetch, type FetchResponse } from 'ofetch'
import { ApiError, type ApiErrorKind } from './errors.ts'
import { str } from './parse.ts'
import type { RawReply } from './types.ts'

export const SESSION_HEADER = 'bs-session-id'
const RETRY_STATUSES = new Set([502, 503, 504])

export interface ClientConfig {
  /** Where /api lives: same origin in the app; the simulator's URL in integration tests. */
  baseURL: string
  /** Per-attempt timeout (ms). */
  timeoutMs: number
  /** Attempts for idempotent calls (GET, PUT) on network errors and 502/503/504. */
  maxTries: number
  /** First backoff delay (ms); doubles per retry, with jitter. */
  retryBaseMs: number
}

export const clientConfig: ClientConfig = {
  baseURL: '/api',
  timeoutMs: 20_000,
  maxTries: 3,
  retryBaseMs: 600,
}

export type ClientEvent =
  | { type: 'retry'; path: string; attempt: number; maxTries: number; error: ApiError }
  | { type: 'ok'; path: string }
  | { type: 'failed'; path: string; error: ApiError }

type Listener = (event: ClientEvent) => void
const listeners = new Set<Listener>()
let sessionId: string | null = null
/** Who the session belongs to (login id): a call never goes out under someone else's. */
let sessionOwner: string | null = null
let onSessionExpired: (() => Promise<boolean>) | null = null
let reauthInFlight: Promise<boolean> | null = null

/** Subscribes to retries and recoveries, e.g. to show "Retrying..." or "Server unreachable". */
export function onClientEvent(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function emit(event: ClientEvent) {
  for (const listener of listeners) listener(event)
}

/**
 * Where /api lives, as an absolute URL without a trailing slash ('' when it cannot be told):
 * with the login id, it says whose saves are whose on this browser.
 */
export function apiLocation(): string {
  try {
    const base = typeof location === 'undefined' ? undefined : location.href
    return new URL(clientConfig.baseURL, base).href.replace(/\/+$/, '')
  } catch {
    return ''
  }
}

/** The session sent with every call, and whose it is (the operator's login id). */
export function setSessionId(id: string | null, owner: string | null = null) {
  sessionId = id
  sessionOwner = id === null ? null : owner
}

/** Called on 401 / code "10"; resolves true once the operator has signed in again. */
export function setSessionExpiredHandler(handler: (() => Promise<boolean>) | null) {
  onSessionExpired = handler
}

// One ofetch instance for the whole app. Retries are ours (see request()): ofetch cannot tell a
// dropped connection from a real 500, and the UI needs to know a retry is under way.
const api = ofetch.create({
  retry: false,
  ignoreResponseError: true,
  onRequest({ options }) {
    options.headers.set('accept', 'application/json')
    // A call may name its own session (ending an old one); every other call sends the current one.
    if (sessionId && !options.headers.has(SESSION_HEADER))
      options.headers.set(SESSION_HEADER, sessionId)
  },
})

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT'
  body?: unknown
  query?: Record<string, string | number | undefined>
  signal?: AbortSignal
  /** Send again after a new sign-in when the session expired (default true). */
  reauth?: boolean
  /** Override the retry policy; POST is never retried unless asked. */
  maxTries?: number
  /** Send with this session instead of the current one (logging out a session left behind). */
  sessionId?: string
}

/**
 * The proxy's own answers (server/proxy-errors.ts, deploy/nginx.conf), by X-Photo-Desk-Proxy-Error.
 * A refusal never reached BioStar and is not worth retrying; anything unknown counts as unreachable.
 */
const PROXY_KINDS: ReadonlyMap<string, ApiErrorKind> = new Map([
  ['unreachable', 'unreachable'],
  ['tls', 'tls'],
  ['timeout', 'timeout'],
  ['refused', 'refused'],
])

function isJsonObject(value: unknown): value is RawReply {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Turns any reply into data or an ApiError. Success is Response.code "0", never status alone. */
export function judge(response: FetchResponse<unknown>, requireEnvelope = true): RawReply {
  const status = response.status
  const data = response._data
  const proxyKind = response.headers.get('x-photo-desk-proxy-error')
  if (!isJsonObject(data)) {
    if (status === 401) throw new ApiError({ kind: 'session', status })
    if (status === 403) throw new ApiError({ kind: 'permission', status })
    throw new ApiError({ kind: status >= 500 ? 'server' : 'bad-response', status })
  }
  const envelope = data.Response
  const code = envelope ? str(envelope.code) : undefined
  const serverMessage = envelope ? str(envelope.message) : undefined
  if (proxyKind) {
    const proxy = data.proxy as { server?: string } | undefined
    const kind = PROXY_KINDS.get(proxyKind) ?? 'unreachable'
    throw new ApiError({ kind, status, code, serverMessage, server: proxy?.server })
  }
  if (status === 401 || code === '10')
    throw new ApiError({ kind: 'session', status, code, serverMessage })
  if (status === 403 || code === '20')
    throw new ApiError({ kind: 'permission', status, code, serverMessage })
  if (code === undefined) {
    if (status >= 500) throw new ApiError({ kind: 'server', status })
    if (requireEnvelope || status >= 400) throw new ApiError({ kind: 'bad-response', status })
    return data
  }
  if (code !== '0') {
    const kind = status >= 500 && status !== 500 ? 'server' : 'rejected'
    throw new ApiError({ kind, status, code, serverMessage })
  }
  return data
}

function networkError(error: unknown, signal?: AbortSignal): ApiError {
  const name = (error as { name?: string } | null)?.name
  if (signal?.aborted) return new ApiError({ kind: 'aborted' })
  if (name === 'TimeoutError') return new ApiError({ kind: 'timeout' })
  if (typeof navigator !== 'undefined' && navigator.onLine === false)
    return new ApiError({ kind: 'offline' })
  return new ApiError({ kind: 'unreachable' })
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(new ApiError({ kind: 'aborted' }))
    })
  })
}

async function once(path: string, opts: RequestOptions): Promise<FetchResponse<unknown>> {
  const timeout = AbortSignal.timeout(clientConfig.timeoutMs)
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout
  try {
    return await api.raw(path, {
      baseURL: clientConfig.baseURL,
      method: opts.method ?? 'GET',
      body: opts.body as BodyInit,
      query: opts.query,
      headers: opts.sessionId ? { [SESSION_HEADER]: opts.sessionId } : undefined,
      signal,
    })
  } catch (error) {
    if (timeout.aborted && !opts.signal?.aborted) throw new ApiError({ kind: 'timeout' })
    throw networkError(error, opts.signal)
  }
}

/** Sends with the retry policy; returns the raw response (callers read headers, e.g. login). */
export async function requestRaw(
  path: string,
  opts: RequestOptions = {},
  requireEnvelope = true,
): Promise<{ data: RawReply; response: FetchResponse<unknown> }> {
  const method = opts.method ?? 'GET'
  // GET and PUT are idempotent: sending the same photo twice gives the same result.
  const maxTries = opts.maxTries ?? (method === 'POST' ? 1 : clientConfig.maxTries)
  const owner = sessionOwner
  for (let attempt = 1; ; attempt++) {
    // Signed out, or another operator signed in, while this call waited to be tried again.
    if (attempt > 1 && sessionOwner !== owner) throw new ApiError({ kind: 'aborted' })
    const sentWith = sessionId
    try {
      const response = await once(path, opts)
      const proxyTls = response.headers.get('x-photo-desk-proxy-error') === 'tls'
      if (RETRY_STATUSES.has(response.status) && !proxyTls && attempt < maxTries) {
        throw judgeOrServerError(response, requireEnvelope)
      }
      const data = judge(response, requireEnvelope)
      emit({ type: 'ok', path })
      return { data, response }
    } catch (caught) {
      const error = caught instanceof ApiError ? caught : networkError(caught, opts.signal)
      if (error.transient && attempt < maxTries && !opts.signal?.aborted) {
        emit({ type: 'retry', path, attempt, maxTries, error })
        const backoff = clientConfig.retryBaseMs * 2 ** (attempt - 1)
        await delay(backoff * (0.75 + Math.random() * 0.5), opts.signal)
        continue
      }
      if (error.kind === 'session' && opts.reauth !== false && onSessionExpired) {
        // The operator signed out (or another signed in) meanwhile: not theirs to send again,
        // nor a reason to ask the one at the desk now for a password.
        if (sessionOwner !== owner) throw new ApiError({ kind: 'aborted' })
        // Sent with the old session, answered after the operator had signed in again (several
        // calls in flight at the expiry, as in a batch): the new session is here, ask nobody.
        const renewed = sessionId !== null && sessionId !== sentWith
        if (!renewed) reauthInFlight ??= onSessionExpired().finally(() => (reauthInFlight = null))
        if (renewed || (await reauthInFlight))
          return requestRaw(path, { ...opts, reauth: false }, requireEnvelope)
      }
      if (error.kind !== 'session' && error.kind !== 'aborted')
        emit({ type: 'failed', path, error })
      throw error
    }
  }
}

function judgeOrServerError(response: FetchResponse<unknown>, requireEnvelope: boolean): ApiError {
  try {
    judge(response, requireEnvelope)
  } catch (error) {
    if (error instanceof ApiError) return error
  }
  return new ApiError({ kind: 'server', status: response.status })
}

/** Sends a request and returns BioStar's JSON once Response.code is "0". */
export async function request(path: string, opts: RequestOptions = {}): Promise<RawReply> {
  return (await requestRaw(path, opts)).data
}
