// Node side of the same-person measure: runs tests/e2e/pages/face-match.ts in a lab page that
// openRecallPage opened (the detector there is warm) and prints the distances.
import type { Page } from 'playwright-core'
import type { MatchReport } from './face-match.ts'

export async function runMatch(page: Page): Promise<MatchReport> {
  // A string, not a function: Vitest rewrites `import()` inside functions in test files.
  await page.evaluate(`import('/tests/e2e/pages/face-match.ts')`)
  return page.evaluate(() => window.faceMatch.run())
}

const show = (r: MatchReport['pairs'][number]['result']) =>
  r.verdict === 'unknown' ? `no verdict (${r.reason})` : `${r.distance.toFixed(3)} ${r.verdict}`

/** Markdown: the 15 pairs, then each face against its changes. */
export function matchTable(report: MatchReport): string {
  const lines = ['| Pair of sample faces | Distance |', '| --- | --- |']
  for (const p of report.pairs) lines.push(`| ${p.a + 1} - ${p.b + 1} | ${show(p.result)} |`)
  const changes = [...new Set(report.changes.map((c) => c.change))]
  lines.push('', `| Change | ${[1, 2, 3, 4, 5, 6].map((f) => `face ${f}`).join(' | ')} |`)
  lines.push(`| --- | ${[1, 2, 3, 4, 5, 6].map(() => '---').join(' | ')} |`)
  for (const change of changes) {
    const row = report.changes.filter((c) => c.change === change).map((c) => show(c.result))
    lines.push(`| ${change} | ${row.join(' | ')} |`)
  }
  const ms = [...report.describeMs].sort((a, b) => a - b)
  lines.push(
    '',
    `Describe a portrait: first ${Math.round(report.firstMs)} ms (loads the recognition model),` +
      ` then median ${Math.round(ms[ms.length >> 1] ?? 0)} ms, worst ${Math.round(ms.at(-1) ?? 0)} ms.`,
  )
  return lines.join('\n')
}
