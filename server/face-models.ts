import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Plugin } from 'vite'

/**
 * The face models the app uses, from `@vladmandic/face-api`'s `model/` folder: the tiny face
 * detector (193 KB), the tiny 68-point landmarks (77 KB), and the face recognition model
 * (6.4 MB, 128-number descriptors for the same-person check; fetched only when a check runs, and
 * too large for the service worker's copy), each a manifest plus one weights file. Nothing else
 * from the package is served or copied.
 */
export const FACE_MODEL_FILES = [
  'tiny_face_detector_model-weights_manifest.json',
  'tiny_face_detector_model.bin',
  'face_landmark_68_tiny_model-weights_manifest.json',
  'face_landmark_68_tiny_model.bin',
  'face_recognition_model-weights_manifest.json',
  'face_recognition_model.bin',
] as const

/**
 * tfjs's WebAssembly binaries (SIMD, and plain for browsers without SIMD) from
 * `@tensorflow/tfjs-backend-wasm`, the same version as the tfjs inside face-api (4.22.0): served
 * beside the models, they run the detector about 30 times faster than tfjs's JavaScript CPU code.
 * src/face/engine.ts WASM_FILES names the same files.
 */
export const FACE_WASM_FILES = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'] as const

/** Where the app loads them from, below its base URL (src/face/detector.ts uses the same). */
export const FACE_MODEL_PATH = 'models/face/'

export interface FaceModelsOptions {
  /** The folder holding the files. Default: the installed package's `model/`. */
  modelDir?: string
  /** The folder holding FACE_WASM_FILES. Default: the installed tfjs-backend-wasm's `dist/`. */
  wasmDir?: string
}

/** The installed `@vladmandic/face-api/model` folder. */
export function defaultModelDir(): string {
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model')
}

/** The installed `@tensorflow/tfjs-backend-wasm/dist` folder. */
export function defaultWasmDir(): string {
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')
}

function contentType(file: string): string {
  if (file.endsWith('.wasm')) return 'application/wasm'
  return file.endsWith('.json') ? 'application/json' : 'application/octet-stream'
}

type Middlewares = {
  use(fn: (req: IncomingMessage, res: ServerResponse, next: () => void) => void): void
}

/**
 * Serves the face models on `<base>models/face/` in `vite` and `vite preview`, and emits them
 * into the build (`dist/models/face/`), so the app loads them from its own origin only.
 */
export function faceModels(options: FaceModelsOptions = {}): Plugin {
  const modelDir = options.modelDir ?? defaultModelDir()
  let base = '/'
  const wasmDir = options.wasmDir ?? defaultWasmDir()
  const isWasm = (file: string) => (FACE_WASM_FILES as readonly string[]).includes(file)
  const read = (file: string) => readFileSync(join(isWasm(file) ? wasmDir : modelDir, file))
  const files = [...FACE_MODEL_FILES, ...FACE_WASM_FILES]

  function serve(middlewares: Middlewares) {
    const prefix = `${base}${FACE_MODEL_PATH}`
    middlewares.use((req, res, next) => {
      const path = req.url?.split('?')[0] ?? ''
      if (!path.startsWith(prefix)) return next()
      const file = path.slice(prefix.length)
      if (!(files as readonly string[]).includes(file)) return next()
      let body: Buffer
      try {
        body = read(file)
      } catch {
        return next()
      }
      res.writeHead(200, {
        'Content-Type': contentType(file),
        'Content-Length': String(body.length),
        'Cache-Control': 'no-cache',
      })
      res.end(req.method === 'HEAD' ? undefined : body)
    })
  }

  return {
    name: 'photo-desk:face-models',
    configResolved(config) {
      base = config.base.endsWith('/') ? config.base : `${config.base}/`
    },
    configureServer(server) {
      serve(server.middlewares)
    },
    configurePreviewServer(server) {
      // A build made with this plugin already holds the files; this covers one made without.
      serve(server.middlewares)
    },
    generateBundle() {
      for (const file of files) {
        this.emitFile({ type: 'asset', fileName: `${FACE_MODEL_PATH}${file}`, source: read(file) })
      }
    },
  }
}
