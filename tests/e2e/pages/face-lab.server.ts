// Node side of the face lab: a Vite dev server with the face-model plugin and a simulator, and
// fake-camera clips painted from the face photos that ship in @vladmandic/face-api.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll } from 'vitest'
import { createServer, type Plugin, type ViteDevServer } from 'vite'
import vue from '@vitejs/plugin-vue'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { faceModels } from '../../../server/face-models.ts'
import { biostar } from '../../../server/biostar-plugin.ts'
import { createSimulator, type SimOptions, type Simulator } from '../../../sim/index.ts'
import { decodeJpeg, type Decoded } from '../../helpers/images.ts'
import { writeY4m, type Rgb } from '../../helpers/y4m.ts'
import { launchChromium, newTestContext } from '../../helpers/chromium.ts'
import type { FaceLab } from './face-lab.ts'

const root = fileURLToPath(new URL('../../..', import.meta.url))
export const LAB_PATH = '/tests/e2e/pages/face-lab.html'

/** A face in one of the package's sample photos (found by the tiny detector at 608 px). */
export interface SampleFace {
  sample: number
  /** Between the eyes, and the head height (crown to chin), in the photo's pixels. */
  eyeX: number
  eyeY: number
  head: number
}

/**
 * Faces the tiny detector finds at every input size (score >= 0.7 at 160-416), near-frontal
 * (|roll| < 1°, |yaw| <= 0.21; see src/face/measures.ts).
 */
export const SAMPLE_FACES = {
  /** sample3.jpg, the left one of three: alone in a portrait (tablet) clip 480 x 640. */
  single: { sample: 3, eyeX: 674, eyeY: 432, head: 339 },
  /** sample6.jpg, third of four: its neighbours show in a 640 x 480 clip too. */
  group: { sample: 6, eyeX: 1277, eyeY: 427, head: 316 },
} satisfies Record<string, SampleFace>

export function samplePhoto(n: number): Decoded {
  const require = createRequire(import.meta.url)
  const dir = dirname(require.resolve('@vladmandic/face-api/package.json'))
  return decodeJpeg(readFileSync(join(dir, 'demo', `sample${n}.jpg`)))
}

/**
 * Writes a fake-camera clip of `width` x `height` framing `face` the way a person sits at the
 * desk: head `headShare` of the frame height, eyes `eyeLine` down, centred (bilinear sampling;
 * outside the photo repeats its edge).
 */
export function writeFaceClip(
  path: string,
  face: SampleFace,
  { width = 640, height = 480, headShare = 0.5, eyeLine = 0.45, blur = 0 } = {},
): void {
  const photo = samplePhoto(face.sample)
  const scale = face.head / (headShare * height) // photo px per clip px
  const x0 = face.eyeX - (width / 2) * scale
  const y0 = face.eyeY - eyeLine * height * scale
  const at = (x: number, y: number, c: number) => {
    const cx = Math.min(Math.max(Math.round(x), 0), photo.width - 1)
    const cy = Math.min(Math.max(Math.round(y), 0), photo.height - 1)
    return photo.data[(cy * photo.width + cx) * 4 + c]!
  }
  const pixel = (x: number, y: number): Rgb => {
    const sx = x0 + (x + 0.5) * scale - 0.5
    const sy = y0 + (y + 0.5) * scale - 0.5
    const fx = Math.floor(sx)
    const fy = Math.floor(sy)
    const ax = sx - fx
    const ay = sy - fy
    const rgb: number[] = []
    for (let c = 0; c < 3; c++) {
      const top = at(fx, fy, c) * (1 - ax) + at(fx + 1, fy, c) * ax
      const bottom = at(fx, fy + 1, c) * (1 - ax) + at(fx + 1, fy + 1, c) * ax
      rgb.push(top * (1 - ay) + bottom * ay)
    }
    return rgb as Rgb
  }
  if (blur <= 0) return writeY4m(path, width, height, pixel)
  // A box blur of radius `blur` clip pixels (motion or focus blur, for "Hold still").
  const frame = new Float32Array(width * height * 3)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) frame.set(pixel(x, y), (y * width + x) * 3)
  const blurred = boxBlur(boxBlur(frame, width, height, blur, true), width, height, blur, false)
  writeY4m(path, width, height, (x, y) => {
    const i = (y * width + x) * 3
    return [blurred[i]!, blurred[i + 1]!, blurred[i + 2]!]
  })
}

function boxBlur(
  src: Float32Array,
  width: number,
  height: number,
  radius: number,
  horizontal: boolean,
): Float32Array {
  const out = new Float32Array(src.length)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0
        for (let k = -radius; k <= radius; k++) {
          const xx = horizontal ? Math.min(Math.max(x + k, 0), width - 1) : x
          const yy = horizontal ? y : Math.min(Math.max(y + k, 0), height - 1)
          sum += src[(yy * width + xx) * 3 + c]!
        }
        out[(y * width + x) * 3 + c] = sum / (2 * radius + 1)
      }
    }
  }
  return out
}

/** A clip with no face: flat colour fields. */
export function writeFlatClip(path: string, width = 640, height = 480): void {
  writeY4m(path, width, height, (x, y) =>
    y < height * 0.6 ? (x < width / 2 ? [120, 140, 170] : [200, 190, 170]) : [70, 80, 60],
  )
}

export interface FaceLabServer {
  server: ViteDevServer
  sim: Simulator
  url: string
  close(): Promise<void>
}

/** A dev server for the lab: Vue, the face models on /models/face/, and a simulator on /api. */
export async function startFaceLabServer(
  cacheDir: string,
  options: { sim?: SimOptions; plugins?: Plugin[] } = {},
): Promise<FaceLabServer> {
  const sim = createSimulator({ seed: 1, ...options.sim })
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'warn',
    cacheDir,
    plugins: [
      vue(),
      faceModels(),
      biostar({ biostarUrl: '', simulator: sim }),
      ...(options.plugins ?? []),
    ],
    resolve: { alias: { '@': join(root, 'src') } },
    define: {
      __VUE_I18N_FULL_INSTALL__: 'true',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
    },
    server: { port: 0, host: '127.0.0.1', strictPort: false, hmr: false, watch: null },
    // face-api is one ESM file already: nothing to pre-bundle but the Vue stack.
    optimizeDeps: { noDiscovery: true, include: ['vue', 'ofetch'] },
  })
  await server.listen()
  const address = server.httpServer?.address()
  if (!address || typeof address === 'string') throw new Error('dev server has no port')
  return {
    server,
    sim,
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      await server.close()
      await sim.close()
    },
  }
}

export interface OpenedLab {
  browser: Browser
  context: BrowserContext
  page: Page
  pageErrors: string[]
  requests: string[]
}

/** A browser whose camera plays `clip`, on the lab page with `query`. */
export async function openFaceLab(
  lab: FaceLabServer,
  clip: string,
  query = '?autoStart=1',
  prepare?: (context: BrowserContext) => Promise<void>,
): Promise<OpenedLab> {
  const browser = await launchChromium({ fakeCamera: clip })
  try {
    const { context, pageErrors, requests } = await newTestContext(browser)
    await prepare?.(context)
    const page = await context.newPage()
    await page.goto(`${lab.url}${LAB_PATH}${query}`)
    await page.waitForFunction(() => 'faceLab' in window)
    return { browser, context, page, pageErrors, requests }
  } catch (error) {
    await browser.close()
    throw error
  }
}

/** The lab server, a scratch folder and the browsers a face test file opens, set up once. */
export interface FaceLabSuite {
  /** Scratch folder for camera clips and screenshots; removed after the file's tests. */
  readonly dir: string
  readonly lab: FaceLabServer
  /** openFaceLab on this suite's server; the browser is closed after the file's tests. */
  open(
    clip: string,
    query?: string,
    prepare?: (context: BrowserContext) => Promise<void>,
  ): Promise<OpenedLab>
}

/** Registers beforeAll/afterAll for the calling test file (scratch folder named `prefix…`). */
export function useFaceLabSuite(prefix: string): FaceLabSuite {
  let dir: string | undefined
  let lab: FaceLabServer | undefined
  const opened: OpenedLab[] = []
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix))
    lab = await startFaceLabServer(join(dir, 'vite-cache'))
  })
  afterAll(async () => {
    await Promise.all(opened.map((o) => o.browser.close()))
    await lab?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the face lab is not started: use it inside a test')
    return value
  }
  return {
    get dir() {
      return started(dir)
    },
    get lab() {
      return started(lab)
    },
    async open(clip, query, prepare) {
      const o = await openFaceLab(started(lab), clip, query, prepare)
      opened.push(o)
      return o
    },
  }
}

/** The lab's state, read in the page. */
export function labState(page: Page) {
  return page.evaluate(() => (window as unknown as { faceLab: FaceLab }).faceLab.state())
}
