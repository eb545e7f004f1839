import { describe, expect, it } from 'vitest'
import {
  countProblems,
  filterEntries,
  reportRow,
  withDuplicates,
  REPORT_COLUMNS,
} from '@/review/report.ts'
import type { ReviewRow } from '@/review/scan.ts'

function row(userId: string, over: Partial<ReviewRow> = {}): ReviewRow {
  return {
    userId,
    name: `User ${userId}`,
    groupId: '1002',
    groupName: 'Engineering',
    changeStamp: 'm1',
    hasPhoto: true,
    checked: true,
    bytes: 1000,
    type: 'jpeg',
    width: 240,
    height: 240,
    sha256: `hash-${userId}`,
    problems: [],
    ...over,
  }
}

describe('the review report', () => {
  const entries = withDuplicates([
    row('1'),
    row('2', { sha256: 'same', problems: ['too-large'] }),
    row('3', { sha256: 'same', groupId: '1003', name: 'Kim Min-jun' }),
    row('4', { hasPhoto: false, sha256: '', problems: ['no-photo'] }),
  ])

  it('names the other users of an identical photo', () => {
    expect(entries.map((e) => [e.userId, e.problems, e.sameAs])).toEqual([
      ['1', [], []],
      ['2', ['too-large', 'duplicate'], ['3']],
      ['3', ['duplicate'], ['2']],
      ['4', ['no-photo'], []],
    ])
  })

  it('counts problems and filters by problem, text and group', () => {
    expect(countProblems(entries)).toMatchObject({ ok: 1, 'too-large': 1, duplicate: 2 })
    const ids = (f: Parameters<typeof filterEntries>[1]) =>
      filterEntries(entries, f).map((e) => e.userId)
    expect(ids({ problems: ['duplicate'], text: '', groupId: '' })).toEqual(['2', '3'])
    expect(ids({ problems: [], text: 'min-jun', groupId: '' })).toEqual(['3'])
    expect(ids({ problems: [], text: '4', groupId: '' })).toEqual(['4'])
    expect(ids({ problems: ['duplicate'], text: '', groupId: '1002' })).toEqual(['2'])
  })

  it('writes one CSV row per user in the table columns', () => {
    const line = reportRow(entries[1]!, (p) => p.toUpperCase())
    expect(line).toHaveLength(REPORT_COLUMNS.length)
    expect(line).toEqual([
      '2',
      'User 2',
      'Engineering',
      1000,
      'jpeg',
      240,
      240,
      'same',
      'TOO-LARGE; DUPLICATE',
      '3',
    ])
  })
})
