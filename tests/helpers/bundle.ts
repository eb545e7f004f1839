// What a production build of Photo Desk makes the browser download, screen by screen. Shared by
// the bundle-size test (tests/e2e/bundle-size.test.ts, on dist-test/) and the benchmark suite
// (bench/load-size.ts, on its own dist-bench/ built with a manifest). Pure file reading: the
// byte counts are deterministic for a given build.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { gzipSync } from 'node:zlib'

/**
 * The first screen's target (issue 8): JS + CSS of the sign-in screen, gzip, at most 60 kB.
 * Vue, vue-router, Pinia and ofetch take about 41 kB of it; everything behind sign-in (the desk,
 * the offline queue, the expiry dialog, each screen's strings) loads lazily.
 */
export const FIRST_SCREEN_GZIP_TARGET = 60_000

/**
 * Strings found in the face model's code and never in the app's own: TensorFlow.js kernel and
 * flag names (@vladmandic/face-api bundles TensorFlow.js) and face-api's network names. The
 * bundle-size test checks that each one really occurs in face-api's browser build.
 */
export const FACE_MODEL_MARKERS = [
  'DepthwiseConv2dNative',
  'FusedBatchNorm',
  'ResizeBilinear',
  'Conv2DBackpropInput',
  'BatchMatMul',
  'WEBGL_VERSION',
  'faceLandmark68TinyNet',
  'TinyFaceDetectorOptions',
]

/** One file of the build with its size as served: raw and gzip (level 9, as Vite reports). */
export interface AssetSize {
  /** Path inside the build folder, with `/` separators (e.g. `assets/index-abc.js`). */
  file: string
  kind: 'js' | 'css' | 'other'
  raw: number
  gzip: number
}

/** Totals over a set of files. */
export interface SizeTotals {
  raw: number
  gzip: number
  js: { raw: number; gzip: number }
  css: { raw: number; gzip: number }
  files: AssetSize[]
}

/** What index.html makes the browser fetch at once. */
export interface IndexHtmlAssets {
  /** `<script type="module" src>`: the entry. */
  scripts: string[]
  /** `<link rel="modulepreload" href>`: chunks the entry imports, fetched in parallel. */
  modulepreloads: string[]
  /** `<link rel="stylesheet" href>`. */
  stylesheets: string[]
}

/** A Vite build manifest entry (`build.manifest: true` writes `.vite/manifest.json`). */
export interface ManifestChunk {
  file: string
  name?: string
  src?: string
  isEntry?: boolean
  isDynamicEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
  assets?: string[]
}
export type Manifest = Record<string, ManifestChunk>

function attributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {}
  const pattern = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g
  // Skip the tag name itself.
  const body = tag.replace(/^<\s*[a-z]+/i, '')
  for (const m of body.matchAll(pattern)) {
    attrs[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? ''
  }
  return attrs
}

/** Reads the entry script, modulepreload links and stylesheets out of a built index.html. */
export function parseIndexHtml(html: string): IndexHtmlAssets {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '')
  const scripts: string[] = []
  const modulepreloads: string[] = []
  const stylesheets: string[] = []
  for (const [tag] of withoutComments.matchAll(/<script\b[^>]*>/gi)) {
    const a = attributes(tag)
    if (a.src && a.type === 'module') scripts.push(a.src)
  }
  for (const [tag] of withoutComments.matchAll(/<link\b[^>]*>/gi)) {
    const a = attributes(tag)
    const rel = (a.rel ?? '').toLowerCase().split(/\s+/)
    if (!a.href) continue
    if (rel.includes('modulepreload')) modulepreloads.push(a.href)
    else if (rel.includes('stylesheet')) stylesheets.push(a.href)
  }
  return { scripts, modulepreloads, stylesheets }
}

/** The build-relative path of a URL from index.html; throws for anything not in the build. */
export function urlToBuildPath(url: string, base = '/'): string {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url))
    throw new Error(`index.html loads ${url} from another origin: nothing may come from outside`)
  let path = url.split(/[?#]/)[0]!
  if (path.startsWith(base)) path = path.slice(base.length)
  return path.replace(/^\.?\//, '')
}

function kindOf(file: string): AssetSize['kind'] {
  if (/\.m?js$/.test(file)) return 'js'
  if (file.endsWith('.css')) return 'css'
  return 'other'
}

/** Raw and gzip size of one file of the build. */
export function assetSize(distDir: string, file: string): AssetSize {
  const path = join(distDir, file)
  if (!existsSync(path)) throw new Error(`${file} is referenced but not in ${distDir}`)
  const bytes = readFileSync(path)
  return { file, kind: kindOf(file), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
}

/** Sums the sizes of `files` (each counted once). */
export function totals(distDir: string, files: Iterable<string>): SizeTotals {
  const unique = [...new Set(files)]
  const sizes = unique.map((f) => assetSize(distDir, f))
  const sum = (kind?: AssetSize['kind']) => {
    const picked = sizes.filter((s) => !kind || s.kind === kind)
    return {
      raw: picked.reduce((n, s) => n + s.raw, 0),
      gzip: picked.reduce((n, s) => n + s.gzip, 0),
    }
  }
  const js = sum('js')
  const css = sum('css')
  return { raw: js.raw + css.raw, gzip: js.gzip + css.gzip, js, css, files: sizes }
}

/** The files index.html loads eagerly (entry + modulepreloads + stylesheets), build-relative. */
export function firstScreenFiles(distDir: string): string[] {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8')
  const assets = parseIndexHtml(html)
  if (assets.scripts.length === 0) throw new Error(`${distDir}/index.html has no module script`)
  return [...assets.scripts, ...assets.modulepreloads, ...assets.stylesheets].map((u) =>
    urlToBuildPath(u),
  )
}

/** JS and CSS of the first screen (sign-in): what index.html loads before anything is shown. */
export function firstScreen(distDir: string): SizeTotals {
  return totals(distDir, firstScreenFiles(distDir))
}

/** The manifest of a build made with `build.manifest: true`, or undefined. */
export function readManifest(distDir: string): Manifest | undefined {
  const path = join(distDir, '.vite', 'manifest.json')
  if (!existsSync(path)) return undefined
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest
}

/**
 * Everything that loading manifest entry `key` fetches: its chunk, its static imports
 * (recursively) and their CSS. `lazy` lists the dynamic imports found on the way (keys).
 */
export function chunkClosure(manifest: Manifest, key: string): { files: string[]; lazy: string[] } {
  const files: string[] = []
  const lazy: string[] = []
  const seen = new Set<string>()
  const visit = (k: string) => {
    if (seen.has(k)) return
    seen.add(k)
    const chunk = manifest[k]
    if (!chunk) throw new Error(`the build manifest has no entry ${k}`)
    files.push(chunk.file, ...(chunk.css ?? []))
    for (const i of chunk.imports ?? []) visit(i)
    for (const d of chunk.dynamicImports ?? []) if (!lazy.includes(d)) lazy.push(d)
  }
  visit(key)
  return { files: [...new Set(files)], lazy: lazy.filter((k) => !seen.has(k)) }
}

/** A lazily loaded chunk and what it adds on top of what is already loaded. */
export interface LazyChunk {
  /** The manifest key: the source path of the dynamic import (e.g. `src/views/BatchView.vue`). */
  key: string
  name: string
  /** Files it adds beyond the screen it is loaded from. */
  added: SizeTotals
}

/** The first screen, one route's screen on top of it, and the lazy chunks, from a manifest. */
export interface ScreenSizes {
  firstScreen: SizeTotals
  /** The route's screen: first screen + the route chunk's closure. */
  route: SizeTotals
  /** Dynamic imports reachable from the route (not loaded until used), sizes beyond `route`. */
  routeLazy: LazyChunk[]
  /** Every other dynamic entry of the build (other routes), sizes beyond the first screen. */
  otherLazy: LazyChunk[]
  /** Worker scripts (chunks' `assets`), loaded when the code that owns them starts one. */
  workers: (AssetSize & { owner: string })[]
  /** Data the code fetches at run time: face model weights and manifests, wasm. */
  staticFiles: AssetSize[]
}

/**
 * Sizes of the first screen and of the screen of route `routeKey` (its view's source path in the
 * manifest, e.g. `src/views/EnrollView.vue`, plus `withKeys` loaded beside it), with everything
 * loaded lazily listed apart.
 */
export function screenSizes(
  distDir: string,
  manifest: Manifest,
  routeKey: string,
  /** Other dynamic entries the router loads with the route (its strings), manifest keys. */
  withKeys: string[] = [],
): ScreenSizes {
  const first = firstScreenFiles(distDir)
  const firstSet = new Set(first)
  const route = chunkClosure(manifest, routeKey)
  const together = withKeys.flatMap((key) => chunkClosure(manifest, key).files)
  const routeFiles = [...new Set([...first, ...route.files, ...together])]
  const routeSet = new Set(routeFiles)
  const added = (key: string, loaded: Set<string>): LazyChunk => {
    const closure = chunkClosure(manifest, key)
    const chunk = manifest[key]!
    return {
      key,
      name: chunk.name ?? key,
      added: totals(
        distDir,
        closure.files.filter((f) => !loaded.has(f)),
      ),
    }
  }
  // The entry's own dynamic imports are the router's other routes, not the route's lazy parts.
  const entryLazy = new Set(
    Object.entries(manifest)
      .filter(([, c]) => c.isEntry)
      .flatMap(([key]) => chunkClosure(manifest, key).lazy),
  )
  // Everything lazily reachable from the route, breadth first (a model loader's own chunks too).
  const routeLazy: LazyChunk[] = []
  const queue = route.lazy.filter((key) => !entryLazy.has(key))
  const done = new Set<string>([routeKey, ...withKeys])
  while (queue.length > 0) {
    const key = queue.shift()!
    if (done.has(key)) continue
    done.add(key)
    routeLazy.push(added(key, routeSet))
    queue.push(...chunkClosure(manifest, key).lazy.filter((k) => !entryLazy.has(k)))
  }
  const otherLazy = Object.entries(manifest)
    .filter(([key, c]) => c.isDynamicEntry && !done.has(key))
    .map(([key]) => added(key, firstSet))
  const workers = Object.entries(manifest).flatMap(([key, c]) =>
    (c.assets ?? [])
      .filter((f) => kindOf(f) === 'js')
      .map((f) => ({ ...assetSize(distDir, f), owner: c.src ?? key })),
  )
  return {
    firstScreen: totals(distDir, first),
    route: totals(distDir, routeFiles),
    routeLazy,
    otherLazy,
    workers,
    staticFiles: staticFiles(distDir),
  }
}

// Model weights and their manifests, wasm: what a face model or codec fetches at run time.
const DATA_FILE = /(^|\/)models\/|\.(bin|wasm|onnx|tflite|task|pb)$|weights_manifest\.json$/

/** Data files of the build the code fetches at run time (face model weights, wasm), if any. */
export function staticFiles(distDir: string): AssetSize[] {
  const out: AssetSize[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      const file = relative(distDir, path).split(sep).join('/')
      if (file === '.vite') continue
      if (statSync(path).isDirectory()) walk(path)
      else if (kindOf(file) === 'other' && DATA_FILE.test(file)) out.push(assetSize(distDir, file))
    }
  }
  walk(distDir)
  return out
}

/** Which FACE_MODEL_MARKERS occur in each of `files` (build-relative); empty when clean. */
export function findFaceModelCode(
  distDir: string,
  files: string[],
): { file: string; markers: string[] }[] {
  return files
    .map((file) => {
      const text = readFileSync(join(distDir, file), 'utf8')
      return { file, markers: FACE_MODEL_MARKERS.filter((m) => text.includes(m)) }
    })
    .filter((hit) => hit.markers.length > 0)
}

/** `12,345` style kilobytes for people: 1 kB = 1,000 bytes, one decimal. */
export function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`
}
