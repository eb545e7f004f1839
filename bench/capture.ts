// Measure 3, capture to saved: the real app (production build, simulator in-process, fake camera
// fed a 1920x1080 y4m clip, with a real face or without one the live guide can see), a clerk's
// keys: find the user, Space captures, Enter saves. Timed from the Space key press to the moment
// the simulator has sent its answer to the PUT.
import type { Browser, Page } from 'playwright-core'
import { signedInPage, type ServedApp } from './app.ts'
import { sleep, summarise, type Summary } from './stats.ts'

export interface CaptureResults {
  runs: number
  /** Space pressed -> "New photo" preview shown (grab + prepare + render). */
  toPreview: Summary
  /** Space pressed -> PUT answered by the simulator (Enter pressed as soon as the preview shows). */
  toSaved: Summary
  /** Space pressed -> "Photo saved" status on screen. */
  toStatus: Summary
  /**
   * Diagnostics: the page's canvas JPEG encodes (main-thread `convertToBlob` / `toBlob`) between
   * Space and the preview: how many, and their summed wall time (ms) per capture.
   */
  encodes: { count: Summary; totalMs: Summary; longestMs: Summary }
  /** Bytes of each stored photo (all must be <= 16,000). */
  storedBytes: number[]
  pageErrors: string[]
}

interface EncodeLog {
  benchEncodes: number[]
}

/** Runs in the page: records the wall time of every main-thread canvas JPEG encode. */
function instrumentEncodes() {
  const log = globalThis as unknown as EncodeLog
  log.benchEncodes = []
  const offscreen = OffscreenCanvas.prototype.convertToBlob
  OffscreenCanvas.prototype.convertToBlob = function (options) {
    const started = performance.now()
    return offscreen.call(this, options).then((blob) => {
      log.benchEncodes.push(performance.now() - started)
      return blob
    })
  }
  const toBlob = HTMLCanvasElement.prototype.toBlob
  HTMLCanvasElement.prototype.toBlob = function (callback, type, quality) {
    const started = performance.now()
    toBlob.call(
      this,
      (blob) => {
        log.benchEncodes.push(performance.now() - started)
        callback(blob)
      },
      type,
      quality,
    )
  }
}

/** Waits (polling, bounded) until `check` is true. */
async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(1)
  }
}

/** The live guide's line once it has a face in view (not loading, not "no face"). */
async function waitForLiveFace(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const line = document.querySelector('[data-test="face-instruction"]')?.textContent ?? ''
      return line !== '' && !/Starting face guidance|No face found/.test(line)
    },
    undefined,
    { timeout: 30_000, polling: 50 },
  )
}

/**
 * With `liveFace`, Space is pressed once the live guide has a face in view, as a clerk does: the
 * crop is ready at once. Without, the camera shows no face the live guide can see, and Save
 * waits for the face-aware crop of the full picture (up to its timeout) before it sends.
 */
export async function measureCapture(
  browser: Browser,
  app: ServedApp,
  { runs, warmup = 1, liveFace = false }: { runs: number; warmup?: number; liveFace?: boolean },
): Promise<CaptureResults> {
  const { page, context, pageErrors } = await signedInPage(browser, app)
  await page.evaluate(instrumentEncodes)
  const toPreview: number[] = []
  const toSaved: number[] = []
  const toStatus: number[] = []
  const storedBytes: number[] = []
  const encodeCount: number[] = []
  const encodeTotal: number[] = []
  const encodeLongest: number[] = []
  try {
    // Ids 10 and up are ordinary enabled people in the demo data (7 disabled, 8 expired).
    for (let i = 0; i < warmup + runs; i++) {
      const userId = String(10 + i)
      const name = app.sim.getUser(userId)?.name
      if (!name) throw new Error(`the simulator has no user ${userId}`)
      const lookup = page.getByLabel('User ID')
      await lookup.fill(userId)
      await lookup.press('Enter')
      await page.waitForFunction(
        (n) => document.querySelector('[data-test="user-name"]')?.textContent === n,
        name,
      )
      // The camera is live (a frame is there) and no picture is held from the last person.
      await page.waitForFunction(() => {
        const video = document.querySelector('video')
        return !!video && video.readyState >= 2 && video.videoWidth > 0
      })
      await page.getByAltText('New photo').waitFor({ state: 'detached' })
      // The next person sits down: the live guide has looked at them for a moment.
      if (liveFace) {
        await waitForLiveFace(page)
        await sleep(2_000)
      }

      const before = app.puts.length
      await page.evaluate(() => (globalThis as unknown as EncodeLog).benchEncodes.splice(0))
      const t0 = performance.now()
      await page.keyboard.press(' ')
      await page.getByAltText('New photo').waitFor()
      const t1 = performance.now()
      const encodes = await page.evaluate(() =>
        (globalThis as unknown as EncodeLog).benchEncodes.splice(0),
      )
      await page.keyboard.press('Enter')
      await until(() => app.puts.length > before, 20_000, `the PUT for user ${userId}`)
      const put = app.puts[before]!
      if (put.status !== 200 || put.path !== `/api/users/${userId}`)
        throw new Error(`unexpected save: ${put.path} answered ${put.status}`)
      await page
        .getByRole('status')
        .filter({ hasText: `Photo saved for ${name} (ID ${userId})` })
        .waitFor()
      const t2 = performance.now()
      const photo = app.sim.getUser(userId)?.photo ?? ''
      const bytes = Buffer.from(photo, 'base64').length
      if (i < warmup) continue
      toPreview.push(t1 - t0)
      toSaved.push(put.at - t0)
      toStatus.push(t2 - t0)
      storedBytes.push(bytes)
      encodeCount.push(encodes.length)
      encodeTotal.push(encodes.reduce((n, e) => n + e, 0))
      encodeLongest.push(Math.max(0, ...encodes))
    }
  } finally {
    await context.close()
  }
  return {
    runs,
    toPreview: summarise(toPreview),
    toSaved: summarise(toSaved),
    toStatus: summarise(toStatus),
    encodes: {
      count: summarise(encodeCount),
      totalMs: summarise(encodeTotal),
      longestMs: summarise(encodeLongest),
    },
    storedBytes,
    pageErrors,
  }
}
