/**
 * Which requests the dev and preview servers send on to BioStar (or to the built-in simulator).
 * BioStar's REST API lives under /api/; the rest of that server (its web console and whatever
 * else it serves) must stay out of reach of anyone who can reach Photo Desk. deploy/nginx.conf
 * applies the same rules; tests/e2e/deploy-nginx.test.ts checks that they agree.
 *
 * Everything here looks at the raw request target, as the client sent it: BioStar decodes and
 * normalises the path itself, so a check on a cleaned-up path would let `/api/..;/console`
 * through.
 */

/** The only paths that are forwarded. */
export const API_PREFIX = '/api/'

/** The path part of a raw request target: everything before the first `?`, still encoded. */
export function rawPath(url: string): string {
  const q = url.indexOf('?')
  return q < 0 ? url : url.slice(0, q)
}

/** True when the raw path is under /api/ (the query does not count: `/api?x=/api/` is not). */
export function isApiPath(url: string): boolean {
  return rawPath(url).startsWith(API_PREFIX)
}

/**
 * Sequences that can walk a server out of /api/ once it decodes or normalises the path: `..`
 * (also as `%2e`), an encoded `/` or `\`, a plain backslash (a separator on Windows servers) and
 * `;` (Java servers strip `;...` from a segment, so `..;` is `..` to them). Checked in the path
 * only: a query may hold them (a search for "a/b" is sent as `a%2Fb`) and cannot change which
 * resource is served.
 */
const UNSAFE_SEQUENCES: ReadonlyArray<readonly [name: string, pattern: RegExp]> = [
  ['..', /\.\./],
  ['%2e', /%2e/i],
  ['%2f', /%2f/i],
  ['%5c', /%5c/i],
  ['a backslash', /\\/],
  [';', /;/],
]

/** The first unsafe sequence in the raw path, by name, or undefined when there is none. */
export function unsafeSequence(url: string): string | undefined {
  const path = rawPath(url)
  return UNSAFE_SEQUENCES.find(([, pattern]) => pattern.test(path))?.[0]
}

/**
 * What the proxy does with a request: `forward` it to BioStar, `refuse` it (400, nothing sent),
 * or `pass` it on to the app's own routes (it is not an API call: `/apifoo`, `/api-admin`).
 * Exactly `/api` is refused rather than passed: it names the API, BioStar has nothing there, and
 * a client that calls it should get a JSON answer, not the app's HTML page.
 */
export type ApiVerdict =
  { action: 'forward' } | { action: 'pass' } | { action: 'refuse'; reason: string }

export function apiVerdict(url: string): ApiVerdict {
  const path = rawPath(url)
  if (path === '/api') return { action: 'refuse', reason: 'not under /api/' }
  if (!isApiPath(path)) return { action: 'pass' }
  const unsafe = unsafeSequence(path)
  return unsafe ? { action: 'refuse', reason: `holds ${unsafe}` } : { action: 'forward' }
}
