/** A cell value: strings are guarded against formula injection, numbers are written as is. */
export type CsvValue = string | number | null | undefined

// Spreadsheets run a cell starting with these as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * One RFC 4180 field. Text that a spreadsheet would run as a formula gets a leading `'`, so a
 * file named `=HYPERLINK(...).jpg` stays text; fields with `"`, `,`, CR or LF are quoted.
 */
export function csvCell(value: CsvValue): string {
  let text = value === null || value === undefined ? '' : String(value)
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
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
