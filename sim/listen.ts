import http from 'node:http'
import https from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ListenOptions {
  /** Default 0: any free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  tls?: { key: string; cert: string }
}

export interface RunningServer {
  url: string
  port: number
  close(): Promise<void>
}

/** An http(s) server that sends every request to `onRequest`. */
export async function startServer(
  onRequest: (req: IncomingMessage, res: ServerResponse) => void,
  opts: ListenOptions,
): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1'
  const server = opts.tls
    ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, onRequest)
    : http.createServer(onRequest)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const wildcard = host === '0.0.0.0' || host === '::'
  const urlHost = wildcard ? 'localhost' : host.includes(':') ? `[${host}]` : host
  return {
    url: `${opts.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections()
      }),
  }
}
