import { fileURLToPath } from 'node:url'
import { preview, type PreviewServer } from 'vite'
import { biostar, type BiostarPluginOptions } from '../../server/biostar-plugin.ts'
import { createSimulator, type SimOptions, type Simulator } from '../../sim/index.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

export interface RunningApp {
  url: string
  sim: Simulator
  server: PreviewServer
  close(): Promise<void>
}

/**
 * Serves the production build (made once by tests/e2e/global-setup.ts) through `vite preview`
 * with the real Photo Desk plugin: either a fresh simulator or a proxy to `biostarUrl`.
 */
export async function startApp(
  opts: { sim?: SimOptions; simulator?: Simulator; plugin?: BiostarPluginOptions } = {},
): Promise<RunningApp> {
  const sim = opts.simulator ?? createSimulator({ seed: 1, ...opts.sim })
  const server = await preview({
    root,
    configFile: false,
    logLevel: 'warn',
    build: { outDir: 'dist-test' },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    plugins: [
      biostar({
        biostarUrl: '',
        ...opts.plugin,
        simulator: opts.plugin?.biostarUrl ? undefined : sim,
      }),
    ],
  })
  const address = server.httpServer.address()
  if (!address || typeof address === 'string') throw new Error('preview server has no port')
  const url = `http://127.0.0.1:${address.port}`
  return {
    url,
    sim,
    server,
    async close() {
      await server.close()
      await sim.close()
    },
  }
}
