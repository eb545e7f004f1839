import type { ServerResponse } from 'node:http'

/** Why the proxy could not get an answer from BioStar; the app turns this into its message. */
export type ProxyFailure = 'unreachable' | 'tls' | 'timeout'

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
])
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED'])

export function classifyProxyError(err: NodeJS.ErrnoException): ProxyFailure {
  const code = err.code ?? ''
  if (TLS_CODES.has(code) || /certificate|ssl|tls/i.test(err.message)) return 'tls'
  if (TIMEOUT_CODES.has(code) || /timed? ?out/i.test(err.message)) return 'timeout'
  return 'unreachable'
}

function describe(kind: ProxyFailure, server: string, err: NodeJS.ErrnoException): string {
  const detail = err.code ? `${err.code}: ${err.message}` : err.message
  if (kind === 'tls')
    return `The BioStar server at ${server} answered, but its TLS certificate was not accepted (${detail}). Set BIOSTAR_CA to the server's CA file, or unset it to accept the self-signed certificate.`
  if (kind === 'timeout')
    return `The BioStar server at ${server} did not answer in time (${detail}).`
  return `Photo Desk cannot reach the BioStar server at ${server} (${detail}). Check that it is running and that the address is right.`
}

/**
 * Answers a failed proxy call with BioStar's own envelope plus a `proxy` block, so the browser
 * shows what went wrong and where, instead of a blank 500.
 */
export function writeProxyError(res: ServerResponse, server: string, err: NodeJS.ErrnoException) {
  const kind = classifyProxyError(err)
  const message = describe(kind, server, err)
  if (res.headersSent || res.writableEnded) {
    res.destroy()
    return
  }
  res.writeHead(kind === 'timeout' ? 504 : 502, {
    'Content-Type': 'application/json;charset=UTF-8',
    'X-Photo-Desk-Proxy-Error': kind,
  })
  res.end(JSON.stringify({ Response: { code: `proxy-${kind}`, message }, proxy: { server, kind } }))
}

/**
 * The answer to a request the proxy will not forward (see server/api-path.ts). deploy/nginx.conf
 * sends the same text, so it holds no quote or backslash (nginx would need them escaped).
 */
export const PROXY_REFUSAL_MESSAGE =
  'Photo Desk did not send this request to BioStar: only paths under /api/ are forwarded, and none whose path holds .., ;, a backslash, %2e, %2f or %5c (they can reach parts of the BioStar server outside its API).'

/**
 * Answers a refused request in the same envelope as a failure, marked `refused`: a 400 that
 * never reached BioStar, so the app neither retries it nor blames BioStar for it.
 */
export function writeProxyRefusal(res: ServerResponse, server: string) {
  res.writeHead(400, {
    'Content-Type': 'application/json;charset=UTF-8',
    'X-Photo-Desk-Proxy-Error': 'refused',
  })
  res.end(
    JSON.stringify({
      Response: { code: 'proxy-refused', message: PROXY_REFUSAL_MESSAGE },
      proxy: { server, kind: 'refused' },
    }),
  )
}

/** A raw path in a terminal line: shortened, so a flood of long paths cannot fill the screen. */
function shorten(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/** The one terminal line for a refused request: what, why, and what is forwarded instead. */
export function proxyRefusalLine(request: string, reason: string, repeats = 0): string {
  const more = repeats > 0 ? ` [${repeats} more like it not shown]` : ''
  return `/api proxy: refused ${shorten(request)} (${reason}) without sending it; only plain /api/... paths are forwarded.${more}`
}

/** What to check, per kind of failure: the terminal line ends with it. */
const ADVICE: Record<ProxyFailure, string> = {
  unreachable: 'check that BioStar is running and that BIOSTAR_URL is right',
  tls: "set BIOSTAR_CA to the server's CA file, or unset it to accept a self-signed certificate",
  timeout: 'check the server and the network, or raise BIOSTAR_TIMEOUT_MS',
}

const WHAT: Record<ProxyFailure, string> = {
  unreachable: 'cannot reach BioStar at',
  tls: 'TLS certificate not accepted from BioStar at',
  timeout: 'no answer in time from BioStar at',
}

/** The one terminal line for a failed proxy call: what, which server, the code, what to check. */
export function proxyErrorLine(
  server: string,
  err: NodeJS.ErrnoException,
  request?: string,
  repeats = 0,
): string {
  const kind = classifyProxyError(err)
  const code = err.code || err.message.split('\n')[0]?.slice(0, 80) || 'unknown error'
  const what = request ? ` (${request})` : ''
  const more = repeats > 0 ? ` [${repeats} more like it not shown]` : ''
  return `/api proxy: ${WHAT[kind]} ${server}: ${code}${what}; ${ADVICE[kind]}.${more}`
}

/** The few logger methods the reporter uses (Vite's Logger has them). */
export interface ProxyLogger {
  error(msg: string, options?: { timestamp?: boolean; error?: Error | null }): void
  warn(msg: string, options?: { timestamp?: boolean }): void
  info(msg: string, options?: { timestamp?: boolean }): void
}

export interface ProxyErrorLogOptions {
  /** The same failure is logged at most once per this many ms (default 30 s). */
  quietMs?: number
  now?: () => number
}

/**
 * Turns proxy failures into one short terminal line each, without the stack trace Vite adds: the
 * first failure of a kind is logged at once, repeats of it within `quietMs` are only counted (a
 * BioStar that is down must not flood the terminal), and the first answer after failures says so.
 */
export function createProxyErrorLog(options: ProxyErrorLogOptions = {}) {
  const quietMs = options.quietMs ?? 30_000
  const now = options.now ?? Date.now
  /** Errors already reported: Vite's own "http proxy error" + stack for them is dropped. */
  const reported = new WeakSet<Error>()
  /** Per kind, server and code: when it was last logged, and how many repeats since. */
  const recent = new Map<string, { at: number; repeats: number }>()
  /** When a refusal was last logged, and how many since (-1: none logged yet). */
  const refusals = { at: 0, repeats: -1 }
  let logger: ProxyLogger | null = null

  return {
    /**
     * Uses `target` for the lines, and makes it skip Vite's stack trace for failures already
     * reported here (Vite's proxy logs every error it sees with `error` set to it).
     */
    attach(target: ProxyLogger) {
      const error = target.error.bind(target)
      target.error = (msg, opts) => {
        if (opts?.error && reported.has(opts.error)) return
        error(msg, opts)
      }
      logger = target
    },

    /** A failed proxy call: logs its line unless the same failure was logged just now. */
    failure(server: string, err: NodeJS.ErrnoException, request?: string) {
      reported.add(err)
      const key = `${classifyProxyError(err)} ${server} ${err.code ?? err.message}`
      const seen = recent.get(key)
      const t = now()
      if (seen && t - seen.at < quietMs) {
        seen.repeats++
        return
      }
      recent.set(key, { at: t, repeats: 0 })
      const line = proxyErrorLine(server, err, request, seen?.repeats ?? 0)
      if (logger) logger.error(line, { timestamp: true })
      else console.error(line)
    },

    /**
     * A request refused before it was sent: one line, then at most one per `quietMs` (someone
     * probing for BioStar's console must not flood the terminal); the next says how many were
     * not shown.
     */
    refused(request: string, reason: string) {
      const t = now()
      if (refusals.repeats >= 0 && t - refusals.at < quietMs) {
        refusals.repeats++
        return
      }
      const line = proxyRefusalLine(request, reason, Math.max(refusals.repeats, 0))
      refusals.at = t
      refusals.repeats = 0
      if (logger) logger.warn(line, { timestamp: true })
      else console.warn(line)
    },

    /** An answer came through: after failures, one line says BioStar is back. */
    success(server: string) {
      if (recent.size === 0) return
      const hidden = [...recent.values()].reduce((sum, r) => sum + r.repeats, 0)
      recent.clear()
      const more = hidden > 0 ? ` [${hidden} failures not shown]` : ''
      const line = `/api proxy: BioStar at ${server} answers again.${more}`
      if (logger) logger.info(line, { timestamp: true })
      else console.info(line)
    },
  }
}

export type ProxyErrorLog = ReturnType<typeof createProxyErrorLog>
