import { describe, expect, it } from 'vitest'
import { csvCell, parseCsv, toCsv } from '@/batch/csv.ts'

describe('CSV report', () => {
  it('quotes per RFC 4180: commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('Doe, Jane')).toBe('"Doe, Jane"')
    expect(csvCell('say "cheese"')).toBe('"say ""cheese"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('cr\rlf')).toBe('"cr\rlf"')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
    expect(csvCell(15872)).toBe('15872')
  })

  it('keeps spreadsheet formulas as text', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"')
    expect(csvCell('+1')).toBe("'+1")
    expect(csvCell('-2+3')).toBe("'-2+3")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('\tcmd')).toBe("'\tcmd")
    expect(csvCell('12-34')).toBe('12-34')
    // Numbers are numbers, never prefixed.
    expect(csvCell(-5)).toBe('-5')
  })

  it('ends every line with CRLF and reads back the same cells', () => {
    const rows = [
      ['file', 'user ID', 'name', 'result', 'bytes', 'message'],
      ['12 - Doe, Jane.jpg', '12', '김민준', 'saved', 15872, ''],
      ['=1+1.jpg', '', '', 'skipped', '', 'No "ID"\nhere'],
    ]
    const text = toCsv(rows)
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.split('\r\n')[0]).toBe('file,user ID,name,result,bytes,message')
    const back = parseCsv(text)
    expect(back).toHaveLength(3)
    expect(back[1]).toEqual(['12 - Doe, Jane.jpg', '12', '김민준', 'saved', '15872', ''])
    expect(back[2]).toEqual(["'=1+1.jpg", '', '', 'skipped', '', 'No "ID"\nhere'])
  })
})
