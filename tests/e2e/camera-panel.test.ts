// CameraPanel in real Chromium with fake cameras: mirrored preview, unmirrored full-size frames,
// device switching that releases the old camera, denied permission and an insecure origin.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import vue from '@vitejs/plugin-vue'
import jpeg from 'jpeg-js'
import { launchChromium, newTestContext } from '../helpers/chromium.ts'
import { writeY4m } from '../helpers/y4m.ts'
import type { CameraLab } from './pages/camera-lab.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const LAB = '/tests/e2e/pages/camera-lab.html'

let dir: string
let clip: string
let server: ViteDevServer
let port: number
const browsers: Browser[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'camera-e2e-'))
  clip = join(dir, 'left-red-right-blue.y4m')
  // Asymmetric on purpose: a mirrored frame swaps the colours and cannot pass.
  writeY4m(clip, 1280, 720, (x) => (x < 640 ? [220, 30, 30] : [30, 40, 220]))
  server = await createServer({
    root,
    configFile: false,
    logLevel: 'warn',
    cacheDir: join(dir, 'vite-cache'),
    plugins: [vue()],
    resolve: { alias: { '@': join(root, 'src') } },
    define: {
      __VUE_I18N_FULL_INSTALL__: 'true',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
    },
    server: {
      port: 0,
      host: '127.0.0.1',
      strictPort: false,
      hmr: false,
      watch: null,
      allowedHosts: ['camera.test'],
    },
    optimizeDeps: { noDiscovery: true, include: ['vue'] },
  })
  await server.listen()
  const address = server.httpServer!.address()
  if (!address || typeof address === 'string') throw new Error('dev server has no port')
  port = address.port
})

afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()))
  await server?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

async function launch(options: Parameters<typeof launchChromium>[0]) {
  const browser = await launchChromium(options)
  browsers.push(browser)
  return browser
}

async function openLab(
  browser: Browser,
  query = '',
  host = '127.0.0.1',
): Promise<{ page: Page; context: BrowserContext; pageErrors: string[] }> {
  const { context, pageErrors } = await newTestContext(browser)
  const page = await context.newPage()
  await page.goto(`http://${host}:${port}${LAB}${query}`)
  await page.waitForFunction(() => 'lab' in window)
  return { page, context, pageErrors }
}

const lab = <T>(page: Page, fn: (lab: CameraLab) => T | Promise<T>) =>
  page.evaluate(`(${fn.toString()})(window.lab)`) as Promise<Awaited<T>>

/** The video is playing real frames: not paused, has data, and time moves. */
async function waitPlaying(page: Page) {
  await page.waitForFunction(() => {
    const v = document.querySelector('video')
    return !!v && !v.paused && v.readyState >= 2 && v.videoWidth > 0 && v.currentTime > 0
  })
}

type Rgb = number[]
const isRed = ([r, g, b]: Rgb) => r! > 170 && g! < 90 && b! < 90
const isBlue = ([r, g, b]: Rgb) => b! > 170 && r! < 90 && g! < 100

describe('camera panel with a fake webcam', () => {
  it('previews mirrored but grabs the frame at the track size, unmirrored', async () => {
    const browser = await launch({ fakeCamera: clip })
    const { page, context, pageErrors } = await openLab(browser, '?autoStart=1')
    await waitPlaying(page)

    const video = page.getByLabel('Live camera preview')
    const onScreen = await video.evaluate((v: HTMLVideoElement) => ({
      transform: getComputedStyle(v).transform,
      objectFit: getComputedStyle(v).objectFit,
      attrs: ['playsinline', 'autoplay'].every((a) => v.hasAttribute(a)),
      muted: v.muted,
      track: [v.videoWidth, v.videoHeight],
    }))
    expect(onScreen).toEqual({
      transform: 'matrix(-1, 0, 0, 1, 0, 0)',
      objectFit: 'contain',
      attrs: true,
      muted: true,
      track: [1280, 720],
    })

    // What the clerk sees: blue on the left (selfie view).
    const shot = jpeg.decode(await video.screenshot({ type: 'jpeg', quality: 95 }), {
      useTArray: true,
    })
    const px = (fx: number, fy: number) => {
      const i = (Math.floor(fy * shot.height) * shot.width + Math.floor(fx * shot.width)) * 4
      return Array.from(shot.data.slice(i, i + 3))
    }
    // Outside the oval the guide darkens the picture by 35 %: compare channels, not levels.
    const [l, r] = [px(0.08, 0.5), px(0.92, 0.5)]
    expect(l[2]! > l[0]! + 60, `left on screen ${l}`).toBe(true)
    expect(r[0]! > r[2]! + 60, `right on screen ${r}`).toBe(true)

    // What is saved: the track's own size, red on the left.
    const grab = await lab(page, (l) => l.grab())
    expect(grab).toMatchObject({ width: 1280, height: 720 })
    expect(isRed(grab!.left), `left ${grab!.left}`).toBe(true)
    expect(isBlue(grab!.right), `right ${grab!.right}`).toBe(true)

    // The stage has the frame's aspect, so nothing is cropped away on screen.
    const box = (await page.locator('.stage').boundingBox())!
    expect(box.width / box.height).toBeCloseTo(1280 / 720, 1)

    await page.screenshot({ path: '/tmp/camera-panel.png' })
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('waits for "Start camera" without autoStart; keyboard starts it; stop releases it', async () => {
    const browser = await launch({ fakeCamera: clip })
    const { page, context, pageErrors } = await openLab(browser)
    const start = page.getByRole('button', { name: 'Start camera', exact: true })
    await start.waitFor()
    await page.screenshot({ path: '/tmp/camera-panel-idle.png' })
    expect(await lab(page, (l) => l.tracks())).toEqual([])

    await page.keyboard.press('Tab')
    expect(await start.evaluate((b) => b === document.activeElement)).toBe(true)
    await page.keyboard.press('Enter')
    await waitPlaying(page)
    expect(await start.count()).toBe(0)
    // the Camera picker appears once permission is granted, with a real label
    const select = page.getByLabel('Camera', { exact: true })
    expect(await select.evaluate((s) => s.tagName)).toBe('SELECT')
    expect((await select.locator('option').allTextContents())[0]!.trim()).not.toBe('')
    expect(await lab(page, (l) => l.states.at(-1))).toEqual({ active: true, error: null })

    await lab(page, (l) => l.stop())
    expect(await lab(page, (l) => l.tracks().map((t) => t.readyState))).toEqual(['ended'])
    await start.waitFor()
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('releases the camera when the page is hidden', async () => {
    const browser = await launch({ fakeCamera: clip })
    const { page, context } = await openLab(browser, '?autoStart=1')
    await waitPlaying(page)
    // Opening another tab in headless Chromium does not hide this one: emulate the event.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
      document.dispatchEvent(new Event('visibilitychange'))
    })
    expect(await lab(page, (l) => l.tracks().map((t) => t.readyState))).toEqual(['ended'])
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true })
      document.dispatchEvent(new Event('visibilitychange'))
    })
    await waitPlaying(page)
    expect(await lab(page, (l) => l.tracks().map((t) => t.readyState))).toEqual(['ended', 'live'])
    await context.close()
  })
})

describe('choosing another camera', () => {
  it('stops the old track, opens the chosen one and remembers it', async () => {
    // The file-backed fake camera is a single device; the built-in pattern can be two.
    const browser = await launch({
      args: ['--use-fake-device-for-media-stream=device-count=2', '--use-fake-ui-for-media-stream'],
    })
    const query = '?autoStart=1&guideState=good&guideText=Move%20closer'
    const { page, context, pageErrors } = await openLab(browser, query)
    await waitPlaying(page)
    const select = page.getByLabel('Camera', { exact: true })
    const ids = await select
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
    expect(ids).toHaveLength(2)
    const [first, second] = ids as [string, string]
    expect(await select.inputValue()).toBe(first)

    await select.selectOption(second)
    await expect
      .poll(() => lab(page, (l) => l.tracks()))
      .toEqual([
        { readyState: 'ended', deviceId: first },
        { readyState: 'live', deviceId: second },
      ])
    await waitPlaying(page)
    await page.screenshot({ path: '/tmp/camera-panel-two-devices.png' })
    expect(await page.evaluate(() => localStorage.getItem('photo-desk:camera'))).toBe(second)

    // Next visit on this browser opens the remembered camera straight away.
    await page.reload()
    await page.waitForFunction(() => 'lab' in window)
    await waitPlaying(page)
    expect(await lab(page, (l) => l.tracks())).toEqual([{ readyState: 'live', deviceId: second }])
    expect(await page.getByLabel('Camera', { exact: true }).inputValue()).toBe(second)
    expect(pageErrors).toEqual([])
    await context.close()
  })
})

describe('camera errors', () => {
  it('explains a denied permission, keeps "Try again", and recovers once allowed', async () => {
    // No --use-fake-ui-for-media-stream: headless Chromium denies at once (NotAllowedError).
    const browser = await launch({ args: ['--use-fake-device-for-media-stream'] })
    const { page, context } = await openLab(browser, '?autoStart=1')
    const alert = page.getByRole('alert')
    await alert.waitFor()
    await page.screenshot({ path: '/tmp/camera-panel-denied.png' })
    await expect.poll(() => alert.textContent()).toContain('Camera access is blocked')
    expect(await alert.textContent()).toContain('set Camera to Allow')
    expect(await alert.textContent()).toContain('choose a photo file')
    expect(await lab(page, (l) => l.states.at(-1))).toEqual({
      active: false,
      error: { kind: 'denied' },
    })
    expect(await page.getByRole('button', { name: 'Start camera' }).count()).toBe(0)

    await context.grantPermissions(['camera'], { origin: `http://127.0.0.1:${port}` })
    await page.getByRole('button', { name: 'Try again', exact: true }).click()
    await waitPlaying(page)
    expect(await alert.count()).toBe(0)
    await context.close()
  })

  it('explains an insecure origin and names the https address', async () => {
    const browser = await launch({
      fakeCamera: true,
      args: ['--host-resolver-rules=MAP camera.test 127.0.0.1'],
    })
    const { page, context, pageErrors } = await openLab(browser, '?autoStart=1', 'camera.test')
    expect(await page.evaluate(() => [window.isSecureContext, !!navigator.mediaDevices])).toEqual([
      false,
      false,
    ])
    const alert = page.getByRole('alert')
    await alert.waitFor()
    const text = await alert.textContent()
    expect(text).toContain('The camera needs a secure (HTTPS) connection')
    expect(text).toContain(`https://camera.test:${port}${LAB}`)
    expect(text).toContain('localhost')
    expect(await alert.getByRole('link').getAttribute('href')).toBe(
      `https://camera.test:${port}${LAB}`,
    )
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Start camera' }).count()).toBe(0)
    await page.screenshot({ path: '/tmp/camera-panel-insecure.png' })
    expect(pageErrors).toEqual([])
    await context.close()
  })
})
