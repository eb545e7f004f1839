// Batch import in real Chromium against the production build (under its CSP) and a fresh
// simulator per test: 300 generated files end exactly as expected on the screen, in the
// simulator and in the CSV report; the same under faults with a session expiry midway; pause,
// resume, cancel, reload-resume, folder pick and drop, sign-out wiping the queue.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { newTestContext } from '../helpers/chromium.ts'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { signInOn } from '../helpers/desk-page.ts'
import { watchCsp } from '../helpers/nginx.ts'
import {
  batchApp,
  makeBatchFixture,
  seedSimulator,
  simulatorProblems,
  type BatchFixture,
} from '../helpers/batch-files.ts'
import type { RunningApp } from '../helpers/app-server.ts'
import { parseCsv } from '../../src/export/csv.ts'
import { DEMO_OPERATOR, DEMO_VIEWER, type SimOptions } from '../../sim/index.ts'

const SHOTS = process.env.BATCH_SHOTS_DIR || join(tmpdir(), 'photo-desk-batch-shots')
// A fresh app per test (closed after the file), one Chromium for all.
const suite = useBrowserSuite({ fakeCamera: false, app: false })

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true })
})

const startApp = (sim: SimOptions = {}) => suite.startApp(batchApp({ userCount: 400, ...sim }))

async function openBatch(
  app: RunningApp,
  who: { loginId: string; password: string } = DEMO_OPERATOR,
) {
  const { context, requests, pageErrors } = await newTestContext(suite.browser)
  const csp = await watchCsp(context)
  const page = await context.newPage()
  await page.goto(app.url)
  await signInOn(page, who)
  await page.getByRole('link', { name: 'Batch import' }).click()
  await page.getByRole('heading', { name: 'Batch import', level: 1 }).waitFor()
  return { page, context, requests, pageErrors, csp }
}

const puts = (app: RunningApp) =>
  app.sim.requests.filter((r) => r.method === 'PUT' && r.status === 200).length

async function progress(page: Page) {
  const bar = page.getByRole('progressbar', { name: 'Upload progress' })
  return {
    done: Number(await bar.getAttribute('aria-valuenow')),
    total: Number(await bar.getAttribute('aria-valuemax')),
    text: (await bar.getAttribute('aria-valuetext')) ?? '',
  }
}

const stateText = (page: Page) => page.getByTestId('batch-state').textContent()

async function waitFor(
  check: () => Promise<boolean>,
  what: string,
  ms = 60_000,
  describe?: () => Promise<string>,
) {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end)
      throw new Error(`timed out: ${what}${describe ? ` (${await describe()})` : ''}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Waits for checks and preparation; checks that failed (faults) are retried. */
async function waitUntilReady(page: Page, ready: number) {
  await waitFor(async () => {
    if (await page.getByText(`${ready} ready to send`).isVisible()) return true
    const retry = page.getByRole('button', { name: /^Retry failed/ })
    const busy = (await page.getByTestId('batch-busy').textContent())?.trim()
    if (!busy && (await retry.isVisible())) await retry.click()
    return false
  }, `${ready} ready to send`)
}

/** Waits for "Finished", retrying failed rows (at most five rounds) as an operator would. */
async function finish(page: Page) {
  for (let round = 0; round < 6; round++) {
    await waitFor(
      async () => (await stateText(page))?.trim() === 'Finished',
      'the end of the run',
      120_000,
      async () =>
        `state "${(await stateText(page))?.trim()}", ${JSON.stringify(await progress(page))}`,
    )
    const retry = page.getByRole('button', { name: /^Retry failed/ })
    if (!(await retry.isVisible())) return round
    // Any moment the state is not "Finished" counts: a short retry can start and end between
    // two looks at the screen (this waited in vain once in CI).
    await page.evaluate(() => {
      const w = window as unknown as { __retryStarted?: boolean }
      w.__retryStarted = false
      new MutationObserver((_, observer) => {
        const state = document.querySelector('[data-test="batch-state"]')?.textContent?.trim()
        if (state === 'Finished') return
        w.__retryStarted = true
        observer.disconnect()
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    })
    await retry.click()
    await waitFor(
      () =>
        page.evaluate(
          () => (window as unknown as { __retryStarted?: boolean }).__retryStarted === true,
        ),
      'the retry to start',
      10_000,
      async () =>
        `state "${(await stateText(page))?.trim()}", ${JSON.stringify(await progress(page))}`,
    )
  }
  throw new Error('rows still failing after five retries')
}

/** Every row's file, user ID and status as the table shows them (all pages). */
async function tableRows(page: Page) {
  for (let i = 0; i < 20; i++) {
    const more = page.getByRole('button', { name: /^Show \d+ more$/ })
    if (!(await more.isVisible())) break
    await more.click()
  }
  return page.locator('[data-test="batch-row"]').evaluateAll((rows) =>
    rows.map((row) => ({
      file: row.querySelector('.file')?.textContent?.trim() ?? '',
      userId: row.getAttribute('data-user-id') ?? '',
      status: row.getAttribute('data-status') ?? '',
    })),
  )
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

/** axe-core's serious and critical findings on the page as it is now. */
async function axeFindings(page: Page): Promise<string[]> {
  // evaluate() is not subject to the page's CSP, which forbids inline scripts.
  await page.evaluate(axeSource)
  return page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: {
        run(o: unknown): Promise<{
          violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>
        }>
      }
    }
    const { violations } = await axe.run({ resultTypes: ['violations'] })
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  })
}

async function downloadReport(page: Page): Promise<string[][]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download report' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^photo-desk-batch-\d{12}\.csv$/)
  const text = readFileSync((await download.path())!, 'utf8')
  expect(text.charCodeAt(0)).toBe(0xfeff)
  return parseCsv(text.slice(1))
}

/** The end state on screen, in the simulator and in the report is the fixture's. */
async function expectEndState(page: Page, app: RunningApp, fixture: BatchFixture) {
  const rows = await tableRows(page)
  expect(rows).toHaveLength(fixture.expected.length)
  const byFile = new Map(rows.map((r) => [r.file, r]))
  for (const want of fixture.expected) {
    expect(byFile.get(want.file), want.file).toMatchObject({
      userId: want.userId,
      status: want.status,
    })
  }
  expect(simulatorProblems(app.sim, fixture)).toEqual([])
  // Nothing sent twice, nothing skipped.
  for (const id of fixture.saved) expect(app.sim.putCount(id), `PUTs for ${id}`).toBe(1)
  for (const id of [...fixture.withPhoto, ...fixture.untouched])
    expect(app.sim.putCount(id), `PUTs for ${id}`).toBe(0)

  const saved = fixture.saved.length
  const skipped = fixture.expected.length - saved
  expect(await page.getByTestId('summary-saved').textContent()).toBe(String(saved))
  expect(await page.getByTestId('summary-skipped').textContent()).toBe(String(skipped))
  expect(await page.getByTestId('summary-failed').textContent()).toBe('0')

  const csv = await downloadReport(page)
  expect(csv[0]).toEqual(['file', 'user ID', 'name', 'result', 'bytes', 'message'])
  expect(csv).toHaveLength(fixture.expected.length + 1)
  const lines = new Map(csv.slice(1).map((line) => [line[0], line]))
  for (const want of fixture.expected) {
    const line = lines.get(want.file)
    expect(line, want.file).toBeDefined()
    const [, userId, name, result, bytes, message] = line!
    expect([userId, result], want.file).toEqual([want.userId, want.result])
    const user = want.userId ? app.sim.getUser(want.userId) : undefined
    expect(name, want.file).toBe(want.status === 'unknown-user' || !user ? '' : user.name)
    if (want.result === 'saved') {
      expect(Number(bytes)).toBe(Buffer.from(app.sim.getUser(want.userId)!.photo!, 'base64').length)
      expect(message).toBe('')
    } else {
      expect((message ?? '').length, `message for ${want.file}`).toBeGreaterThan(10)
    }
  }
}

describe('batch import', () => {
  it('imports 300 files: every row, the simulator and the report end as expected', async () => {
    const app = await startApp()
    const fixture = makeBatchFixture()
    expect(fixture.files).toHaveLength(300)
    seedSimulator(app.sim, fixture)
    const { page, context, requests, pageErrors, csp } = await openBatch(app)

    const started = Date.now()
    await page.getByLabel('Choose photo files').setInputFiles(fixture.files)
    await waitUntilReady(page, fixture.saved.length)
    const prepared = Date.now() - started
    // Flagged before anything is sent; the IDs were checked in chunks of 100.
    expect(puts(app)).toBe(0)
    const searches = app.sim.requests.filter((r) => r.path === '/api/v2/users/search')
    expect(searches).toHaveLength(3)
    expect(await page.getByTestId('overwrite-hint').textContent()).toContain('10 of the users')
    // Prepared in the Worker, not on the page.
    expect(requests.some((url) => /batch-prepare\.worker-[\w-]+\.js$/.test(url))).toBe(true)

    await page.getByRole('button', { name: 'Upload all' }).click()
    await waitFor(async () => (await progress(page)).done >= 60, '60 photos sent')
    const mid = await progress(page)
    expect(mid.total).toBe(fixture.saved.length)
    expect(mid.text).toMatch(/photos sent, 0 failed/)
    await page.screenshot({ path: join(SHOTS, 'batch-mid-upload.png') })
    expect(await finish(page)).toBe(0)
    const sent = Date.now() - started - prepared
    await page.screenshot({ path: join(SHOTS, 'batch-done.png'), fullPage: false })

    await expectEndState(page, app, fixture)
    expect(puts(app)).toBe(fixture.saved.length)
    expect(pageErrors).toEqual([])
    expect(csp()).toEqual([])
    console.info(`300 files: checked and prepared in ${prepared} ms, sent in ${sent} ms`)
    await context.close()
  })

  it('ends the same with 20% failures, latency and a session expiry midway', async () => {
    const app = await startApp({ faults: { errorRate: 0.2, latencyMs: [5, 40] } })
    const fixture = makeBatchFixture()
    seedSimulator(app.sim, fixture)
    const { page, context, pageErrors } = await openBatch(app)
    await page.getByLabel('Choose photo files').setInputFiles(fixture.files)
    await waitUntilReady(page, fixture.saved.length)

    await page.getByRole('button', { name: 'Upload all' }).click()
    await waitFor(async () => (await progress(page)).done >= 100, '100 photos sent')
    app.sim.expireSessions()
    const dialog = page.getByRole('dialog', { name: 'Session expired' })
    await dialog.waitFor()
    // The batch waits: nothing new goes out while the dialog is open.
    expect((await stateText(page))?.trim()).toBe('Paused until you sign in again')
    const held = puts(app)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(puts(app)).toBe(held)
    await dialog.getByLabel('Password').fill(DEMO_OPERATOR.password)
    await dialog.getByRole('button', { name: 'Sign in' }).click()
    await dialog.waitFor({ state: 'hidden' })

    await finish(page)
    await expectEndState(page, app, fixture)
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('pauses, resumes and cancels; "Upload all" then sends the rest once', async () => {
    const app = await startApp({ faults: { latencyMs: [60, 90] } })
    const fixture = makeBatchFixture({
      good: 50,
      duplicates: 0,
      withPhoto: 0,
      corrupt: 0,
      unknown: 0,
      noId: 0,
      side: 96,
    })
    seedSimulator(app.sim, fixture)
    const { page, context } = await openBatch(app)
    await page.getByLabel('Photos sent at once').selectOption('2')
    await page.getByLabel('Choose photo files').setInputFiles(fixture.files)
    await waitUntilReady(page, 50)

    await page.getByRole('button', { name: 'Upload all' }).click()
    await waitFor(async () => (await progress(page)).done >= 6, '6 sent')
    await page.getByRole('button', { name: 'Pause' }).click()
    const atClick = puts(app)
    expect((await stateText(page))?.trim()).toBe('Paused')
    await new Promise((resolve) => setTimeout(resolve, 400)) // the two in flight finish
    const paused = puts(app)
    // Only the two in flight when the click landed went on.
    expect(paused - atClick).toBeLessThanOrEqual(2)
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(puts(app)).toBe(paused)
    expect((await progress(page)).done).toBe(paused)

    await page.getByRole('button', { name: 'Resume' }).click()
    await waitFor(async () => (await progress(page)).done >= paused + 10, '10 more sent')
    await page.getByRole('button', { name: 'Cancel' }).click()
    const atCancel = puts(app)
    expect((await stateText(page))?.trim()).toBe('Cancelled')
    await new Promise((resolve) => setTimeout(resolve, 400))
    const cancelled = puts(app)
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(puts(app)).toBe(cancelled)
    expect(cancelled - atCancel).toBeLessThanOrEqual(2)
    expect(cancelled).toBeLessThan(50)
    expect(await page.getByTestId('summary-not-sent').textContent()).toBe(String(50 - cancelled))
    const report = await downloadReport(page)
    expect(report.filter((line) => line[3] === 'not sent')).toHaveLength(50 - cancelled)
    expect(report.filter((line) => line[3] === 'saved')).toHaveLength(cancelled)

    await page.getByRole('button', { name: 'Upload all' }).click()
    await finish(page)
    expect(simulatorProblems(app.sim, fixture)).toEqual([])
    for (const id of fixture.saved) expect(app.sim.putCount(id), id).toBe(1)
    await context.close()
  })

  it('survives a reload mid-upload and resumes where it stopped', async () => {
    const app = await startApp({ faults: { latencyMs: [60, 90] } })
    const fixture = makeBatchFixture({
      good: 60,
      duplicates: 2,
      withPhoto: 3,
      corrupt: 1,
      unknown: 2,
      noId: 1,
      side: 96,
    })
    seedSimulator(app.sim, fixture)
    const { page, context, pageErrors } = await openBatch(app)
    await page.getByLabel('Choose photo files').setInputFiles(fixture.files)
    await waitUntilReady(page, fixture.saved.length)
    await page.getByRole('button', { name: 'Upload all' }).click()
    await waitFor(async () => (await progress(page)).done >= 15, '15 sent')

    await page.reload()
    await page.getByRole('heading', { name: 'Batch import', level: 1 }).waitFor()
    await page.getByTestId('batch-restored').waitFor()
    expect(await page.getByTestId('batch-restored').textContent()).toContain(
      `(${fixture.expected.length} files)`,
    )
    await waitFor(async () => (await stateText(page))?.trim() === 'Paused', 'the restored batch')
    const before = puts(app)
    expect(before).toBeLessThan(fixture.saved.length)
    await page.getByRole('button', { name: 'Resume' }).click()
    await finish(page)
    await expectEndState(page, app, fixture)
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('takes a picked folder and dropped files; sign-out wipes the saved queue', async () => {
    const app = await startApp()
    const fixture = makeBatchFixture({
      good: 4,
      duplicates: 0,
      withPhoto: 0,
      corrupt: 0,
      unknown: 0,
      noId: 0,
      side: 96,
    })
    seedSimulator(app.sim, fixture)
    const dir = mkdtempSync(join(tmpdir(), 'photo-desk-folder-'))
    const folder = join(dir, 'HR photos')
    mkdirSync(join(folder, 'floor 2'), { recursive: true })
    writeFileSync(join(folder, fixture.files[0]!.name), fixture.files[0]!.buffer)
    writeFileSync(join(folder, 'floor 2', fixture.files[1]!.name), fixture.files[1]!.buffer)
    writeFileSync(join(folder, '.DS_Store'), 'junk')
    const { page, context } = await openBatch(app)

    await page.getByLabel('Choose a folder').setInputFiles(folder)
    const drop = fixture.files
      .slice(2)
      .map((f) => ({ name: f.name, type: f.mimeType, bytes: [...f.buffer] }))
    await page.evaluate((files) => {
      const data = new DataTransfer()
      for (const f of files)
        data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }))
      const zone = document.querySelector('[data-test="batch-drop"]')!
      zone.dispatchEvent(
        new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }),
      )
      zone.dispatchEvent(
        new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }),
      )
    }, drop)
    await waitUntilReady(page, 4)
    const rows = await tableRows(page)
    expect(rows.map((r) => r.file).sort()).toEqual(
      [
        `HR photos/${fixture.files[0]!.name}`,
        `HR photos/floor 2/${fixture.files[1]!.name}`,
        fixture.files[2]!.name,
        fixture.files[3]!.name,
      ].sort(),
    )
    await page.getByRole('button', { name: 'Upload all' }).click()
    await finish(page)
    expect(simulatorProblems(app.sim, fixture)).toEqual([])
    // The screen with its table, progress and summary has no serious accessibility findings.
    expect(await axeFindings(page)).toEqual([])

    const databases = () =>
      page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))
    expect(await databases()).toContain('photo-desk-batch')
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await waitFor(
      async () => !(await databases()).includes('photo-desk-batch'),
      'the queue wiped',
      5000,
    )
    rmSync(dir, { recursive: true, force: true })
    await context.close()
  })

  it('tells an operator without user write rights that batch import is not for them', async () => {
    const app = await startApp()
    const { page, context } = await openBatch(app, DEMO_VIEWER)
    await expect
      .poll(() => page.getByTestId('batch-no-write').textContent())
      .toContain('does not allow that')
    expect(await page.getByLabel('Choose photo files').count()).toBe(0)
    await context.close()
  })
})
