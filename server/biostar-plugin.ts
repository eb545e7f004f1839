import { readFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Plugin, ProxyOptions } from 'vite'
import { createSimulator, optionsFromEnv, type Simulator } from '../sim/index.ts'
import { apiVerdict } from './api-path.ts'
import {
  createProxyErrorLog,
  writeProxyError,
  writeProxyRefusal,
  type ProxyErrorLog,
} from './proxy-errors.ts'

export interface BiostarPluginOptions {
  /** Real server to proxy /api/ to. Default: the BIOSTAR_URL environment variable. */
  biostarUrl?: string
  /** CA file that switches the proxy to verified TLS. Default: BIOSTAR_CA. */
  caFile?: string
  /** Proxy timeout in ms. Default: BIOSTAR_TIMEOUT_MS or 30 s. */
  timeoutMs?: number
  /** A simulator to mount instead of creating one (tests hold on to theirs). */
  simulator?: Simulator
}

/** The only non-API path the plugin serves: tells the app it is talking to the simulator. */
export const DEMO_INFO_PATH = '/__photo-desk/demo.json'

/**
 * Vite's proxy key: a regular expression (it starts with `^`) matched against the raw request
 * target, so `/apifoo` and `/api-admin` are not forwarded; a plain '/api' key matches them too.
 */
const PROXY_CONTEXT = '^/api/'

/** Where the refusal says the request would have gone, when no real server is set. */
const SIMULATOR_NAME = 'built-in simulator'

type Middlewares = {
  use(fn: (req: IncomingMessage, res: ServerResponse, next: () => void) => void): void
}

/**
 * Refuses, before the proxy or the simulator sees them, API requests whose raw path could leave
 * /api/ on BioStar (server/api-path.ts): 400 in BioStar's envelope and one terminal line. Plugin
 * middlewares run before Vite's proxy, and nothing before them rewrites req.url.
 */
function refuseUnsafeApiPaths(middlewares: Middlewares, server: string, log: ProxyErrorLog) {
  middlewares.use((req, res, next) => {
    const url = req.url ?? '/'
    const verdict = apiVerdict(url)
    if (verdict.action !== 'refuse') return next()
    log.refused(`${req.method} ${url}`, verdict.reason)
    writeProxyRefusal(res, server)
  })
}

function proxyOptions(
  target: string,
  caFile: string | undefined,
  timeoutMs: number,
  log: ProxyErrorLog,
): ProxyOptions {
  const url = new URL(target)
  const ca = caFile ? readFileSync(caFile) : undefined
  // BioStar ships a self-signed certificate whose name rarely matches its IP, so verification
  // is off unless the operator hands us the CA to verify against.
  const agent =
    url.protocol === 'https:'
      ? new https.Agent({ keepAlive: true, ca, rejectUnauthorized: Boolean(ca) })
      : new http.Agent({ keepAlive: true })
  return {
    target,
    changeOrigin: true,
    secure: Boolean(ca),
    agent,
    proxyTimeout: timeoutMs,
    configure(proxy) {
      // The proxy ends a slow call with a plain "socket hang up": remember which ones timed out.
      const timedOut = new WeakSet<IncomingMessage>()
      // Registered before Vite's own handler, so the browser gets a clear JSON message and the
      // terminal one short line (Vite's line and stack trace for the same error are dropped).
      proxy.on('error', (err, req, res) => {
        const error = timedOut.has(req) ? Object.assign(err, { code: 'ETIMEDOUT' }) : err
        log.failure(target, error, `${req.method} ${req.url}`)
        if (res && 'writeHead' in res) writeProxyError(res as ServerResponse, target, error)
      })
      proxy.on('proxyRes', () => log.success(target))
      proxy.on('proxyReq', (proxyReq, req) => {
        proxyReq.on('timeout', () => timedOut.add(req))
        // BioStar checks Origin on some routes; the browser's origin means nothing to it.
        proxyReq.removeHeader('origin')
        proxyReq.removeHeader('referer')
      })
    },
  }
}

/**
 * Serves /api/ for `vite` and `vite preview`: a proxy to BIOSTAR_URL when it is set, otherwise
 * the built-in BioStar 2 simulator with demo data.
 */
export function biostar(options: BiostarPluginOptions = {}): Plugin {
  const biostarUrl = options.biostarUrl ?? process.env.BIOSTAR_URL
  const caFile = options.caFile ?? process.env.BIOSTAR_CA
  const timeoutMs = options.timeoutMs ?? (Number(process.env.BIOSTAR_TIMEOUT_MS) || 30_000)
  let simulator: Simulator | undefined = options.simulator
  const proxyLog = createProxyErrorLog()

  function mountSimulator(middlewares: Middlewares, log: (msg: string) => void) {
    const sim = (simulator ??= createSimulator(optionsFromEnv(process.env)))
    middlewares.use((req, res, next) => {
      if (req.url?.split('?')[0] !== DEMO_INFO_PATH) return next()
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      res.end(JSON.stringify({ demo: true, operators: sim.operators }))
    })
    middlewares.use((req, res, next) => sim.handle(req, res, next))
    if (!options.simulator) {
      const creds = sim.operators.map((o) => `${o.loginId} / ${o.password} (${o.role})`).join(', ')
      log(`  Demo server: built-in BioStar 2 simulator on /api. Sign in with ${creds}`)
    }
  }

  return {
    name: 'photo-desk:biostar',
    config() {
      if (!biostarUrl) return
      const proxy = { [PROXY_CONTEXT]: proxyOptions(biostarUrl, caFile, timeoutMs, proxyLog) }
      return { server: { proxy }, preview: { proxy } }
    },
    configResolved(config) {
      proxyLog.attach(config.logger)
    },
    configureServer(server) {
      // The simulator gets the same refusals as a real server: tests see what BioStar would.
      refuseUnsafeApiPaths(server.middlewares, biostarUrl || SIMULATOR_NAME, proxyLog)
      if (biostarUrl) {
        server.config.logger.info(`  BioStar server: ${biostarUrl} (proxied on /api/)`)
        return
      }
      mountSimulator(server.middlewares, (m) => server.config.logger.info(m))
    },
    configurePreviewServer(server) {
      refuseUnsafeApiPaths(server.middlewares, biostarUrl || SIMULATOR_NAME, proxyLog)
      if (biostarUrl) {
        server.config.logger.info(`  BioStar server: ${biostarUrl} (proxied on /api/)`)
        return
      }
      mountSimulator(server.middlewares, (m) => server.config.logger.info(m))
    },
  }
}
