// CameraPanel in real Chromium with fake cameras: mirrored preview, unmirrored full-size frames,
// device switching that releases the old camera, denied permission, an insecure origin, and the
// coaching line kept off the face oval on phones and tablets.
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import vue from '@vitejs/plugin-vue'
import jpeg from 'jpeg-js'
import { newTestContext } from '../helpers/chromium.ts'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { startDevServer } from '../helpers/dev-server.ts'
import { writeY4m } from '../helpers/y4m.ts'
import type { CameraLab, CoachingProps } from './pages/camera-lab.ts'
import cameraEn from '../../src/i18n/camera.en.ts'
import cameraKo from '../../src/i18n/camera.ko.ts'
import faceEn from '../../src/i18n/face.en.ts'
import faceKo from '../../src/i18n/face.ko.ts'

const LAB = '/tests/e2e/pages/camera-lab.html'

// Camera flags apply to the whole browser: each test launches the Chromium it needs.
const suite = useBrowserSuite({
  scratch: 'camera-e2e-',
  browser: false,
  app: ({ dir }) =>
    startDevServer({
      plugins: [vue()],
      cacheDir: join(dir, 'vite-cache'),
      include: ['vue'],
      allowedHosts: ['camera.test'],
    }),
})
const port = () => new URL(suite.app.url).port

let clip: string

beforeAll(() => {
  clip = join(suite.dir, 'left-red-right-blue.y4m')
  // Asymmetric on purpose: a mirrored frame swaps the colours and cannot pass.
  writeY4m(clip, 1280, 720, (x) => (x < 640 ? [220, 30, 30] : [30, 40, 220]))
})

async function openLab(
  browser: Browser,
  query = '',
  host = '127.0.0.1',
): Promise<{ page: Page; context: BrowserContext; pageErrors: string[] }> {
  const { context, pageErrors } = await newTestContext(browser)
  const page = await context.newPage()
  await page.goto(`http://${host}:${port()}${LAB}${query}`)
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
    const browser = await suite.launch({ fakeCamera: clip })
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
    const browser = await suite.launch({ fakeCamera: clip })
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
    const browser = await suite.launch({ fakeCamera: clip })
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
    const browser = await suite.launch({
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
    const browser = await suite.launch({ args: ['--use-fake-device-for-media-stream'] })
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

    await context.grantPermissions(['camera'], { origin: `http://127.0.0.1:${port()}` })
    await page.getByRole('button', { name: 'Try again', exact: true }).click()
    await waitPlaying(page)
    expect(await alert.count()).toBe(0)
    await context.close()
  })

  it('explains an insecure origin and names the https address', async () => {
    const browser = await suite.launch({
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
    expect(text).toContain(`https://camera.test:${port()}${LAB}`)
    expect(text).toContain('localhost')
    expect(await alert.getByRole('link').getAttribute('href')).toBe(
      `https://camera.test:${port()}${LAB}`,
    )
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Start camera' }).count()).toBe(0)
    await page.screenshot({ path: '/tmp/camera-panel-insecure.png' })
    expect(pageErrors).toEqual([])
    await context.close()
  })
})

describe('the coaching line and the face oval', () => {
  const VIEWPORTS = [
    { width: 390, height: 844 },
    { width: 768, height: 1024 },
    { width: 1024, height: 768 },
  ]
  // A webcam, a tablet's portrait camera and a phone's front camera.
  const FRAMES = [
    { width: 1280, height: 720 },
    { width: 480, height: 640 },
    { width: 720, height: 1280 },
  ]
  const STRINGS = { en: { camera: cameraEn, face: faceEn }, ko: { camera: cameraKo, face: faceKo } }

  type Show = { text: string } | { props: CoachingProps }
  /** What the guide slot can show: every coaching line, two lines at once, the countdown. */
  function cases(lang: keyof typeof STRINGS): { name: string; show: Show }[] {
    const { camera, face } = STRINGS[lang]
    const ready = { status: 'ready', instruction: null, allPass: false, stableFor: 0 } as const
    const coach = (name: string, props: CoachingProps) => ({ name, show: { props } })
    const longest = [...Object.values(face.do), face.good].sort((a, b) => b.length - a.length)[0]!
    return [
      // CameraPanel's own line.
      { name: 'default hint', show: { text: camera.guide } },
      { name: 'longest text', show: { text: longest } },
      // FaceCoaching, as the desk shows it.
      coach('hint', ready),
      ...Object.keys(face.do).map((key) => coach(key, { ...ready, instruction: `face.do.${key}` })),
      coach('good', { ...ready, allPass: true }),
      coach('loading', { ...ready, status: 'loading' }),
      coach('off-slow', { ...ready, status: 'off', offReason: 'slow' }),
      coach('off-model', { ...ready, status: 'off', offReason: 'model' }),
      coach('countdown', { ...ready, allPass: true, stableFor: 5000, autoCapture: true }),
    ]
  }

  type Box = { left: number; top: number; right: number; bottom: number }
  interface Layout {
    oval: Box
    frame: Box
    stage: Box
    pills: (Box & { text: string })[]
  }

  /** Shows each case in turn and measures it on screen, all in the page (one round trip). */
  const measure = (page: Page, shows: Show[]) =>
    page.evaluate(async (shows) => {
      const box = (el: Element | null): Box => {
        const r = el!.getBoundingClientRect()
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }
      }
      const out: Layout[] = []
      for (const show of shows) {
        if ('props' in show) window.lab.showCoaching(show.props)
        else window.lab.showText(show.text)
        // Vue patches the DOM in a microtask; reading the boxes then forces the layout.
        await new Promise((r) => setTimeout(r))
        out.push({
          oval: box(document.querySelector('ellipse.oval')),
          frame: box(document.querySelector('.frame')),
          stage: box(document.querySelector('.stage')),
          pills: [...document.querySelectorAll('.overlay p')].map((p) => ({
            text: p.textContent!.trim(),
            ...box(p),
          })),
        })
      }
      return out
    }, shows)

  // `margin`: the oval's 4 px stroke is centred on the outline the box follows.
  const intersects = (a: Box, b: Box, margin = 2) =>
    a.left - margin < b.right &&
    b.left < a.right + margin &&
    a.top - margin < b.bottom &&
    b.top < a.bottom + margin

  it.each(FRAMES)(
    'keeps every pill off the oval: $width x $height frame, phone and tablets, en and ko',
    async (frame) => {
      const y4m = join(suite.dir, `frame-${frame.width}x${frame.height}.y4m`)
      writeY4m(y4m, frame.width, frame.height, (x, y) => [90 + (x % 64), 110, 90 + (y % 64)])
      const browser = await suite.launch({ fakeCamera: y4m })
      // CAMERA_SHOTS=<dir> keeps a screenshot of some cases to look at.
      const shots = process.env.CAMERA_SHOTS
      for (const lang of ['en', 'ko'] as const) {
        const { context, page, pageErrors } = await openLab(browser, `?autoStart=1&lang=${lang}`)
        await waitPlaying(page)
        for (const viewport of VIEWPORTS) {
          await page.setViewportSize(viewport)
          const where = `${viewport.width}x${viewport.height}-${lang}`
          const all = cases(lang)
          const layouts = await measure(
            page,
            all.map((c) => c.show),
          )
          all.forEach(({ name }, i) => {
            const l = layouts[i]!
            expect(l.pills.length, `${where} ${name}`).toBeGreaterThan(0)
            for (const pill of l.pills) {
              const what = `${where} ${name}: "${pill.text}"`
              expect(intersects(l.oval, pill), `${what} covers the oval`).toBe(false)
              expect(pill.left, `${what} sticks out`).toBeGreaterThanOrEqual(l.stage.left)
              expect(pill.right, `${what} sticks out`).toBeLessThanOrEqual(l.stage.right)
              expect(pill.bottom, `${what} below the stage`).toBeLessThanOrEqual(l.stage.bottom)
            }
            // One line of coaching stays on the picture: the stage grows only for more.
            if (name === 'default hint' || name === 'hint')
              expect(l.stage.bottom, `${where} ${name}`).toBeCloseTo(l.frame.bottom, 0)
          })
          for (const { name, show } of shots ? all : []) {
            if (!['hint', 'noFace', 'off-slow', 'countdown'].includes(name)) continue
            await measure(page, [show])
            const file = `oval-${frame.width}x${frame.height}-${where}-${name}.png`
            await page.screenshot({ path: join(shots!, file) })
          }
        }
        expect(pageErrors).toEqual([])
        await context.close()
      }
    },
  )
})
