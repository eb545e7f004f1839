// Node side of the face lab: a Vite dev server with the face-model plugin and a simulator, and
// fake-camera clips painted from the face photos that ship in @vladmandic/face-api.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { faceModels } from '../../../server/face-models.ts'
import { biostar } from '../../../server/biostar-plugin.ts'
import { createSimulator, type SimOptions, type Simulator } from '../../../sim/index.ts'
import { decodeJpeg, type Decoded, type Paint } from '../../helpers/images.ts'
import { writeY4m, type Rgb } from '../../helpers/y4m.ts'
import { newTestContext } from '../../helpers/chromium.ts'
import { startDevServer, type RunningDevServer } from '../../helpers/dev-server.ts'
import type { BrowserSuite, BrowserSuiteOptions } from '../../helpers/browser-suite.ts'
import type { FaceLab } from './face-lab.ts'

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
 * A picture of `width` x `height` framing `face` the way a person sits at the desk: head
 * `headShare` of the height, eyes `eyeLine` down, the face's centre `centreX` across (bilinear
 * sampling; outside the photo repeats its edge).
 */
export function faceScene(
  face: SampleFace,
  { width = 640, height = 480, headShare = 0.5, eyeLine = 0.45, centreX = 0.5 } = {},
): Paint {
  const photo = samplePhoto(face.sample)
  const scale = face.head / (headShare * height) // photo px per clip px
  const x0 = face.eyeX - centreX * width * scale
  const y0 = face.eyeY - eyeLine * height * scale
  const at = (x: number, y: number, c: number) => {
    const cx = Math.min(Math.max(Math.round(x), 0), photo.width - 1)
    const cy = Math.min(Math.max(Math.round(y), 0), photo.height - 1)
    return photo.data[(cy * photo.width + cx) * 4 + c]!
  }
  return (x: number, y: number): Rgb => {
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
}

/** Writes a fake-camera clip of `faceScene`, optionally blurred (motion or focus blur). */
export function writeFaceClip(
  path: string,
  face: SampleFace,
  { width = 640, height = 480, headShare = 0.5, eyeLine = 0.45, blur = 0 } = {},
): void {
  const pixel = faceScene(face, { width, height, headShare, eyeLine })
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

export interface FaceLabServer extends RunningDevServer {
  sim: Simulator
}

/** A dev server for the lab: Vue, the face models on /models/face/, and a simulator on /api. */
export async function startFaceLabServer(
  cacheDir: string,
  options: { sim?: SimOptions; plugins?: Plugin[] } = {},
): Promise<FaceLabServer> {
  // The tests check what the server received (the upload_picture body).
  const sim = createSimulator({ seed: 1, recordBodies: true, ...options.sim })
  const dev = await startDevServer({
    cacheDir,
    plugins: [
      vue(),
      faceModels(),
      biostar({ biostarUrl: '', simulator: sim }),
      ...(options.plugins ?? []),
    ],
    // face-api is one ESM file already: nothing to pre-bundle but the Vue stack.
    include: ['vue', 'ofetch'],
  }).catch(async (error: unknown) => {
    await sim.close()
    throw error
  })
  return {
    ...dev,
    sim,
    async close() {
      await dev.close()
      await sim.close()
    },
  }
}

/** useBrowserSuite's options for a face lab file: a scratch folder `prefix…` and the lab server. */
export function faceLabSuite(prefix: string): BrowserSuiteOptions<FaceLabServer> {
  // Each clip is a camera, and camera flags apply per browser: tests open() their own.
  return {
    scratch: prefix,
    browser: false,
    app: ({ dir }) => startFaceLabServer(join(dir, 'vite-cache')),
  }
}

export interface OpenedLab {
  browser: Browser
  context: BrowserContext
  page: Page
  pageErrors: string[]
  requests: string[]
}

/** A new browser (closed with the suite) whose camera plays `clip`, on the lab page with `query`. */
export async function openFaceLab(
  suite: BrowserSuite<FaceLabServer>,
  clip: string,
  query = '?autoStart=1',
  prepare?: (context: BrowserContext) => Promise<void>,
): Promise<OpenedLab> {
  const browser = await suite.launch({ fakeCamera: clip })
  const { context, pageErrors, requests } = await newTestContext(browser)
  await prepare?.(context)
  const page = await context.newPage()
  await page.goto(`${suite.app.url}${LAB_PATH}${query}`)
  await page.waitForFunction(() => 'faceLab' in window)
  return { browser, context, page, pageErrors, requests }
}

/** The lab's state, read in the page. */
export function labState(page: Page) {
  return page.evaluate(() => (window as unknown as { faceLab: FaceLab }).faceLab.state())
}
