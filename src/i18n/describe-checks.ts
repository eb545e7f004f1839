import { parseLogCheck } from '@/face/log-lines.ts'

type Translate = (key: string, values?: Record<string, unknown>) => string

/** The photo checks of a session-log entry, in words. */
export interface ChecksInWords {
  /** "Distance (Move closer)": what failed, with what the desk asked for. */
  failed: string[]
  /** "Face found", "Sharp". */
  passed: string[]
}

/**
 * The log's language-neutral check lines (`checksForLog`, e.g. "size fail closer") in the
 * desk's own words (`face.checks.*`, `face.do.*`). A line this version cannot read (another
 * Photo Desk's) is kept as written, among the failed, rather than dropped.
 */
export function describeChecks(lines: readonly string[], t: Translate): ChecksInWords {
  const out: ChecksInWords = { failed: [], passed: [] }
  for (const line of lines) {
    const check = parseLogCheck(line)
    if (!check) out.failed.push(line)
    else if (check.state === 'pass') out.passed.push(t(`face.checks.${check.id}`))
    else if (!check.instruction) out.failed.push(t(`face.checks.${check.id}`))
    else
      out.failed.push(
        t('log.checks.failedWith', {
          check: t(`face.checks.${check.id}`),
          hint: t(`face.do.${check.instruction}`),
        }),
      )
  }
  return out
}

/** The checks as one line (the CSV): "Failed: …. Passed: …." or the no-checks mark. */
export function checksText(lines: readonly string[] | undefined, t: Translate): string {
  const { failed, passed } = describeChecks(lines ?? [], t)
  const parts: string[] = []
  if (failed.length) parts.push(t('log.checks.failed', { list: failed.join(', ') }))
  if (passed.length) parts.push(t('log.checks.passed', { list: passed.join(', ') }))
  return parts.length ? parts.join(' ') : t('log.noChecks')
}
