// Measure 5, batch throughput: 500 photo files named by user ID through the real "Batch import"
// screen (production build, prepare Worker, simulator in-process), once with the screen's default
// concurrency and once one at a time. The simulator answers after 20-40 ms, like a BioStar on the
// LAN: with no latency at all, sending concurrently could not show what it is for. Files come from
// the batch tests' fixture maker (tests/helpers/batch-files.ts). When the screen is not there, the
// measure reports "batch import not available yet".
import type { Browser, Page } from 'playwright-core'
import {
  LAN_LATENCY_MS,
  makeBatchFixture,
  seedSimulator,
  simulatorProblems,
} from '../tests/helpers/batch-files.ts'
import { serveApp, signedInPage, type ServedApp } from './app.ts'
import { sleep } from './stats.ts'

export const BATCH_NOT_AVAILABLE = 'batch import not available yet'

/** Simulated server latency per request (ms), as in measureUploadThroughput of the batch tests. */
export const BATCH_LATENCY_MS = LAN_LATENCY_MS

export interface BatchRun {
  /** "Photos sent at once" as set on the screen. */
  concurrency: number
  /** Files chosen -> every photo checked and prepared ("N ready to send"), ms. */
  prepareMs: number
  /** "Upload all" -> "Finished", ms. */
  uploadMs: number
  /** Photos per second of the upload stage. */
  uploadPerSecond: number
  /** Photos per second from choosing the files to "Finished". */
  overallPerSecond: number
  /** PUTs the simulator answered. */
  puts: number
  /** What the simulator ended with that it should not have (empty: all good). */
  problems: string[]
}

export interface BatchResults {
  available: boolean
  message: string
  photos?: number
  side?: number
  latencyMs?: [number, number]
  defaultConcurrency?: BatchRun
  oneAtATime?: BatchRun
}

async function waitFor(check: () => Promise<boolean>, what: string, ms: number): Promise<void> {
  const end = performance.now() + ms
  while (!(await check())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(50)
  }
}

/** Signs in and opens "Batch import"; null when the app has no such screen yet. */
async function openBatch(browser: Browser, app: ServedApp) {
  const opened = await signedInPage(browser, app)
  const { page } = opened
  const link = page.getByRole('link', { name: 'Batch import' })
  if ((await link.count()) === 0) return { ...opened, ready: false }
  await link.first().click()
  await page.getByRole('heading', { name: 'Batch import', level: 1 }).waitFor()
  const ready = (await page.getByLabel('Choose photo files').count()) > 0
  return { ...opened, ready }
}

async function run(
  browser: Browser,
  { photos, side, concurrency }: { photos: number; side: number; concurrency?: number },
): Promise<BatchRun | null> {
  const app = await serveApp({ userCount: photos + 20, faults: { latencyMs: BATCH_LATENCY_MS } })
  try {
    const fixture = makeBatchFixture({
      good: photos,
      duplicates: 0,
      withPhoto: 0,
      corrupt: 0,
      unknown: 0,
      noId: 0,
      side,
    })
    seedSimulator(app.sim, fixture)
    const { page, context, ready } = await openBatch(browser, app)
    try {
      if (!ready) return null
      const select = page.getByLabel('Photos sent at once')
      if (concurrency !== undefined) await select.selectOption(String(concurrency))
      const used = Number(await select.inputValue())
      const putsBefore = app.puts.length
      const t0 = performance.now()
      await page.getByLabel('Choose photo files').setInputFiles(fixture.files)
      await waitForReady(page, photos)
      const t1 = performance.now()
      await page.getByRole('button', { name: 'Upload all' }).click()
      await waitFor(
        async () => (await page.getByTestId('batch-state').textContent())?.trim() === 'Finished',
        'the batch to finish',
        180_000,
      )
      const t2 = performance.now()
      const uploadMs = t2 - t1
      return {
        concurrency: used,
        prepareMs: t1 - t0,
        uploadMs,
        uploadPerSecond: (photos * 1000) / uploadMs,
        overallPerSecond: (photos * 1000) / (t2 - t0),
        puts: app.puts.length - putsBefore,
        problems: simulatorProblems(app.sim, fixture).slice(0, 10),
      }
    } finally {
      await context.close()
    }
  } finally {
    await app.close()
  }
}

async function waitForReady(page: Page, count: number) {
  await waitFor(
    () => page.getByText(`${count} ready to send`).isVisible(),
    `${count} ready to send`,
    180_000,
  )
}

export async function measureBatch(
  browser: Browser,
  { photos, side }: { photos: number; side: number },
): Promise<BatchResults> {
  const defaultRun = await run(browser, { photos, side })
  if (!defaultRun) return { available: false, message: BATCH_NOT_AVAILABLE }
  const oneAtATime = await run(browser, { photos, side, concurrency: 1 })
  if (!oneAtATime) return { available: false, message: BATCH_NOT_AVAILABLE }
  return {
    available: true,
    message: `${photos} photos (${side}x${side} JPEG/PNG files), server latency ${BATCH_LATENCY_MS.join('-')} ms`,
    photos,
    side,
    latencyMs: BATCH_LATENCY_MS,
    defaultConcurrency: defaultRun,
    oneAtATime,
  }
}
