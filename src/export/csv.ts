// The one way Photo Desk writes CSV (session log, batch report, and any later export): every
// field quoted, and text a spreadsheet would run as a formula defused (OWASP "CSV injection").

/** A cell value: strings are guarded against formula injection, numbers are written as is. */
export type CsvValue = string | number | null | undefined

// A spreadsheet runs a cell as a formula when it starts, after spaces, with one of these, in
// their ASCII or full-width (U+FF0B, U+FF0D, U+FF1D, U+FF20) forms, or with a tab or a CR.
const FORMULA_START = /^[ \u3000\u00a0]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/

/**
 * One RFC 4180 field, always quoted: a separator a spreadsheet guesses differently (";" in many
 * locales) cannot split it. Text that would run as a formula gets a leading `'`, so a user
 * named `=HYPERLINK(...)` stays text. Numbers are numbers: -1 is not a formula.
 */
export function csvCell(value: CsvValue): string {
  let text = value === null || value === undefined ? '' : String(value)
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  return `"${text.replace(/"/g, '""')}"`
}

/** Rows to CSV text: CRLF line ends (RFC 4180), a final CRLF, no byte order mark. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string {
  return rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('')
}

/** Reads CSV text back into rows (RFC 4180: quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
