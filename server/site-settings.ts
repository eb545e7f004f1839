import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Plugin } from 'vite'

/** Where the app reads it, below its base URL (src/api/site-file.ts uses the same). */
export const SITE_FILE_NAME = 'photo-desk.json'

export interface SiteSettingsOptions {
  /**
   * The site settings file to serve as `<base>photo-desk.json`. Default: the SITE_SETTINGS
   * environment variable; without it, `photo-desk.json` in the folder served (dist/ for preview,
   * public/ for dev) when there is one.
   */
  file?: string
}

type Middlewares = {
  use(fn: (req: IncomingMessage, res: ServerResponse, next: () => void) => void): void
}

/**
 * Serves the site settings file for `vite` and `vite preview` as nginx does (deploy/nginx.conf):
 * revalidated at every start (`Cache-Control: no-cache`), read again at each request so a changed
 * file takes effect at the next start, and a plain 404 when there is none (never the app's
 * index.html, which the app would have to tell apart).
 */
export function siteSettings(options: SiteSettingsOptions = {}): Plugin {
  const chosen = options.file ?? process.env.SITE_SETTINGS
  let base = '/'
  let root = process.cwd()

  function serve(middlewares: Middlewares, folder: string, log: (message: string) => void) {
    const file = chosen ? resolve(root, chosen) : join(folder, SITE_FILE_NAME)
    if (chosen) log(`  Site settings: ${file} (served as ${base}${SITE_FILE_NAME})`)
    middlewares.use((req, res, next) => {
      if (req.url?.split('?')[0] !== `${base}${SITE_FILE_NAME}`) return next()
      if (req.method !== 'GET' && req.method !== 'HEAD') return next()
      let body: Buffer | null = null
      try {
        body = readFileSync(file)
      } catch {
        // no file: the built-in defaults
      }
      res.writeHead(body ? 200 : 404, {
        'Content-Type': body ? 'application/json' : 'text/plain; charset=utf-8',
        'Cache-Control': 'no-cache',
      })
      res.end(req.method === 'HEAD' ? undefined : (body ?? 'No site settings file.\n'))
    })
  }

  return {
    name: 'photo-desk:site-settings',
    configResolved(config) {
      base = config.base.endsWith('/') ? config.base : `${config.base}/`
      root = config.root
    },
    configureServer(server) {
      const { publicDir } = server.config
      serve(server.middlewares, publicDir, (m) => server.config.logger.info(m))
    },
    configurePreviewServer(server) {
      const outDir = resolve(server.config.root, server.config.build.outDir)
      serve(server.middlewares, outDir, (m) => server.config.logger.info(m))
    },
  }
}
