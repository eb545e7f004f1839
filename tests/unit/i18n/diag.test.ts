// The Diagnostics and Session log messages (diag.*.ts, log.*.ts): same keys and placeholders in
// English and Korean, nothing empty, and no character the translator would read as syntax.
import { describe, expect, it } from 'vitest'
import diagEn from '@/i18n/diag.en.ts'
import diagKo from '@/i18n/diag.ko.ts'
import logEn from '@/i18n/log.en.ts'
import logKo from '@/i18n/log.ko.ts'

function leaves(value: unknown, prefix = ''): Array<[string, unknown]> {
  if (typeof value !== 'object' || value === null) return [[prefix, value]]
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k))
}

describe.each([
  ['diag', diagEn, diagKo],
  ['log', logEn, logKo],
])('%s messages', (_name, en, ko) => {
  const english = new Map(leaves(en))
  const korean = new Map(leaves(ko))

  it('have the same keys in English and Korean', () => {
    expect([...korean.keys()].sort()).toEqual([...english.keys()].sort())
  })

  it('are non-empty text with the same {placeholders}', () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()
    for (const [key, text] of english) {
      const other = korean.get(key)
      expect(typeof text === 'string' && text.trim() !== '', key).toBe(true)
      expect(typeof other === 'string' && other.trim() !== '', key).toBe(true)
      expect(names(other as string), key).toEqual(names(text as string))
    }
  })

  it('use no translator syntax characters (| { }) outside placeholders', () => {
    for (const [key, text] of [...english, ...korean]) {
      const bare = String(text).replace(/\{\w+\}/g, '')
      expect(bare, key).not.toMatch(/[|{}]/)
    }
  })
})
