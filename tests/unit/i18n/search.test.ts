// The search strings: the same keys and placeholders in English and Korean, and no characters
// that the translator would read as syntax.
import { describe, expect, it } from 'vitest'
import searchEn from '@/i18n/search.en.ts'
import searchKo from '@/i18n/search.ko.ts'

const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort()

describe('search strings', () => {
  it('English and Korean have the same keys, none empty', () => {
    expect(Object.keys(searchKo).sort()).toEqual(Object.keys(searchEn).sort())
    for (const text of [...Object.values(searchEn), ...Object.values(searchKo)]) {
      expect(text.trim().length).toBeGreaterThan(0)
    }
  })

  it('uses the same placeholders in both languages', () => {
    for (const [key, en] of Object.entries(searchEn)) {
      const ko = searchKo[key as keyof typeof searchKo]
      expect(placeholders(ko), key).toEqual(placeholders(en))
    }
  })

  it('has no | { } outside {placeholders}', () => {
    for (const text of [...Object.values(searchEn), ...Object.values(searchKo)]) {
      expect(text.replace(/\{\w+\}/g, ''), text).not.toMatch(/[|{}]/)
    }
  })

  it('keeps the label people and automation look for', () => {
    expect(searchEn.label).toBe('Search users')
    expect(searchEn.refresh).toBe('Refresh list')
  })
})
