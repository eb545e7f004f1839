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
