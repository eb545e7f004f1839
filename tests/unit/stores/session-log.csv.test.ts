// The session log as CSV (through src/export/csv.ts): a header, one row per entry, formulas
// defused in names, IDs and messages, time with its offset.
import { describe, expect, it } from 'vitest'
import { localIsoTime, logToCsv, type LogCsvFormat, type LogEntry } from '@/stores/session-log.ts'

const format: LogCsvFormat = {
  header: ['Time', 'Operator', 'User ID', 'Name', 'Action', 'Result', 'Bytes', 'Checks', 'Message'],
  time: (ms) => `t${ms}`,
  action: (a) => a.toUpperCase(),
  result: (r) => r,
  checks: (lines) => lines.join('; '),
  message: (e) => e.message ?? '',
}

function entry(extra: Partial<LogEntry> = {}): LogEntry {
  return {
    time: 1,
    operator: 'clerk',
    userId: '42',
    name: 'Kim',
    action: 'save',
    result: 'ok',
    ...extra,
  }
}

/** RFC 4180 reader, enough to check the writer: quoted fields, doubled quotes, CRLF. */
function parse(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"'
      i++
    } else if (c === '"') {
      quoted = !quoted
    } else if (!quoted && c === ',') {
      row.push(field)
      field = ''
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else {
      field += c
    }
  }
  expect(field, 'text after the last CRLF').toBe('')
  return rows
}

describe('logToCsv', () => {
  it('writes a header and one row per entry, CRLF line ends, a final CRLF', () => {
    const text = logToCsv(
      [
        entry({ bytes: 15_000, checks: ['face centred', 'sharp'] }),
        entry({ action: 'remove', result: 'failed', userId: 'A-7', message: 'no, "really"' }),
      ],
      format,
    )
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.split('\r\n')).toHaveLength(4)
    expect(parse(text)).toEqual([
      format.header,
      ['t1', 'clerk', '42', 'Kim', 'SAVE', 'ok', '15000', 'face centred; sharp', ''],
      ['t1', 'clerk', 'A-7', 'Kim', 'REMOVE', 'failed', '', '', 'no, "really"'],
    ])
  })

  it('defuses formulas in names, IDs and messages, and reads them back as typed', () => {
    const hostile = entry({
      userId: '-1',
      name: '=cmd|" /C calc"!A0',
      operator: '@admin',
      message: '+SUM(1,2)\r\nnext',
    })
    const [, row] = parse(logToCsv([hostile], format))
    expect(row).toEqual([
      't1',
      "'@admin",
      "'-1",
      `'=cmd|" /C calc"!A0`,
      'SAVE',
      'ok',
      '',
      '',
      "'+SUM(1,2)\r\nnext",
    ])
    for (const cell of row!) expect(cell).not.toMatch(/^[=+\-@]/)
  })

  it('gives only the header for an empty log', () => {
    expect(logToCsv([], format)).toBe(format.header.map((h) => `"${h}"`).join(',') + '\r\n')
  })
})

describe('localIsoTime', () => {
  it('writes local time with the offset, so it names the same instant', () => {
    const ms = Date.UTC(2025, 2, 7, 5, 5, 9)
    const text = localIsoTime(ms)
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/)
    expect(Date.parse(text)).toBe(ms)
  })
})
