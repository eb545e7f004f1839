import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium, newTestContext, type LaunchChromiumOptions } from './chromium.ts'
import { startDevServer, type RunningDevServer } from './dev-server.ts'

/** The photo pipeline's module, as the page sees it on `globalThis.photo`. */
export type PhotoApi = typeof import('@/photo/index.ts')

/** What the lab page holds: the pipeline and the page-side test tools. */
export interface LabGlobals {
  photo: PhotoApi
  lab: LabTools
}

/** Page-side tools for pixel checks, on `globalThis.lab`. */
export type LabTools = ReturnType<typeof installLabTools>

/**
 * Runs inside the page (serialised by Playwright, so it must not use anything from this module):
 * generates test pictures and measures pixels.
 */
function installLabTools() {
  type Drawable = CanvasImageSource & { width: number; height: number }
  type Rgb = [number, number, number]

  // A small deterministic generator, so every run paints the same picture.
  const random = (seed: number) => () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    return seed / 4294967296
  }

  const tools = {
    /** A seeded generator of numbers in [0, 1), for pictures that are the same on every run. */
    random,

    /** A portrait-like picture: gradient backdrop, face, hair strands, striped shirt, text, grain. */
    paintPhoto(width: number, height: number, grain = 8): OffscreenCanvas {
      const canvas = new OffscreenCanvas(width, height)
      const ctx = canvas.getContext('2d')!
      const s = Math.min(width, height)
      const cx = width / 2
      const sky = ctx.createLinearGradient(0, 0, 0, height)
      sky.addColorStop(0, '#7fa9d6')
      sky.addColorStop(1, '#e0d0b0')
      ctx.fillStyle = sky
      ctx.fillRect(0, 0, width, height)
      for (let i = 0; i < 12; i++) {
        ctx.fillStyle = i % 2 ? '#c33' : '#2b2f55'
        ctx.fillRect(cx - s * 0.36 + i * s * 0.06, height * 0.72, s * 0.06, height)
      }
      ctx.fillStyle = '#3a2418'
      ctx.beginPath()
      ctx.ellipse(cx, height * 0.36, s * 0.21, s * 0.2, 0, 0, Math.PI * 2)
      ctx.fill()
      const skin = ctx.createRadialGradient(
        cx - s * 0.05,
        height * 0.42,
        s * 0.02,
        cx,
        height * 0.45,
        s * 0.25,
      )
      skin.addColorStop(0, '#f3c9a8')
      skin.addColorStop(1, '#b07850')
      ctx.fillStyle = skin
      ctx.beginPath()
      ctx.ellipse(cx, height * 0.46, s * 0.17, s * 0.22, 0, 0, Math.PI * 2)
      ctx.fill()
      ctx.fillStyle = '#222'
      for (const dx of [-0.07, 0.07]) {
        ctx.beginPath()
        ctx.ellipse(cx + dx * s, height * 0.42, s * 0.025, s * 0.012, 0, 0, Math.PI * 2)
        ctx.fill()
      }
      const next = random(7)
      ctx.strokeStyle = '#1a0f08'
      ctx.lineWidth = Math.max(1, s / 800)
      for (let i = 0; i < 600; i++) {
        const a = next() * Math.PI
        ctx.beginPath()
        ctx.moveTo(cx + Math.cos(a) * s * 0.15, height * 0.36 - Math.sin(a) * s * 0.15)
        ctx.lineTo(cx + Math.cos(a) * s * 0.22, height * 0.36 - Math.sin(a) * s * 0.21)
        ctx.stroke()
      }
      ctx.font = `${Math.round(s * 0.04)}px sans-serif`
      ctx.fillStyle = '#123'
      ctx.fillText('PHOTO DESK 0123456789', s * 0.05, height * 0.08)
      if (grain > 0) tools.addNoise(canvas, grain, 11)
      return canvas
    },

    /** Adds grey noise of the given amplitude (255 = pure noise). */
    addNoise(canvas: OffscreenCanvas, amplitude: number, seed = 3): void {
      const ctx = canvas.getContext('2d')!
      const image = ctx.getImageData(0, 0, canvas.width, canvas.height)
      const d = image.data
      const next = random(seed)
      for (let i = 0; i < d.length; i += 4) {
        const n = (next() - 0.5) * amplitude
        d[i] = d[i]! + n
        d[i + 1] = d[i + 1]! + n
        d[i + 2] = d[i + 2]! + n
      }
      ctx.putImageData(image, 0, 0)
    },

    /** RGBA pixels of a drawable, optionally of a region. */
    pixels(source: Drawable, sx = 0, sy = 0, sw = source.width, sh = source.height) {
      const canvas = new OffscreenCanvas(sw, sh)
      const ctx = canvas.getContext('2d')!
      ctx.drawImage(source, sx, sy, sw, sh, 0, 0, sw, sh)
      return ctx.getImageData(0, 0, sw, sh).data
    },

    /** The RGB colour at (x, y). */
    colourAt(source: Drawable, x: number, y: number): Rgb {
      const d = tools.pixels(source, Math.floor(x), Math.floor(y), 1, 1)
      return [d[0]!, d[1]!, d[2]!]
    },

    /** Peak signal-to-noise ratio of two RGBA buffers, RGB only, in dB. */
    psnr(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
      let sum = 0
      let n = 0
      for (let i = 0; i < a.length; i += 4) {
        for (let c = 0; c < 3; c++) {
          const d = a[i + c]! - b[i + c]!
          sum += d * d
          n++
        }
      }
      return sum === 0 ? Infinity : 10 * Math.log10((255 * 255) / (sum / n))
    },

    /** Mean RGB of each cell of a `grid` x `grid` split (an independent box-filter reference). */
    blockMeans(data: Uint8ClampedArray, width: number, height: number, grid: number): number[] {
      const sums = new Float64Array(grid * grid * 3)
      const counts = new Float64Array(grid * grid)
      for (let y = 0; y < height; y++) {
        const gy = Math.floor((y * grid) / height)
        for (let x = 0; x < width; x++) {
          const cell = gy * grid + Math.floor((x * grid) / width)
          const i = (y * width + x) * 4
          sums[cell * 3]! += data[i]!
          sums[cell * 3 + 1]! += data[i + 1]!
          sums[cell * 3 + 2]! += data[i + 2]!
          counts[cell]! += 1
        }
      }
      return Array.from(sums, (v, i) => v / counts[Math.floor(i / 3)]!)
    },

    /** Mean absolute difference of two equal-length number lists. */
    meanAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
      let sum = 0
      for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!)
      return sum / a.length
    },

    /** The fake camera playing in a muted <video>, its first frame shown (stop its tracks). */
    async cameraVideo(video: MediaTrackConstraints | true = true): Promise<HTMLVideoElement> {
      const stream = await navigator.mediaDevices.getUserMedia({ video })
      const element = document.createElement('video')
      element.muted = true
      element.playsInline = true
      element.srcObject = stream
      await element.play()
      await new Promise((resolve) => element.requestVideoFrameCallback(resolve))
      return element
    },

    /** Stops the tracks of a video from cameraVideo. */
    stopCamera(video: HTMLVideoElement): void {
      for (const track of (video.srcObject as MediaStream | null)?.getTracks() ?? []) track.stop()
    },

    /** Bytes from base64 (for fixtures generated in Node). */
    bytes(base64: string): Uint8Array<ArrayBuffer> {
      const binary = atob(base64)
      return Uint8Array.from(binary, (c) => c.charCodeAt(0))
    },
  }
  ;(globalThis as unknown as { lab: typeof tools }).lab = tools
  return tools
}

/** The lab page: a blank page with the photo pipeline and the lab tools loaded. */
export interface PhotoLabPage {
  page: Page
  context: BrowserContext
  /** Uncaught page errors so far (assert it stays empty). */
  pageErrors: string[]
}

/** The dev server the lab page needs: the repository as it is, no app plugins. */
export function startPhotoLabServer(): Promise<RunningDevServer> {
  // Nothing to pre-bundle: the pipeline has no dependencies.
  return startDevServer()
}

/**
 * Opens tests/e2e/pages/photo-lab.html from the lab server at `url` in `browser`, with
 * `globalThis.photo` = src/photo/index.ts and `globalThis.lab` = the lab tools. In
 * `page.evaluate`, read both as `const { photo, lab } = globalThis as unknown as LabGlobals`.
 */
export async function openPhotoLabPage(browser: Browser, url: string): Promise<PhotoLabPage> {
  const { context, pageErrors } = await newTestContext(browser)
  const page = await context.newPage()
  await page.goto(`${url}/tests/e2e/pages/photo-lab.html`)
  // A string, not a function: Vitest rewrites `import()` inside functions in test files.
  await page.evaluate(`import('/src/photo/index.ts').then((m) => { globalThis.photo = m })`)
  // Under tsx (esbuild keepNames) serialised functions call a `__name` helper the page lacks.
  await page.evaluate('globalThis.__name ??= (f) => f')
  await page.evaluate(installLabTools)
  return { page, context, pageErrors }
}

/** The lab page in its own Chromium and dev server, for use outside a test file (the bench). */
export interface PhotoLab extends PhotoLabPage {
  browser: Browser
  /** The dev server's base URL. */
  url: string
  close(): Promise<void>
}

/**
 * Starts the lab server and a Chromium (`fakeCamera`: true or a .y4m path, see y4m.ts) and opens
 * the lab page. Test files use useBrowserSuite with startPhotoLabServer and openPhotoLabPage.
 */
export async function openPhotoLab(
  options: Pick<LaunchChromiumOptions, 'fakeCamera'> = {},
): Promise<PhotoLab> {
  const server = await startPhotoLabServer()
  let browser: Browser | undefined
  try {
    browser = await launchChromium(options)
    const opened = browser
    const lab = await openPhotoLabPage(opened, server.url)
    return {
      ...lab,
      browser: opened,
      url: server.url,
      async close() {
        await opened.close()
        await server.close()
      },
    }
  } catch (error) {
    await browser?.close()
    await server.close()
    throw error
  }
}
