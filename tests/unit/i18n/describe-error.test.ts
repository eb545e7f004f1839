import { describe, expect, it } from 'vitest'
import { messages } from '@/i18n/messages.ts'
import { describeError } from '@/i18n/describe-error.ts'
import { ApiError, type ApiErrorKind } from '@/api/errors.ts'
import { createAppI18n } from '@/i18n/index.ts'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

describe('translations', () => {
  it('English and Korean have exactly the same keys, none empty', () => {
    const en = keys(messages.en).sort()
    const ko = keys(messages.ko).sort()
    expect(ko).toEqual(en)
    for (const lang of [messages.en, messages.ko]) {
      for (const key of keys(lang)) {
        const text = key
          .split('.')
          .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], lang)
        expect(typeof text === 'string' && text.trim().length > 0, key).toBe(true)
      }
    }
  })

  it('uses the same placeholders in both languages', () => {
    for (const key of keys(messages.en)) {
      const get = (lang: object) =>
        String(key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], lang))
      // As a set: an English plural repeats its placeholders in each form, Korean has one form.
      const names = (s: string) => [...new Set(s.match(/\{\w+\}/g))].sort()
      expect(names(get(messages.ko)), key).toEqual(names(get(messages.en)))
    }
  })
})

describe('describeError', () => {
  const { t } = createAppI18n('en').global
  const kinds: ApiErrorKind[] = [
    'session',
    'credentials',
    'locked',
    'permission',
    'not-found',
    'rejected',
    'unreachable',
    'refused',
    'offline',
    'tls',
    'timeout',
    'server',
    'bad-response',
    'aborted',
  ]

  it.each(kinds)('explains %s in a sentence, never a bare status', (kind) => {
    const text = describeError(
      new ApiError({ kind, status: 503, code: '65675', serverMessage: 'not defined' }),
      t,
    )
    expect(text.length).toBeGreaterThan(20)
    expect(text).not.toMatch(/^\d+$/)
  })

  it("keeps BioStar's own message and code for a refusal", () => {
    const text = describeError(
      new ApiError({ kind: 'rejected', status: 400, code: '65675', serverMessage: 'not defined' }),
      t,
    )
    expect(text).toContain('not defined')
    expect(text).toContain('65675')
  })

  it('names the server the proxy could not reach', () => {
    const text = describeError(new ApiError({ kind: 'unreachable', server: 'https://10.0.0.5' }), t)
    expect(text).toContain('https://10.0.0.5')
  })
})
