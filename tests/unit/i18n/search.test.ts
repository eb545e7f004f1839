// The desk lookup's strings: the same keys and placeholders in English and Korean, no characters
// that the translator would read as syntax, and the label people and scripts rely on.
import { describe, expect, it } from 'vitest'
import searchEn from '@/i18n/search.en.ts'
import searchKo from '@/i18n/search.ko.ts'
import deskEn from '@/i18n/desk.en.ts'
import deskKo from '@/i18n/desk.ko.ts'

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

  it('keeps the label people and automation look for: the lookup field starts "User ID"', () => {
    // Playwright's getByLabel('User ID') and screen-reader users find the one lookup box by it.
    expect(deskEn.lookup.label).toBe('User ID or name')
    expect(deskKo.lookup.label).toBe('사용자 ID 또는 이름')
    expect(deskEn.lookup.find).toBe('Find')
    // No "Refresh list" any more: the list refreshes by itself, and no string still tells the
    // clerk to press a button that is gone.
    for (const text of [...Object.values(searchEn), ...Object.values(searchKo)]) {
      expect(text).not.toMatch(/refresh|새로 고/i)
    }
  })
})
