import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'
import { SITE_FILE_NAME } from './site-settings.ts'

/** Where the worker lands in the build, below the base URL. */
export const SERVICE_WORKER_FILE = 'sw.js'

const TEMPLATE = fileURLToPath(new URL('../src/pwa/sw.template.js', import.meta.url))
const PLACEHOLDER = '__PHOTO_DESK_BUILD__'

/** What the worker caches, as paths below the base URL ("assets/index-abc.js"). */
export interface PrecacheList {
  /** A hash of every cached file's content and of the worker itself: one cache per build. */
  version: string
  /** The shell: must all be cached for the worker to install. */
  core: string[]
  /** Everything else of the build, cached as far as the network allows. */
  lazy: string[]
  /**
   * Files over the size limit (the 6.4 MB face recognition model): not fetched on install,
   * cached when first used, and carried over to the next build's cache while their content
   * (SHA-256, hex) is the same, so a deployment does not cost a tablet the download again.
   */
  onDemand: { path: string; sha256: string }[]
}

export interface ServiceWorkerOptions {
  /** Files larger than this are cached on first use, not on install (bytes). Default 5 MB. */
  maxFileBytes?: number
}

/** Public files that belong to the shell: favicon, web app manifest, icons. */
const SHELL_PUBLIC = /^(favicon\.[a-z]+|manifest\.webmanifest|icons\/.+)$/

function publicFiles(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  if (!dir || !existsSync(dir)) return files
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      if (name.startsWith('.')) continue
      const path = join(folder, name)
      if (statSync(path).isDirectory()) walk(path)
      else files.set(relative(dir, path).split(sep).join('/'), readFileSync(path))
    }
  }
  walk(dir)
  return files
}

/** The `src` / `href` values of index.html that point into the build ("/assets/x.js"). */
function htmlReferences(html: string, base: string): string[] {
  const found: string[] = []
  for (const match of html.matchAll(/\s(?:src|href)\s*=\s*["']([^"'#?]+)/g)) {
    const url = match[1]!
    if (url.startsWith(base) && !url.startsWith('//')) found.push(url.slice(base.length))
  }
  return found
}

/**
 * Emits the service worker (`/sw.js`) into the production build: src/pwa/sw.template.js with the
 * list of the build's files and a version hash. Build only: the dev server has no worker.
 */
export function serviceWorker(options: ServiceWorkerOptions = {}): Plugin {
  const maxBytes = options.maxFileBytes ?? 5_000_000
  let base = '/'
  let publicDir = ''

  return {
    name: 'photo-desk:service-worker',
    apply: 'build',
    configResolved(config) {
      base = config.base
      publicDir = config.build.copyPublicDir ? config.publicDir : ''
    },
    generateBundle: {
      // After every other plugin, so the list has index.html and every emitted file.
      order: 'post',
      handler(_output, bundle) {
        const contents = new Map<string, string | Uint8Array>()
        for (const [fileName, item] of Object.entries(bundle)) {
          if (fileName.endsWith('.map') || fileName.startsWith('.vite/')) continue
          contents.set(fileName, item.type === 'chunk' ? item.code : item.source)
        }
        for (const [fileName, data] of publicFiles(publicDir)) {
          if (!contents.has(fileName)) contents.set(fileName, data)
        }
        contents.delete(SERVICE_WORKER_FILE)
        // The site settings file changes without a build: the worker keeps it apart, network first.
        contents.delete(SITE_FILE_NAME)

        const html = contents.get('index.html')
        if (html === undefined) this.error('index.html is not in the bundle')
        const core = new Set(['index.html'])
        for (const path of htmlReferences(String(html), base)) {
          if (contents.has(path)) core.add(path)
        }
        for (const path of contents.keys()) if (SHELL_PUBLIC.test(path)) core.add(path)

        const template = readFileSync(TEMPLATE, 'utf8')
        const hash = createHash('sha256').update(template)
        const lazy: string[] = []
        const onDemand: PrecacheList['onDemand'] = []
        for (const [path, data] of [...contents].sort(([a], [b]) => a.localeCompare(b))) {
          hash.update(`\0${path}\0`).update(data)
          if (core.has(path)) continue
          if (data.length > maxBytes)
            onDemand.push({ path, sha256: createHash('sha256').update(data).digest('hex') })
          else lazy.push(path)
        }
        const list: PrecacheList = {
          version: hash.digest('hex').slice(0, 12),
          core: [...core].sort(),
          lazy,
          onDemand,
        }
        this.emitFile({
          type: 'asset',
          fileName: SERVICE_WORKER_FILE,
          source: template.replace(PLACEHOLDER, JSON.stringify(list, null, 2)),
        })
      },
    },
  }
}
