// The same words everywhere: counts agree with their number ("1 entry", never "1 entries"),
// Korean keeps one form (it has no plural), and an empty photo is always "No photo".
import { describe, expect, it } from 'vitest'
import { createTranslator, type Messages } from '@/i18n/translator.ts'
import { messages } from '@/i18n/messages.ts'

/** Every message as [dot path, text]. */
function flatten(tree: Messages, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[prefix + key, value]] : flatten(value, `${prefix}${key}.`),
  )
}
const en = flatten(messages.en as Messages)
const ko = flatten(messages.ko as Messages)

// A number put before a word that changes with it.
const COUNTED =
  /\{(\w+)\} (?:[\w-]+ )?(entries|photos|files|users|IDs|faces|matches|people|items|levels)\b/
// Messages whose number is never 1, with the reason.
const NEVER_ONE: Record<string, string> = {
  'search.matches': 'search.oneMatch says "1 match"',
  'search.capped': 'more matches than shown, so at least 2',
  'search.partial': 'fewer loaded than the total, so the total is at least 2',
  'face.crop.several': 'shown for 2 faces or more',
  'batch.truncated': 'fixed limits (thousands of files, several levels)',
  'progress.rate': 'a rate with a decimal ("2.5 photos/s"), read as a unit',
}

describe('English counts', () => {
  it('give a one and an other form wherever a number counts something', () => {
    const missing = en
      .filter(([key, text]) => COUNTED.test(text) && !text.includes('|') && !NEVER_ONE[key])
      .map(([key]) => key)
    expect(missing).toEqual([])
  })

  it('read right for 1 and for 2', () => {
    const { t } = createTranslator('en', messages)
    const plural = en.filter(([, text]) => text.includes('|'))
    expect(plural.length).toBeGreaterThan(10)
    for (const [key] of plural) {
      const values = { total: 1, files: 1, done: 1, unsent: 0, name: 'Kim' }
      const one = t(key, values, 1)
      expect(one, key).not.toMatch(/\b1 (entries|photos|files|users|IDs)\b/)
      expect(one, key).not.toContain('|')
      const two = t(key, { ...values, total: 2, files: 2 }, 2)
      expect(two, key).not.toMatch(/\b2 (entry|photo|file|user|ID)\b(?! (saved|sent))/)
    }
  })

  it('as the screens say them', () => {
    const { t } = createTranslator('en', messages)
    expect(t('log.summary', { total: 1, ok: 1, failed: 0, pending: 0 }, 1)).toBe(
      '1 entry: 1 done, 0 failed, 0 waiting',
    )
    expect(t('log.dropped', {}, 1)).toBe('The oldest entry was let go to keep the log small.')
    expect(t('log.dropped', {}, 40)).toBe(
      'The oldest 40 entries were let go to keep the log small.',
    )
    expect(t('batch.checking', {}, 1)).toBe('Checking 1 ID with BioStar…')
    expect(t('batch.preparing', {}, 3)).toBe('Preparing 3 photos…')
    expect(t('batch.restored', {}, 1)).toContain('(1 file)')
    expect(t('batch.overwriteHint', {}, 1)).toMatch(/^1 of the users already has a photo/)
    expect(t('batch.progressValue', { done: 0, total: 1, failed: 0 }, 1)).toBe(
      '0 of 1 photo sent, 0 failed',
    )
    expect(t('batch.removedOther', { owner: 'lee', files: 1, unsent: 1 }, 1)).toContain(
      '(1 file, 1 not sent)',
    )
  })
})

describe('Korean counts', () => {
  it('have one form: Korean has no plural', () => {
    expect(ko.filter(([, text]) => text.includes('|')).map(([key]) => key)).toEqual([])
  })
})

describe('an empty photo', () => {
  it('is called "No photo" (사진 없음) wherever the app shows one', () => {
    const keys = en.map(([key]) => key).filter((key) => /(^|\.)noPhoto$/.test(key))
    expect(keys).toEqual(expect.arrayContaining(['card.noPhoto', 'search.noPhoto']))
    for (const key of keys) {
      expect(createTranslator('en', messages).t(key), key).toBe('No photo')
      expect(createTranslator('ko', messages).t(key), key).toBe('사진 없음')
    }
  })

  it('has no other name in English', () => {
    const other = /no photo yet|without (a )?photo|photo missing|missing photo|no current photo/i
    expect(en.filter(([, text]) => other.test(text)).map(([key]) => key)).toEqual([])
  })
})
