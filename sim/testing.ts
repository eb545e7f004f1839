// Helpers for tests that talk to the simulator over real HTTP.
import { DEMO_OPERATOR, createSimulator } from './index.ts'
import type { RunningServer, SimOptions, Simulator } from './index.ts'

// Tests walk response bodies field by field and assert each one, so a loose type reads best.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any

export interface TestServer {
  sim: Simulator
  server: RunningServer
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:40123 */
  url: string
  /** Logs in and returns the bs-session-id header value. */
  login(credentials?: { loginId: string; password: string }): Promise<string>
  /** fetch relative to the server; `session` adds the bs-session-id header, `json` the body. */
  call(
    method: string,
    path: string,
    init?: { session?: string; json?: unknown; body?: string },
  ): Promise<{ status: number; headers: Headers; body: Loose }>
  close(): Promise<void>
}

/** A simulator on a free port; it records request bodies unless `recordBodies: false`. */
export async function startTestServer(options: SimOptions = {}): Promise<TestServer> {
  // Tests check what the server received, so they keep bodies; the default (dev, demo) does not.
  const sim = createSimulator({ recordBodies: true, ...options })
  const server = await sim.listen({ port: 0 })
  const call: TestServer['call'] = async (method, path, init = {}) => {
    const headers: Record<string, string> = {}
    if (init.session) headers['bs-session-id'] = init.session
    let body = init.body
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(init.json)
    }
    const res = await fetch(server.url + path, { method, headers, body })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      // Leave non-JSON answers as text.
    }
    return { status: res.status, headers: res.headers, body: parsed }
  }
  const login: TestServer['login'] = async (credentials = DEMO_OPERATOR) => {
    const { status, headers } = await call('POST', '/api/login', {
      json: { User: { login_id: credentials.loginId, password: credentials.password } },
    })
    const id = headers.get('bs-session-id')
    if (status !== 200 || !id) throw new Error(`login as ${credentials.loginId} failed: ${status}`)
    return id
  }
  return { sim, server, url: server.url, login, call, close: () => sim.close() }
}
