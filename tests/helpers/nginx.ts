// Runs the real deploy/nginx.conf in a test: rendered with test values, wrapped in a main config
// whose pid, logs and temp paths live in a temp dir, started as a child process (not a daemon).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import https from 'node:https'
import http from 'node:http'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BrowserContext } from 'playwright-core'

export const NGINX_TEMPLATE = fileURLToPath(new URL('../../deploy/nginx.conf', import.meta.url))

/** Same places as scripts/find-nginx.mjs (which also installs it for `npm test`). */
const CANDIDATES = [
  '/usr/sbin/nginx',
  '/usr/bin/nginx',
  '/usr/local/sbin/nginx',
  '/usr/local/bin/nginx',
  '/usr/local/nginx/sbin/nginx',
  '/opt/homebrew/bin/nginx',
]

export function nginxPath(): string {
  const fromEnv = process.env.NGINX_PATH
  const found = fromEnv ? (existsSync(fromEnv) ? fromEnv : undefined) : CANDIDATES.find(existsSync)
  if (!found)
    throw new Error(
      fromEnv
        ? `NGINX_PATH=${fromEnv} does not exist: point it at an nginx binary.`
        : 'No nginx found: install it (Debian: apt-get install nginx-light) or set NGINX_PATH.',
    )
  return found
}

/** The values of deploy/nginx.conf's @PLACEHOLDER@s. */
export interface SiteValues {
  SERVER_NAME: string
  HTTP_PORT: string
  HTTPS_PORT: string
  DIST: string
  BIOSTAR_URL: string
  TLS_CERT: string
  TLS_KEY: string
}

/** deploy/nginx.conf with every @NAME@ replaced; fails when the template has one we do not know. */
export function renderSite(values: SiteValues, template = readFileSync(NGINX_TEMPLATE, 'utf8')) {
  const text = template.replace(/@([A-Z_]+)@/g, (whole, name: string) => {
    const value = (values as unknown as Record<string, string | undefined>)[name]
    if (value === undefined) throw new Error(`deploy/nginx.conf: no value for ${whole}`)
    return value
  })
  return text
}

/** A port that was free a moment ago (nginx needs numbers up front). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** Where Debian (and most builds) keep mime.types; a small inline map otherwise. */
function mimeTypes(): string {
  const files = [
    '/etc/nginx/mime.types',
    '/usr/local/etc/nginx/mime.types',
    '/usr/local/nginx/conf/mime.types',
    '/opt/homebrew/etc/nginx/mime.types',
  ]
  const file = files.find(existsSync)
  if (file) return `include ${file};`
  return `types {
    text/html html; text/css css; application/javascript js mjs; application/json json;
    image/svg+xml svg; image/png png; image/jpeg jpg jpeg; image/x-icon ico;
    application/wasm wasm; application/manifest+json webmanifest;
  }`
}

export interface RunningNginx {
  pid: number
  dir: string
  /** The error log so far (for failure messages). */
  errorLog(): string
  stop(): Promise<void>
}

/**
 * Starts nginx with `site` (a rendered deploy/nginx.conf) inside a non-root-friendly main config,
 * and waits until every port in `ports` accepts connections.
 */
export async function startNginx(site: string, ports: number[]): Promise<RunningNginx> {
  const bin = nginxPath()
  const dir = mkdtempSync(join(tmpdir(), 'photo-desk-nginx-'))
  const t = (name: string) => join(dir, name)
  writeFileSync(t('photo-desk.conf'), site)
  // As root, the master would hand the workers to "nobody", who may not read a checkout under
  // /root or write the 0700 temp dir; as anyone else the user directive is ignored anyway.
  const asRoot = process.getuid?.() === 0
  writeFileSync(
    t('nginx.conf'),
    `${asRoot ? 'user root;' : ''}
worker_processes 1;
pid ${t('nginx.pid')};
error_log ${t('error.log')} warn;
events { worker_connections 128; }
http {
  ${mimeTypes()}
  default_type application/octet-stream;
  access_log ${t('access.log')};
  client_body_temp_path ${t('client_body')};
  proxy_temp_path ${t('proxy')};
  fastcgi_temp_path ${t('fastcgi')};
  uwsgi_temp_path ${t('uwsgi')};
  scgi_temp_path ${t('scgi')};
  include ${t('photo-desk.conf')};
}
`,
  )
  const check = spawnSync(bin, ['-p', dir, '-c', t('nginx.conf'), '-e', 'stderr', '-t', '-q'], {
    encoding: 'utf8',
  })
  if (check.status !== 0) {
    rmSync(dir, { recursive: true, force: true })
    throw new Error(`nginx -t failed:\n${check.stderr}`)
  }
  const child: ChildProcess = spawn(
    bin,
    ['-p', dir, '-c', t('nginx.conf'), '-e', 'stderr', '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const errorLog = () => {
    const file = t('error.log')
    return stderr + (existsSync(file) ? readFileSync(file, 'utf8') : '')
  }

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM') // fast shutdown; the master takes its workers down with it
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
    rmSync(dir, { recursive: true, force: true })
  }

  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break
    const open = await Promise.all(ports.map(portOpen))
    if (open.every(Boolean)) return { pid: child.pid!, dir, errorLog, stop }
    await new Promise((r) => setTimeout(r, 50))
  }
  const log = errorLog()
  await stop()
  throw new Error(`nginx did not start:\n${log}`)
}

export interface SimpleResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

export interface RequestOptions {
  method?: string
  headers?: Record<string, string>
  body?: string
  /** Trusts that certificate (e.g. nginx's self-signed one). */
  ca?: string
}

/** One http(s) request to `url`. */
export function request(url: string, options: RequestOptions = {}): Promise<SimpleResponse> {
  const target = new URL(url)
  return rawRequest(target.origin, `${target.pathname}${target.search}`, options)
}

/**
 * One request with `path` as the raw request target: Node's http.request sends it as given (no
 * `..` folding, no re-encoding), as `curl --path-as-is` does; fetch and `new URL` would normalise
 * it.
 */
export function rawRequest(
  base: string,
  path: string,
  options: RequestOptions = {},
): Promise<SimpleResponse> {
  const { protocol, hostname, port } = new URL(base)
  const lib = protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const req = lib.request(
      {
        host: hostname,
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        ca: options.ca,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        res.on('error', reject)
      },
    )
    req.setTimeout(20_000, () => req.destroy(new Error(`timeout: ${base}${path}`)))
    req.on('error', reject)
    req.end(options.body)
  })
}

/**
 * Collects Content-Security-Policy violations of every page of `context`: the DOM's
 * securitypolicyviolation events and Chromium's console reports. Shared by the deploy and CSP
 * browser tests; returns a reader of what was seen so far.
 */
export async function watchCsp(context: BrowserContext): Promise<() => string[]> {
  const seen: string[] = []
  await context.exposeBinding('__reportCspViolation', (_source, line: string) => {
    seen.push(line)
  })
  await context.addInitScript(() => {
    const report = (window as unknown as { __reportCspViolation(line: string): void })
      .__reportCspViolation
    document.addEventListener(
      'securitypolicyviolation',
      (e) =>
        void report(
          `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`,
        ),
      true,
    )
  })
  context.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) seen.push(`console: ${message.text()}`)
  })
  return () => [...seen]
}
