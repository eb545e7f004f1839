// `npm run bench:faces`: the face search's recall and pace (issue 15), apart from the main bench
// (its full grid alone takes longer than the main bench's 9.5 minutes).
//  1. Recall: the six sample faces of @vladmandic/face-api pasted at 6-40% of a 1920x1080 frame's
//     width, nine positions, over the bench's eight generated backgrounds (3,024 frames), plus
//     the backgrounds alone; found live (searchLive, one whole sweep) and in a still
//     (searchStill), by width and position. `--quick`: the 71 frames CI runs; `--recall`: no pace.
//  2. Pace, on the face lab (CameraPanel + useFaceGuide + the face worker) with a fake 1080p
//     camera showing a person off to one side (face 11% of the width, centre at 30%): camera
//     start to the first advice (model load included), detections per second, and the page's
//     longest task while the guide runs.
//  3. Same person: the descriptor distances of the 15 pairs of sample faces and of each face
//     against itself under realistic changes (tests/e2e/face-match.test.ts asserts them).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchChromium } from '../tests/helpers/chromium.ts'
import { writeY4m } from '../tests/helpers/y4m.ts'
import {
  SAMPLE_FACES,
  LAB_PATH,
  faceScene,
  startFaceLabServer,
} from '../tests/e2e/pages/face-lab.server.ts'
import {
  RECALL_SHARES,
  ciRecallCells,
  openRecallPage,
  recallCells,
  recallTable,
  runRecall,
  summariseRecall,
} from '../tests/e2e/pages/face-recall.server.ts'
import type { FaceLab } from '../tests/e2e/pages/face-lab.ts'
import { matchTable, runMatch } from '../tests/e2e/pages/face-match.server.ts'
import { summarise } from './stats.ts'

const quick = process.argv.includes('--quick')
// `--pace`: only the pace runs (to compare two versions of the guide back to back).
const paceOnly = process.argv.includes('--pace')
// `--recall`: only recall and same person (deterministic: may run while the machine is busy;
// the pace needs it quiet).
const recallOnly = process.argv.includes('--recall')
const runsArg = process.argv.find((a) => a.startsWith('--runs='))
const log = (line: string) => console.log(line)
const dir = mkdtempSync(join(tmpdir(), 'photo-desk-faces-'))
const server = await startFaceLabServer(join(dir, 'vite-cache'))
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`

try {
  // 1. Recall.
  const browser = paceOnly ? null : await launchChromium()
  if (browser)
    try {
      const started = performance.now()
      const { page, backend, loadMs } = await openRecallPage(browser, server.url)
      const cells = quick ? ciRecallCells() : recallCells(true)
      log(`recall: ${cells.length} frames, backend ${backend}, model load ${Math.round(loadMs)} ms`)
      const results = await runRecall(page, cells)
      const s = summariseRecall(cells, results)
      log(`\nFound live / in a still, by face width (share of the frame width) and position:\n`)
      log(recallTable(s, RECALL_SHARES))
      log(
        `\nAt >= 10%: live ${pct(s.from10.live, s.from10.frames)}, still ${pct(s.from10.still, s.from10.frames)}` +
          ` (${s.from10.frames} frames); at 8%: live ${pct(s.at8.live, s.at8.frames)}, still ${pct(s.at8.still, s.at8.frames)};` +
          ` empty frames with a face found: live ${s.empty.live} / still ${s.empty.still} of ${s.empty.frames}.`,
      )
      const live = summarise(s.liveMs)
      const still = summarise(s.stillMs)
      log(
        `Search time per frame on the page (whole sweep): live median ${live.median.toFixed(0)} ms,` +
          ` still median ${still.median.toFixed(0)} ms, worst ${still.worst.toFixed(0)} ms;` +
          ` ${Math.round((performance.now() - started) / 1000)} s in all.`,
      )
      // 3. Same person.
      log(`\nSame person: descriptor distances (threshold in src/face/match.ts):\n`)
      log(matchTable(await runMatch(page)))
    } finally {
      await browser.close()
    }

  // 2. Pace.
  const clip = join(dir, 'aside-1080p.y4m')
  writeY4m(
    clip,
    1920,
    1080,
    faceScene(SAMPLE_FACES.single, { width: 1920, height: 1080, headShare: 0.22, centreX: 0.3 }),
  )
  const runs = recallOnly ? 0 : runsArg ? Number(runsArg.slice(7)) : quick ? 2 : 5
  const first: number[] = []
  const rates: number[] = []
  const blocks: number[] = []
  const detects: number[] = []
  const roundsMs: number[] = []
  let advice = ''
  for (let i = 0; i < runs; i++) {
    // A new browser each run: the model load is part of the figure.
    const camera = await launchChromium({ fakeCamera: clip })
    try {
      const page = await camera.newPage()
      await page.goto(`${server.url}${LAB_PATH}?autoStart=1`)
      await page.waitForFunction(
        () => (window as unknown as { faceLab?: FaceLab }).faceLab?.pace().firstAdviceAt != null,
        undefined,
        { timeout: 60_000, polling: 20 },
      )
      const pace = () =>
        page.evaluate((since) => (window as unknown as { faceLab: FaceLab }).faceLab.pace(since), 0)
      const p0 = await pace()
      first.push(p0.firstAdviceAt! - p0.playingAt!)
      advice = p0.firstAdvice ?? ''
      await page.waitForTimeout(5000)
      const p1 = await page.evaluate(
        (since) => (window as unknown as { faceLab: FaceLab }).faceLab.pace(since),
        p0.now,
      )
      rates.push(((p1.rounds - p0.rounds) * 1000) / (p1.now - p0.now))
      blocks.push(Math.max(0, ...p1.longTasks))
      detects.push(...p1.detectMs)
      roundsMs.push(...p1.roundMs)
    } finally {
      await camera.close()
    }
  }
  if (runs)
    log(
      `\nPace (${runs} runs, a new browser each): camera start to the first advice ("${advice}")` +
        ` median ${summarise(first).median.toFixed(0)} ms, worst ${summarise(first).worst.toFixed(0)} ms;` +
        ` live detections per second median ${summarise(rates).median.toFixed(1)}, lowest ${Math.min(...rates).toFixed(1)} (runs: ${rates.map((r) => r.toFixed(1)).join(', ')});` +
        ` longest main-thread task while guiding ${Math.max(...blocks).toFixed(0)} ms (0: none over 50 ms);` +
        ` per round: detection in the worker median ${summarise(detects).median.toFixed(0)} ms,` +
        ` the whole round on the page (frame read, detection, measures) ${summarise(roundsMs).median.toFixed(0)} ms.`,
    )
} finally {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
}
