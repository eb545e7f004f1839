import { PROBLEMS, type Problem } from './checks.ts'
import type { ReviewRow } from './scan.ts'
import type { CsvValue } from '@/export/csv.ts'

/** A row as the screen shows it: its problems including 'duplicate', and whom it shares with. */
export interface ReviewEntry extends ReviewRow {
  sameAs: string[]
}

/** Adds 'duplicate' to every photo whose bytes (SHA-256) another user also has. */
export function withDuplicates(rows: readonly ReviewRow[]): ReviewEntry[] {
  const byHash = new Map<string, string[]>()
  for (const row of rows) {
    if (!row.sha256) continue
    const ids = byHash.get(row.sha256)
    if (ids) ids.push(row.userId)
    else byHash.set(row.sha256, [row.userId])
  }
  return rows.map((row) => {
    const ids = row.sha256 ? (byHash.get(row.sha256) ?? []) : []
    if (ids.length < 2) return { ...row, sameAs: [] }
    return {
      ...row,
      problems: [...row.problems, 'duplicate'],
      sameAs: ids.filter((id) => id !== row.userId),
    }
  })
}

/** How many users have each problem, and how many have none ('ok'). */
export function countProblems(entries: readonly ReviewEntry[]): Record<Problem | 'ok', number> {
  const counts = Object.fromEntries([...PROBLEMS, 'ok'].map((p) => [p, 0])) as Record<
    Problem | 'ok',
    number
  >
  for (const entry of entries) {
    if (!entry.checked) continue
    if (entry.problems.length === 0 && !entry.error) counts.ok++
    for (const problem of entry.problems) counts[problem]++
  }
  return counts
}

export interface ReviewFilter {
  /** Users with any of these problems; empty: everyone. */
  problems: readonly Problem[]
  /** Part of a name or an ID. */
  text: string
  /** A group id; '' for every group. */
  groupId: string
}

/** The users a filter selects, in list order. */
export function filterEntries(
  entries: readonly ReviewEntry[],
  filter: ReviewFilter,
): ReviewEntry[] {
  const text = filter.text.trim().toLowerCase()
  const wanted = new Set(filter.problems)
  return entries.filter(
    (e) =>
      (wanted.size === 0 || e.problems.some((p) => wanted.has(p))) &&
      (!filter.groupId || e.groupId === filter.groupId) &&
      (!text || e.userId.toLowerCase().includes(text) || e.name.toLowerCase().includes(text)),
  )
}

/** The table's and the CSV's columns, in order. */
export const REPORT_COLUMNS = [
  'user_id',
  'name',
  'group',
  'bytes',
  'type',
  'width',
  'height',
  'sha256',
  'problems',
  'same_photo_as',
] as const

/** One report row per user: problems as their filter names (`label`), joined by "; ". */
export function reportRow(entry: ReviewEntry, label: (p: Problem) => string): CsvValue[] {
  return [
    entry.userId,
    entry.name,
    entry.groupName,
    entry.hasPhoto ? entry.bytes : '',
    entry.hasPhoto ? entry.type : '',
    entry.width ?? '',
    entry.height ?? '',
    entry.sha256,
    entry.error ? `Not fetched: ${entry.error}` : entry.problems.map(label).join('; '),
    entry.sameAs.join(' '),
  ]
}
