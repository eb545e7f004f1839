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
    // As a set: an English plural repeats its placeholders in each form, Korean has one form.
    const names = (s: string) => [...new Set(s.match(/\{\w+\}/g))].sort()
    for (const [key, text] of english) {
      const other = korean.get(key)
      expect(typeof text === 'string' && text.trim() !== '', key).toBe(true)
      expect(typeof other === 'string' && other.trim() !== '', key).toBe(true)
      expect(names(other as string), key).toEqual(names(text as string))
    }
  })

  it('use no translator syntax characters (| { }) outside placeholders and plural forms', () => {
    const bare = (text: unknown) => String(text).replace(/\{\w+\}/g, '')
    // " | " between an English message's one and other forms is the plural syntax; Korean has
    // no plural, so no forms.
    for (const [key, text] of english)
      expect(bare(text).split(' | ').join(''), key).not.toMatch(/[|{}]/)
    for (const [key, text] of korean) expect(bare(text), key).not.toMatch(/[|{}]/)
  })
})
