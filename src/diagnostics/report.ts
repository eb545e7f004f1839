/** ok / warn / bad colour a row; info is neutral. The value text always says it in words too. */
export type RowStatus = 'ok' | 'warn' | 'bad' | 'info'

export interface DiagRow {
  /** Stable name (data-test, tests). */
  id: string
  label: string
  value: string
  status: RowStatus
  /** What to do about it, when something is wrong. */
  help?: string
}

export interface DiagSection {
  id: string
  title: string
  rows: DiagRow[]
}

export interface ReportOptions {
  title: string
  /** "Created: 2025-03-07T14:05:09+09:00" */
  created: string
  /** Secrets that must never reach the clipboard (the session id), even by accident. */
  redact?: ReadonlyArray<string | null | undefined>
}

/** The report "Copy report" gives support: one "Label: value" line per row, as plain text. */
export function reportText(sections: readonly DiagSection[], options: ReportOptions): string {
  const lines = [options.title, options.created]
  for (const section of sections) {
    lines.push('', `== ${section.title} ==`)
    for (const row of section.rows) {
      lines.push(`${row.label}: ${row.value}`)
      if (row.help) lines.push(`  -> ${row.help}`)
    }
  }
  let text = lines.join('\n') + '\n'
  for (const secret of options.redact ?? []) {
    if (secret && secret.length >= 4) text = text.split(secret).join('[hidden]')
  }
  return text
}
