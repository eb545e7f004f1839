// Smart capture as it ships: a Vite 8 production build with the face-models plugin (models
// emitted next to the app, face-api only in lazily loaded chunks), served by `vite preview`
// under the production Content-Security-Policy (no 'unsafe-eval'), finding a face in the camera.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from 'vite'
import vue from '@vitejs/plugin-vue'
import {
  FACE_MODEL_FILES,
  FACE_WASM_FILES,
  defaultModelDir,
  defaultWasmDir,
  faceModels,
} from '../../server/face-models.ts'
import { CONTENT_SECURITY_POLICY } from '../../server/security-headers.ts'
import { ROOT, startApp } from '../helpers/app-server.ts'
import { newTestContext } from '../helpers/chromium.ts'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { watchCsp } from '../helpers/nginx.ts'
import type { FaceLab } from './pages/face-lab.ts'
import { LAB_PATH, SAMPLE_FACES, labState, writeFaceClip } from './pages/face-lab.server.ts'

let buildMs: number

function files(folder: string): { path: string; bytes: number }[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((p) => join(folder, p))
    .filter((p) => statSync(p).isFile())
    .map((p) => ({ path: relative(folder, p), bytes: statSync(p).size }))
}

/** The face lab page built for production into `out`. */
async function buildLab(dir: string, out: string) {
  const started = performance.now()
  await build({
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    cacheDir: join(dir, 'vite-cache'),
    plugins: [vue(), faceModels()],
    resolve: { alias: { '@': join(ROOT, 'src') } },
    build: {
      outDir: out,
      emptyOutDir: true,
      target: 'es2022',
      // face-api is one 1.3 MB file by design (it loads on demand); do not warn about it.
      chunkSizeWarningLimit: 2000,
      rollupOptions: { input: join(ROOT, LAB_PATH.slice(1)) },
    },
  })
  buildMs = performance.now() - started
}

// The lab built, then served by `vite preview` with production's headers; a browser per clip.
const suite = useBrowserSuite({
  scratch: 'face-build-',
  browser: false,
  timeout: 120_000,
  app: async ({ dir }) => {
    await buildLab(dir, join(dir, 'dist'))
    return startApp({ outDir: join(dir, 'dist'), securityHeaders: true, sim: { seed: 5 } })
  },
})

describe('the production build', () => {
  it('emits the three models and the WebAssembly, and keeps face-api out of the page’s first scripts', () => {
    const out = join(suite.dir, 'dist')
    const all = files(out)
    for (const file of FACE_MODEL_FILES) {
      const emitted = all.find((f) => f.path === `models/face/${file}`)
      expect(emitted?.bytes, file).toBe(statSync(join(defaultModelDir(), file)).size)
    }
    for (const file of FACE_WASM_FILES) {
      const emitted = all.find((f) => f.path === `models/face/${file}`)
      expect(emitted?.bytes, file).toBe(statSync(join(defaultWasmDir(), file)).size)
    }
    // Only what is used: no SSD MobileNet (5.6 MB), no threaded WebAssembly.
    expect(all.filter((f) => f.path.startsWith('models/')).length).toBe(
      FACE_MODEL_FILES.length + FACE_WASM_FILES.length,
    )

    const html = readFileSync(join(out, LAB_PATH), 'utf8')
    const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!)
    expect(initial.length).toBeGreaterThan(0)
    for (const script of initial) {
      const text = readFileSync(join(out, script), 'utf8')
      // The bundled tfjs names its backends; none of it may load with the page.
      expect(text, script).not.toMatch(/BackendWasm|MathBackendWebGL|tinyFaceDetector/)
    }
    const worker = all.find((f) => /face\.worker.*\.js$/.test(f.path))
    expect(worker?.bytes).toBeGreaterThan(1_000_000)
    console.info(
      'face build',
      JSON.stringify({
        buildMs: Math.round(buildMs),
        initial: initial.map((s) => [s, statSync(join(out, s)).size]),
        worker,
      }),
    )
  })

  it('finds a face in the camera under the production CSP (no eval), on the worker, in WebAssembly', async () => {
    const base = suite.app.url
    const clip = join(suite.dir, 'group.y4m')
    writeFaceClip(clip, SAMPLE_FACES.group)
    const browser = await suite.launch({ fakeCamera: clip })
    const { context, pageErrors, requests } = await newTestContext(browser)
    const violations = await watchCsp(context)
    const page = await context.newPage()
    const response = await page.goto(`${base}${LAB_PATH}?autoStart=1&slowMs=20000&sizes=160`)
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    await page.waitForFunction(() => 'faceLab' in window)
    await expect
      .poll(async () => (await labState(page)).checks.find((c) => c.id === 'face')?.state, {
        timeout: 40_000,
        interval: 250,
      })
      .toBe('pass')
    const timing = await page.evaluate(() =>
      (window as unknown as { faceLab: FaceLab }).faceLab.time(),
    )
    expect(timing.where).toBe('worker')
    expect(timing.backend).toBe('wasm')
    console.info('face timings (build, CSP)', JSON.stringify(timing))
    // The detector, the landmarks and the SIMD WebAssembly; the recognition model only on a check.
    expect(requests.filter((u) => u.includes('/models/face/')).sort()).toEqual(
      [
        'face_landmark_68_tiny_model-weights_manifest.json',
        'face_landmark_68_tiny_model.bin',
        'tfjs-backend-wasm-simd.wasm',
        'tiny_face_detector_model-weights_manifest.json',
        'tiny_face_detector_model.bin',
      ].map((f) => `${base}/models/face/${f}`),
    )
    expect(requests.every((u) => u.startsWith(base) || /^(data|blob):/.test(u))).toBe(true)
    expect(violations()).toEqual([])
    expect(pageErrors).toEqual([])
  })
})
