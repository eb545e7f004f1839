// Node side of the face recall measure: the grid of frames (sample face x width x position x
// background, plus each background alone), the page that searches them (face-recall.ts), and
// the tables. Shared by tests/e2e/face-recall.test.ts (a stratified part of the grid) and the
// bench (bench/faces.ts, all of it).
import type { Browser, Page } from 'playwright-core'
import { GENERATED, installBenchTools, type GeneratedKind } from '../../../bench/page-tools.ts'
import { openPhotoLabPage } from '../../helpers/photo-lab.ts'
import type { RecallCell, RecallResult } from './face-recall.ts'

export const RECALL_SHARES = [0.06, 0.08, 0.1, 0.15, 0.2, 0.3, 0.4] as const
export const RECALL_BACKGROUNDS = Object.keys(GENERATED) as GeneratedKind[]
/** Positions 0..8: left, centre, right of the top row, then the middle and bottom rows. */
export const POSITIONS = [
  'top left',
  'top',
  'top right',
  'left',
  'centre',
  'right',
  'bottom left',
  'bottom',
  'bottom right',
]

/**
 * The frames. Full: 6 faces x 7 widths x 9 positions x 8 backgrounds (3,024) plus the 8
 * backgrounds alone. Stratified (for CI): every face at every position and width once, the
 * background turning with them so each background carries every face, width and position
 * about equally (378), plus the 8 backgrounds alone.
 */
export function recallCells(
  full: boolean,
  shares: readonly number[] = RECALL_SHARES,
): RecallCell[] {
  const cells: RecallCell[] = RECALL_BACKGROUNDS.map((background) => ({
    background,
    face: null,
    share: 0,
    col: 0,
    row: 0,
  }))
  shares.forEach((share, s) => {
    for (let face = 0; face < 6; face++)
      for (let p = 0; p < 9; p++) {
        const col = p % 3
        const row = Math.floor(p / 3)
        const backgrounds = full
          ? RECALL_BACKGROUNDS
          : [RECALL_BACKGROUNDS[(face + p * 3 + s * 5) % RECALL_BACKGROUNDS.length]!]
        for (const background of backgrounds) cells.push({ background, face, share, col, row })
      }
  })
  return cells
}

/**
 * Every face at every position once, at 8% or 10% of the width in turn (the asserted edges),
 * one in six also at a larger width, the backgrounds turning with them; the backgrounds alone.
 */
export function ciRecallCells(): RecallCell[] {
  const cells: RecallCell[] = RECALL_BACKGROUNDS.map((background) => ({
    background,
    face: null,
    share: 0,
    col: 0,
    row: 0,
  }))
  const larger = [0.15, 0.2, 0.3, 0.4]
  let largerTurn = 0
  for (let face = 0; face < 6; face++)
    for (let p = 0; p < 9; p++) {
      const at = (share: number, k: number) => ({
        background: RECALL_BACKGROUNDS[(face + p * 3 + k * 5) % RECALL_BACKGROUNDS.length]!,
        face,
        share,
        col: p % 3,
        row: Math.floor(p / 3),
      })
      cells.push(at((face + p) % 2 ? 0.1 : 0.08, 0))
      // One in six also larger (all nine positions), the four larger widths in turn.
      if ((face + p) % 6 === 0) cells.push(at(larger[largerTurn++ % larger.length]!, 1))
    }
  return cells
}

/** The lab page with the bench tools and the recall page loaded, the detector warm. */
export async function openRecallPage(
  browser: Browser,
  url: string,
): Promise<{ page: Page; pageErrors: string[]; backend: string; loadMs: number }> {
  const { page, pageErrors } = await openPhotoLabPage(browser, url)
  await page.evaluate(installBenchTools)
  // A string, not a function: Vitest rewrites `import()` inside functions in test files.
  await page.evaluate(`import('/tests/e2e/pages/face-recall.ts')`)
  const { backend, loadMs } = await page.evaluate(() => window.faceRecall.init())
  return { page, pageErrors, backend, loadMs }
}

/** Runs `cells` in batches (one long evaluate would hold the page for minutes). */
export async function runRecall(
  page: Page,
  cells: RecallCell[],
  modes = { live: true, still: true },
): Promise<RecallResult[]> {
  const out: RecallResult[] = []
  for (let i = 0; i < cells.length; i += 40) {
    const batch = cells.slice(i, i + 40)
    out.push(
      ...(await page.evaluate(([c, m]) => window.faceRecall.run(c, m), [batch, modes] as const)),
    )
  }
  return out
}

export interface RecallRate {
  frames: number
  live: number
  still: number
}

export interface RecallSummary {
  /** By face width share. */
  byShare: Map<number, RecallRate>
  /** By width share and position (0..8). */
  byCell: Map<string, RecallRate>
  /** Frames without a face: how many had a face found (live, still). */
  empty: { frames: number; live: number; still: number }
  /** Found at >= 10% and at 8% of the width (share of frames). */
  from10: RecallRate
  at8: RecallRate
  liveMs: number[]
  stillMs: number[]
}

const rate = (): RecallRate => ({ frames: 0, live: 0, still: 0 })

export function summariseRecall(cells: RecallCell[], results: RecallResult[]): RecallSummary {
  const byShare = new Map<number, RecallRate>()
  const byCell = new Map<string, RecallRate>()
  const empty = { frames: 0, live: 0, still: 0 }
  const from10 = rate()
  const at8 = rate()
  const add = (r: RecallRate, res: RecallResult) => {
    r.frames++
    r.live += Number(res.live)
    r.still += Number(res.still)
  }
  cells.forEach((cell, i) => {
    const res = results[i]!
    if (cell.face === null) {
      empty.frames++
      empty.live += Number(res.liveOther > 0)
      empty.still += Number(res.stillOther > 0)
      return
    }
    if (!byShare.has(cell.share)) byShare.set(cell.share, rate())
    add(byShare.get(cell.share)!, res)
    const key = `${cell.share} ${cell.row * 3 + cell.col}`
    if (!byCell.has(key)) byCell.set(key, rate())
    add(byCell.get(key)!, res)
    if (cell.share >= 0.1) add(from10, res)
    if (Math.abs(cell.share - 0.08) < 1e-9) add(at8, res)
  })
  const pick = (k: 'liveMs' | 'stillMs') => results.map((r) => r[k]).filter((ms) => ms > 0)
  return { byShare, byCell, empty, from10, at8, liveMs: pick('liveMs'), stillMs: pick('stillMs') }
}

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '-')

/** Markdown: found (live / still) by width and position, then the totals. */
export function recallTable(summary: RecallSummary, shares: readonly number[] = RECALL_SHARES) {
  const lines = [
    `| Face width | ${POSITIONS.join(' | ')} | All |`,
    `| --- | ${POSITIONS.map(() => '---').join(' | ')} | --- |`,
  ]
  for (const share of shares) {
    const cells = POSITIONS.map((_, p) => {
      const r = summary.byCell.get(`${share} ${p}`)
      return r ? `${pct(r.live, r.frames)} / ${pct(r.still, r.frames)}` : '-'
    })
    const all = summary.byShare.get(share)
    lines.push(
      `| ${Math.round(share * 100)}% | ${cells.join(' | ')} | ${all ? `**${pct(all.live, all.frames)} / ${pct(all.still, all.frames)}**` : '-'} |`,
    )
  }
  return lines.join('\n')
}
