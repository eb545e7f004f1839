import { describe, expect, it } from 'vitest'
import {
  countRows,
  markDuplicates,
  newRow,
  rowResult,
  rowStatus,
  type BatchRow,
} from '@/batch/rows.ts'

let key = 0
function row(userId: string | null, patch: Partial<BatchRow> = {}): BatchRow {
  return {
    ...newRow(String(++key), `${userId ?? 'x'}.jpg`, 100),
    userId,
    candidates: userId ? [userId] : [],
    check: 'found',
    prep: 'done',
    hasPhoto: false,
    ...patch,
  }
}

describe('row status', () => {
  it('says what happens to each row, before anything is sent', () => {
    expect(rowStatus(row(null), false)).toBe('no-id')
    expect(rowStatus(row('1', { check: 'pending' }), false)).toBe('checking')
    expect(rowStatus(row('1', { check: 'unknown' }), false)).toBe('unknown-user')
    expect(rowStatus(row('1', { check: 'error' }), false)).toBe('check-failed')
    expect(rowStatus(row('1', { prep: 'failed' }), false)).toBe('bad-file')
    expect(rowStatus(row('1', { prep: 'working' }), false)).toBe('preparing')
    expect(rowStatus(row('1', { prep: 'missing' }), false)).toBe('missing-file')
    expect(rowStatus(row('1', { duplicate: true }), false)).toBe('duplicate')
    expect(rowStatus(row('1', { hasPhoto: true }), false)).toBe('has-photo')
    expect(rowStatus(row('1', { hasPhoto: true }), true)).toBe('ready')
    expect(rowStatus(row('1'), false)).toBe('ready')
    expect(rowStatus(row('1', { upload: 'sending' }), false)).toBe('sending')
    expect(rowStatus(row('1', { upload: 'saved', hasPhoto: true }), false)).toBe('saved')
    expect(rowStatus(row('1', { upload: 'failed' }), false)).toBe('failed')
    expect(rowStatus(row('1', { upload: 'cancelled' }), false)).toBe('cancelled')
    // A newer photo of the user was stored first: not sent, and the report says so.
    expect(rowStatus(row('1', { upload: 'superseded', hasPhoto: true }), false)).toBe('superseded')
    expect(rowResult('superseded')).toBe('not sent')
  })

  it('counts saved, skipped, failed and says how many users already have a photo', () => {
    const rows = [
      row('1', { upload: 'saved', hasPhoto: true }),
      row('2', { hasPhoto: true }),
      row('3', { hasPhoto: true }),
      row('4', { check: 'unknown' }),
      row(null),
      row('5', { upload: 'failed' }),
      row('6'),
    ]
    const skip = countRows(rows, false)
    expect(skip).toMatchObject({
      total: 7,
      saved: 1,
      skipped: 4,
      failed: 1,
      pending: 1,
      withPhoto: 2,
    })
    const over = countRows(rows, true)
    expect(over).toMatchObject({ saved: 1, skipped: 2, failed: 1, pending: 3 })
  })
})

describe('duplicates', () => {
  it('flags every file of a user named twice, and not files that cannot be sent anyway', () => {
    const a = row('7')
    const b = row('7')
    const c = row('8')
    const bad = row('8', { prep: 'failed' })
    const unknown = row('9', { check: 'unknown' })
    const unknown2 = row('9', { check: 'unknown' })
    const rows = [a, b, c, bad, unknown, unknown2]
    expect(markDuplicates(rows)).toBe(true)
    expect(rows.map((r) => r.duplicate)).toEqual([true, true, false, false, false, false])
    // Removing one clears the other.
    rows.splice(1, 1)
    expect(markDuplicates(rows)).toBe(true)
    expect(a.duplicate).toBe(false)
    expect(markDuplicates(rows)).toBe(false)
  })

  it('when one file of the user was already sent, flags only the others', () => {
    const sent = row('7', { upload: 'saved' })
    const later = row('7')
    markDuplicates([sent, later])
    expect([sent.duplicate, later.duplicate]).toEqual([false, true])
  })
})
