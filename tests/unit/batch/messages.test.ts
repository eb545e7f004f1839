import { describe, expect, it } from 'vitest'
import en from '@/i18n/batch.en.ts'
import ko from '@/i18n/batch.ko.ts'
import { createAppI18n } from '@/i18n/index.ts'
import { rowMessage } from '@/batch/messages.ts'
import { newRow, type RowStatus } from '@/batch/rows.ts'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}
const get = (lang: object, key: string) =>
  String(key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], lang))

const STATUSES: RowStatus[] = [
  'no-id',
  'bad-file',
  'missing-file',
  'checking',
  'check-failed',
  'unknown-user',
  'duplicate',
  'preparing',
  'has-photo',
  'ready',
  'sending',
  'saved',
  'failed',
  'cancelled',
  'superseded',
]

describe('batch translations', () => {
  it('English and Korean have the same keys and placeholders, none empty', () => {
    expect(keys(ko).sort()).toEqual(keys(en).sort())
    // As a set: an English plural repeats its placeholders in each form, Korean has one form.
    const names = (s: string) => [...new Set(s.match(/\{\w+\}/g))].sort()
    for (const key of keys(en)) {
      expect(get(en, key).trim(), key).not.toBe('')
      expect(get(ko, key).trim(), key).not.toBe('')
      expect(names(get(ko, key)), key).toEqual(names(get(en, key)))
    }
  })

  it('has a label for every row status and a sentence for every skip', () => {
    const i18n = createAppI18n('en')
    i18n.global.mergeLocaleMessage('en', { batch: en })
    const t = i18n.global.t as (key: string, values?: Record<string, unknown>) => string
    const describePhoto = (reason: unknown) => `photo problem ${String(reason)}`
    for (const status of STATUSES) {
      expect(t(`batch.status.${status}`)).not.toBe(`batch.status.${status}`)
      const row = { ...newRow('1', '12.jpg', 1), userId: '12' }
      row.problem = { kind: 'name', problem: 'no-id' }
      const message = rowMessage(row, status, t, describePhoto)
      if (['checking', 'preparing', 'ready', 'sending', 'saved'].includes(status))
        expect(message, status).toBe('')
      else expect(message.length, status).toBeGreaterThan(10)
    }
    expect(t('batch.nameProblems.out-of-range')).toContain('4294967294')
  })
})
