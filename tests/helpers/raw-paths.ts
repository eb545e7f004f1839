// What the /api proxy (dev/preview: server/api-path.ts; nginx: deploy/nginx.conf) must forward
// and refuse, sent as raw request targets to a loopback stand-in for BioStar that records what
// reached it. Shared by tests/integration/proxy.test.ts and tests/e2e/deploy-nginx.test.ts.
import http from 'node:http'
import { expect } from 'vitest'
import { PROXY_REFUSAL_MESSAGE } from '../../server/proxy-errors.ts'
import { rawRequest, type SimpleResponse } from './nginx.ts'

/** Raw paths that could leave /api/ on BioStar: each answered 400 and never forwarded. */
export const REFUSED = [
  '/api',
  '/api?next=/api/users',
  '/api/../secret',
  '/api/users/../../secret',
  '/api/%2e%2e/secret',
  '/api/%2E%2E/secret',
  '/api/.%2e/secret',
  '/api/..;/secret',
  '/api/..;/secret.html',
  '/api/users/1;jsessionid=x',
  '/api/users%2f..%2f..%2fsecret',
  '/api/users/%2F',
  '/api/%5c..%5csecret',
  '/api/users\\..\\..\\secret',
]

/**
 * Not API paths: the app's own routes answer them, never BioStar. (Behind nginx, a path that
 * only nginx's normalisation puts under /api/, like `//api/users/1`, is refused instead: nginx
 * would send BioStar the raw one.)
 */
export const NOT_API = ['/apifoo', '/api-admin']

/**
 * Plain API calls, as the stand-in must receive them: unchanged, query included. A query may
 * hold what a path may not (the app sends a search for "a/b" as a%2Fb), and a percent-encoded
 * user id that does not encode ".", "/" or "\" (here a space) cannot leave /api/users/.
 */
export const FORWARDED: ReadonlyArray<readonly [method: string, target: string]> = [
  ['POST', '/api/login'],
  ['GET', '/api/users/12?x=1'],
  ['GET', '/api/users/a%20b'],
  ['GET', '/api/v2/users?search=a%2Fb;c..d%5C'],
  ['PUT', '/api/users/alpha_2-b'],
]

/** What a client got for one raw request. */
export type RawAnswer = SimpleResponse

/** One request with a raw request target (as `curl --path-as-is`): see nginx.ts. */
export { rawRequest }

/** A loopback stand-in for BioStar that answers everything and records each raw request target. */
export async function recordingBiostar() {
  const reached: string[] = []
  const server = http.createServer((req, res) => {
    reached.push(`${req.method} ${req.url}`)
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8' })
      res.end(JSON.stringify({ Response: { code: '0', message: 'Success' } }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  return {
    url: `http://127.0.0.1:${address.port}`,
    /** `METHOD target` of every request that reached it, oldest first. */
    reached,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type RecordingBiostar = Awaited<ReturnType<typeof recordingBiostar>>

/** The refusal: 400 in BioStar's envelope, marked as the proxy's, naming where it was not sent. */
export function expectRefusal(answer: RawAnswer, server: string, target: string) {
  expect(answer.status, target).toBe(400)
  expect(answer.headers['content-type'], target).toMatch(/^application\/json/)
  expect(answer.headers['x-photo-desk-proxy-error'], target).toBe('refused')
  expect(JSON.parse(answer.body), target).toEqual({
    Response: { code: 'proxy-refused', message: PROXY_REFUSAL_MESSAGE },
    proxy: { server, kind: 'refused' },
  })
}
