// Measure 1, encoder quality at the device budget: each test picture made into a 400x400 profile
// photo within 16,000 bytes by Photo Desk (preparePhoto), by Suprema's Android rule and by
// browser-image-compression, all from the same square crop, in Chromium. Scored by SSIM
// (ssim.js) against the reference: the same crop scaled to 400x400 by exact area averaging,
// never encoded.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { PhotoLab } from '../tests/helpers/photo-lab.ts'
import {
  GENERATED,
  type BenchPage,
  type GeneratedKind,
  type LimitResult,
  type MethodName,
  type MethodOutput,
  type PictureResult,
  type RuleRun,
} from './page-tools.ts'
import { summarise, type Summary } from './stats.ts'

export const METHOD_LABELS: Record<MethodName, string> = {
  photoDesk: 'Photo Desk',
  android: 'Suprema Android rule',
  bic: 'browser-image-compression',
}

/** A picture: one of face-api's sample photos, or a generated one. */
export interface Picture {
  name: string
  description: string
  sample?: string
  generated?: GeneratedKind
}

const require = createRequire(import.meta.url)

/** face-api's six sample face photos (real photographs, 1920 px wide) + the generated ones. */
export function pictures(): Picture[] {
  const samples = [1, 2, 3, 4, 5, 6].map((i) => ({
    name: `face-sample${i}`,
    description: `@vladmandic/face-api demo/sample${i}.jpg (real photo)`,
    sample: require.resolve(`@vladmandic/face-api/demo/sample${i}.jpg`),
  }))
  const generated = (Object.keys(GENERATED) as GeneratedKind[]).map((kind) => ({
    name: kind,
    description: GENERATED[kind],
    generated: kind,
  }))
  return [...samples, ...generated]
}

export interface MethodSummary extends Omit<MethodOutput, 'ms'> {
  time: Summary
}

export interface PictureSummary {
  name: string
  description: string
  width: number
  height: number
  /** Bytes of the input file. */
  fileBytes: number
  crop: PictureResult['crop']
  bicInputMs: number
  scalingOnly: PictureResult['scalingOnly']
  methods: Record<MethodName, MethodSummary>
  /** The method(s) with the highest SSIM. */
  best: MethodName[]
  /** The best SSIM of any side 400..200 (steps of 8) and quality 1..100 within the budget. */
  limit: LimitResult
  /** limit.ssim minus Photo Desk's SSIM. */
  gap: number
  /** Photo Desk's encoder rule before issue 14 and now, timed interleaved (A/B). */
  rules: { before: RuleSummary; now: RuleSummary }
}

export interface RuleSummary extends Omit<RuleRun, 'ms'> {
  time: Summary
}

export interface EncoderResults {
  budget: number
  runs: number
  pictures: PictureSummary[]
  /** Pictures where Photo Desk's SSIM is the highest (ties count). */
  photoDeskBest: number
  /** Every over-budget output, as `picture: method (bytes)`. */
  overBudget: string[]
  /** Outputs that are not baseline JPEGs. */
  notBaseline: string[]
  /** How close Photo Desk must come to the limit (SSIM). */
  tolerance: number
  /** Pictures where Photo Desk is within `tolerance` of the limit. */
  withinLimit: number
  /** A/B timing: runs per rule and picture, and the median of every photo's time per rule. */
  ab: { runs: number; before: Summary; now: Summary }
}

/** Photo Desk must come this close to the encoder limit (issue 14). */
export const LIMIT_TOLERANCE = 0.0005

/** Runs every picture through the three methods; `log` gets one line per picture. */
export async function measureEncoder(
  lab: PhotoLab,
  {
    runs,
    abRuns,
    only,
    log,
  }: { runs: number; abRuns: number; only?: string[]; log: (line: string) => void },
): Promise<EncoderResults> {
  const list = pictures().filter((p) => !only || only.includes(p.name))
  const out: PictureSummary[] = []
  for (const picture of list) {
    const base64 = picture.sample ? readFileSync(picture.sample).toString('base64') : undefined
    const result = await lab.page.evaluate(
      async ({ base64, kind, runs, abRuns }) => {
        const { bench, photo, lab } = globalThis as unknown as BenchPage
        let bitmap: ImageBitmap
        let fileBytes: number
        if (base64) {
          const blob = new Blob([lab.bytes(base64)], { type: 'image/jpeg' })
          fileBytes = blob.size
          bitmap = await photo.decodeImage(blob)
        } else {
          ;({ bitmap, fileBytes } = await bench.generatedSource(kind!))
        }
        try {
          return { ...(await bench.compare(bitmap, runs, abRuns)), fileBytes }
        } finally {
          bitmap.close()
        }
      },
      { base64, kind: picture.generated, runs, abRuns },
    )
    const methods = Object.fromEntries(
      result.methods.map(({ ms, ...m }) => [m.method, { ...m, time: summarise(ms) }]),
    ) as Record<MethodName, MethodSummary>
    const top = Math.max(...result.methods.map((m) => m.ssim))
    const best = result.methods.filter((m) => m.ssim === top).map((m) => m.method)
    const rule = ({ ms, ...r }: RuleRun): RuleSummary => ({ ...r, time: summarise(ms) })
    const rules = { before: rule(result.rules.before), now: rule(result.rules.now) }
    const gap = result.limit.ssim - methods.photoDesk.ssim
    out.push({
      name: picture.name,
      description: picture.description,
      width: result.width,
      height: result.height,
      fileBytes: result.fileBytes,
      crop: result.crop,
      bicInputMs: result.bicInputMs,
      scalingOnly: result.scalingOnly,
      methods,
      best,
      limit: result.limit,
      gap,
      rules,
    })
    log(
      `  ${picture.name.padEnd(16)} ` +
        result.methods
          .map(
            (m) =>
              `${METHOD_LABELS[m.method]}: ${m.bytes} B ${m.width} px SSIM ${m.ssim.toFixed(4)} ` +
              `${summarise(m.ms).median.toFixed(0)} ms${m.overBudget ? ' OVER BUDGET' : ''}`,
          )
          .join(' | ') +
        ` | scaling only: ${result.scalingOnly.photoDesk.toFixed(4)} / ${result.scalingOnly.android.toFixed(4)}`,
    )
    const l = result.limit
    log(
      `  ${''.padEnd(16)} limit: SSIM ${l.ssim.toFixed(4)} at ${l.side} px q${Math.round(l.quality * 100)}` +
        ` (${l.encodes} encodes, ${l.scores} scores, ${(l.ms / 1000).toFixed(1)} s), gap ${gap.toFixed(4)}` +
        ` | before issue 14: SSIM ${rules.before.ssim.toFixed(4)} ${rules.before.side} px` +
        ` ${rules.before.time.median.toFixed(1)} ms | now ${rules.now.time.median.toFixed(1)} ms`,
    )
  }
  const all = out.flatMap((p) => Object.values(p.methods).map((m) => ({ p, m })))
  return {
    budget: 16_000,
    runs,
    pictures: out,
    photoDeskBest: out.filter((p) => p.best.includes('photoDesk')).length,
    overBudget: all
      .filter(({ m }) => m.overBudget)
      .map(({ p, m }) => `${p.name}: ${METHOD_LABELS[m.method]} (${m.bytes} B)`),
    notBaseline: all
      .filter(({ m }) => !m.baseline)
      .map(({ p, m }) => `${p.name}: ${METHOD_LABELS[m.method]}`),
    tolerance: LIMIT_TOLERANCE,
    withinLimit: out.filter((p) => p.gap <= LIMIT_TOLERANCE).length,
    ab: {
      runs: abRuns,
      before: summarise(out.flatMap((p) => p.rules.before.time.samples)),
      now: summarise(out.flatMap((p) => p.rules.now.time.samples)),
    },
  }
}
