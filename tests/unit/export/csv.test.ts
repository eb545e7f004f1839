// The one CSV writer: every field quoted, formulas defused (after spaces, in ASCII or full-width
// form), numbers left numbers, and the text read back cell for cell.
import { describe, expect, it } from 'vitest'
import { csvCell, parseCsv, toCsv } from '@/export/csv.ts'

describe('csvCell', () => {
  it('quotes every field, doubling quotes; nothing is an empty quoted field', () => {
    expect(csvCell('plain')).toBe('"plain"')
    expect(csvCell('Doe, Jane')).toBe('"Doe, Jane"')
    expect(csvCell('say "cheese"')).toBe('"say ""cheese"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('김민준')).toBe('"김민준"')
    expect(csvCell(null)).toBe('""')
    expect(csvCell(undefined)).toBe('""')
  })

  it.each([
    // A name that splits at ";" where spreadsheets take ";" for the separator: quoted whole.
    [`Lee;=cmd|'/C calc'!A0;x`, `"Lee;=cmd|'/C calc'!A0;x"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    [' =1+1', `"' =1+1"`],
    ['\u3000=1+1', `"'\u3000=1+1"`],
    ['＝1+1', `"'＝1+1"`],
    ['＋1', `"'＋1"`],
    ['－1', `"'－1"`],
    ['＠SUM(A1)', `"'＠SUM(A1)"`],
    ['+82 10', `"'+82 10"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tcmd', `"'\tcmd"`],
    ['\rcmd', `"'\rcmd"`],
    ['12-34', '"12-34"'],
    ['a=b', '"a=b"'],
  ])('defuses %j as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell)
  })

  it('writes numbers as numbers: a negative number is not a formula', () => {
    expect(csvCell(15872)).toBe('"15872"')
    expect(csvCell(-5)).toBe('"-5"')
  })
})

describe('toCsv and parseCsv', () => {
  it('ends every line with CRLF and reads back the same cells', () => {
    const rows = [
      ['file', 'user ID', 'name', 'result', 'bytes', 'message'],
      ['12 - Doe, Jane.jpg', '12', '김민준', 'saved', 15872, ''],
      ['=1+1.jpg', '', '', 'skipped', '', 'No "ID"\nhere'],
    ]
    const text = toCsv(rows)
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.split('\r\n')[0]).toBe('"file","user ID","name","result","bytes","message"')
    const back = parseCsv(text)
    expect(back).toHaveLength(3)
    expect(back[1]).toEqual(['12 - Doe, Jane.jpg', '12', '김민준', 'saved', '15872', ''])
    expect(back[2]).toEqual(["'=1+1.jpg", '', '', 'skipped', '', 'No "ID"\nhere'])
  })
})
