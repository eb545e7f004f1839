// A bare Vite dev server over the repository for the lab pages under tests/e2e/pages/: only the
// plugins a lab asks for (no vite.config.ts), no HMR or file watching, on a free loopback port.
import { createServer, type PluginOption, type ViteDevServer } from 'vite'
import { join } from 'node:path'
import { ROOT } from './app-server.ts'

export interface DevServerOptions {
  plugins?: PluginOption[]
  /** Vite's dependency cache; a scratch folder keeps test files apart. Default: Vite's own. */
  cacheDir?: string
  /** Dependencies to pre-bundle; nothing is discovered (scanning the whole app is slow). */
  include?: string[]
  /** Host names besides 127.0.0.1 it answers to (mapped to loopback inside Chromium). */
  allowedHosts?: string[]
}

export interface RunningDevServer {
  /** Base URL, `http://127.0.0.1:<port>`. */
  url: string
  server: ViteDevServer
  close(): Promise<void>
}

export async function startDevServer(options: DevServerOptions = {}): Promise<RunningDevServer> {
  const server = await createServer({
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    cacheDir: options.cacheDir,
    plugins: options.plugins ?? [],
    resolve: { alias: { '@': join(ROOT, 'src') } },
    server: {
      port: 0,
      host: '127.0.0.1',
      strictPort: false,
      hmr: false,
      watch: null,
      allowedHosts: options.allowedHosts,
    },
    optimizeDeps: { noDiscovery: true, include: options.include ?? [] },
  })
  try {
    await server.listen()
    const address = server.httpServer?.address()
    if (!address || typeof address === 'string') throw new Error('vite dev server has no port')
    return { url: `http://127.0.0.1:${address.port}`, server, close: () => server.close() }
  } catch (error) {
    await server.close()
    throw error
  }
}
