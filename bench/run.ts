// `npm run bench` (scripts/bench.mjs runs this with tsx): every measure of issue 8 in one go,
// then bench/results.json, the table in bench/README.md and the figures on stdout.
//   --only=encoder,pipeline,capture,loadSize,batch,search,review   run some measures (files not written)
//   --pictures=face-sample1,noise                           some encoder pictures (files not written)
//   --quick                                                 fewer runs (files not written)
//   --only=... --write   replace just those measures in bench/results.json and bench/README.md,
//                        keeping the others' figures from the last run (a shared, busy machine)
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import type { PhotoLab } from '../tests/helpers/photo-lab.ts'
import { ROOT } from '../tests/helpers/app-server.ts'
import { launchChromium } from '../tests/helpers/chromium.ts'
import { SAMPLE_FACES, writeFaceClip } from '../tests/e2e/pages/face-lab.server.ts'
import { BENCH_OUT_DIR, buildApp, outsideRequests, serveApp, type ServedApp } from './app.ts'
import { measureBatch } from './batch.ts'
import { measureCapture } from './capture.ts'
import { measureEncoder } from './encoder.ts'
import { openBenchLab, writeCameraClip } from './lab.ts'
import { measureLoadSize } from './load-size.ts'
import { measurePipeline } from './pipeline.ts'
import { renderMarkdown, updateReadme, writeResults, type Results } from './report.ts'
import { measureSearch } from './search.ts'
import { measureReview } from './review.ts'

const MEASURES = [
  'loadSize',
  'encoder',
  'pipeline',
  'capture',
  'batch',
  'search',
  'review',
] as const
type Measure = (typeof MEASURES)[number]

const args = process.argv.slice(2)
const onlyArg = args.find((a) => a.startsWith('--only='))?.slice('--only='.length)
const only = onlyArg ? (onlyArg.split(',') as Measure[]) : undefined
const unknown = only?.filter((m) => !MEASURES.includes(m))
if (unknown?.length) {
  console.error(`unknown measure(s): ${unknown.join(', ')}; choose from ${MEASURES.join(', ')}`)
  process.exit(2)
}
const quick = args.includes('--quick')
const pictureNames = args
  .find((a) => a.startsWith('--pictures='))
  ?.slice('--pictures='.length)
  .split(',')
const selected = (m: Measure) => !only || only.includes(m)
const merge = Boolean(only) && args.includes('--write')
if (merge && (quick || pictureNames)) {
  console.error('--write goes with --only alone, not with --quick or --pictures')
  process.exit(2)
}
const writeFiles = (!only || merge) && !quick && !pictureNames

// Runs and repeats (bounded: 2 shared cores; the whole suite must stay well under 10 minutes).
const RUNS = quick
  ? { encoder: 1, encoderAb: 2, camera: 3, file: 2, heap: 1, capture: 3, batchPhotos: 40 }
  : { encoder: 3, encoderAb: 8, camera: 15, file: 7, heap: 2, capture: 8, batchPhotos: 500 }
/** Side of the batch's generated photo files, px. */
const BATCH_SIDE = 640
const DEADLINE_MS = 9.5 * 60_000

const log = (line: string) => console.log(line)
const started = performance.now()
const deadline = setTimeout(() => {
  console.error('bench: still running after 9.5 minutes, giving up')
  process.exit(3)
}, DEADLINE_MS)
deadline.unref()

const results: Results = {
  date: new Date().toISOString(),
  durationSeconds: 0,
  environment: {
    node: process.version,
    chromium: null,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  },
  outsideRequests,
  errors: {},
}

async function step(name: Measure, run: () => Promise<void>): Promise<void> {
  if (!selected(name)) return
  const t0 = performance.now()
  log(`\n> ${name}`)
  try {
    await run()
    log(`< ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    results.errors[name] = message.split('\n')[0]!
    console.error(
      `< ${name} FAILED: ${error instanceof Error ? (error.stack ?? message) : message}`,
    )
  }
}

const dir = mkdtempSync(join(tmpdir(), 'photo-desk-bench-'))
let lab: PhotoLab | undefined
let app: ServedApp | undefined
try {
  const needsBuild = ['loadSize', 'capture', 'batch', 'review'].some((m) => selected(m as Measure))
  const needsBrowser = ['encoder', 'pipeline', 'capture', 'batch', 'review'].some((m) =>
    selected(m as Measure),
  )
  if (needsBuild) {
    log(`building the app into ${BENCH_OUT_DIR}/ ...`)
    await buildApp()
  }
  await step('loadSize', async () => {
    results.loadSize = measureLoadSize(BENCH_OUT_DIR)
    const l = results.loadSize
    log(
      `  first screen ${(l.firstScreen.gzip / 1000).toFixed(1)} kB gzip` +
        ` (budget ${(l.budget / 1000).toFixed(1)} kB), desk ${(l.route.gzip / 1000).toFixed(1)} kB gzip`,
    )
  })

  if (needsBrowser) {
    const clip = join(dir, 'camera-1080p.y4m')
    writeCameraClip(clip)
    lab = await openBenchLab(clip)
    results.environment.chromium = lab.browser.version()
  }
  await step('encoder', async () => {
    results.encoder = await measureEncoder(lab!, {
      runs: RUNS.encoder,
      abRuns: RUNS.encoderAb,
      only: pictureNames,
      log,
    })
  })
  await step('pipeline', async () => {
    results.pipeline = await measurePipeline(lab!, {
      runs: { camera: RUNS.camera, file: RUNS.file },
      heapRuns: RUNS.heap,
    })
    for (const c of [results.pipeline.camera, results.pipeline.file])
      log(
        `  ${c.input}: median ${c.time.median.toFixed(0)} ms, worst ${c.time.worst.toFixed(0)} ms,` +
          ` peak heap ${(c.peakHeap / 1e6).toFixed(1)} MB`,
      )
  })
  await step('capture', async () => {
    app = await serveApp()
    // A clerk's usual case: a person in front of the camera, found by the live guide.
    const faceClip = join(dir, 'camera-face-1080p.y4m')
    writeFaceClip(faceClip, SAMPLE_FACES.single, { width: 1920, height: 1080, headShare: 0.45 })
    const faceBrowser = await launchChromium({ fakeCamera: faceClip })
    try {
      results.capture = await measureCapture(faceBrowser, app, {
        runs: RUNS.capture,
        liveFace: true,
      })
    } finally {
      await faceBrowser.close()
    }
    // No face the live guide can see: Save waits for the search of the full picture.
    results.captureNoFace = await measureCapture(lab!.browser, app, { runs: RUNS.capture })
    for (const [what, c] of [
      ['face in view', results.capture],
      ['no face in view', results.captureNoFace],
    ] as const)
      log(
        `  capture -> saved (${what}): median ${c.toSaved.median.toFixed(0)} ms,` +
          ` worst ${c.toSaved.worst.toFixed(0)} ms`,
      )
    await app.close()
    app = undefined
  })
  await step('batch', async () => {
    results.batch = await measureBatch(lab!.browser, { photos: RUNS.batchPhotos, side: BATCH_SIDE })
    const b = results.batch
    log(`  ${b.message}`)
    for (const r of [b.defaultConcurrency, b.oneAtATime])
      if (r)
        log(
          `  concurrency ${r.concurrency}: prepared in ${(r.prepareMs / 1000).toFixed(1)} s,` +
            ` uploaded in ${(r.uploadMs / 1000).toFixed(1)} s (${r.uploadPerSecond.toFixed(1)} photos/s)`,
        )
  })
  await step('review', async () => {
    results.review = await measureReview(lab!.browser, log)
  })
  await lab?.close()
  lab = undefined
  // Last, alone: it starts its own simulator process and must not share the cores with Chromium.
  await step('search', async () => {
    results.search = await measureSearch(log)
  })
} finally {
  await app?.close().catch(() => {})
  await lab?.close().catch(() => {})
  rmSync(dir, { recursive: true, force: true })
}

results.durationSeconds = (performance.now() - started) / 1000
const resultsPath = join(ROOT, 'bench', 'results.json')
const output: Results =
  merge && existsSync(resultsPath) ? mergeResults(results, only!, resultsPath) : results
const markdown = renderMarkdown(output)
console.log(`\n${markdown}\n`)
if (writeFiles) {
  writeResults(resultsPath, output)
  updateReadme(join(ROOT, 'bench', 'README.md'), markdown)
  console.log('wrote bench/results.json and the table in bench/README.md')
} else {
  console.log('(--only / --quick: bench/results.json and bench/README.md left as they were)')
}
clearTimeout(deadline)
process.exit(Object.keys(results.errors).length > 0 ? 1 : 0)

/** The last full run's results with `measures` replaced by this run's (`npm run bench -- --only=x --write`). */
function mergeResults(fresh: Results, measures: Measure[], path: string): Results {
  const previous = JSON.parse(readFileSync(path, 'utf8')) as Results
  const merged: Results = { ...previous, errors: { ...previous.errors } }
  const keys: Record<Measure, (keyof Results)[]> = {
    loadSize: ['loadSize'],
    encoder: ['encoder'],
    pipeline: ['pipeline'],
    capture: ['capture', 'captureNoFace'],
    batch: ['batch'],
    search: ['search'],
    review: ['review'],
  }
  for (const m of measures) {
    for (const key of keys[m]) Object.assign(merged, { [key]: fresh[key] })
    if (fresh.errors[m]) merged.errors[m] = fresh.errors[m]
    else delete merged.errors[m]
  }
  const rerun = { measures, date: fresh.date, durationSeconds: fresh.durationSeconds }
  merged.rerun = [
    ...(previous.rerun ?? []).filter(
      (r) => !r.measures.every((x) => measures.includes(x as Measure)),
    ),
    rerun,
  ]
  merged.outsideRequests = [...new Set([...previous.outsideRequests, ...fresh.outsideRequests])]
  return merged
}
