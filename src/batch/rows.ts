import type { ErrorData } from '@/api/errors.ts'
import type {
  PhotoErrorDetail,
  PhotoErrorReason,
  RejectDetail,
  RejectReason,
} from '@/photo/index.ts'
import type { CsvValue } from '@/export/csv.ts'
import type { NameProblem } from './filename.ts'
import { holdReasons, type HoldReason } from './review.ts'

/**
 * What went wrong with a row, as plain data: it is stored in IndexedDB and translated when
 * shown, so switching the language changes the messages too.
 */
export type RowProblem =
  | { kind: 'name'; problem: NameProblem }
  | { kind: 'refused'; reason: RejectReason; detail?: RejectDetail }
  | { kind: 'pipeline'; reason: PhotoErrorReason; detail: PhotoErrorDetail }
  | { kind: 'api'; error: ErrorData }
  | { kind: 'missing-file' }
  | { kind: 'unknown'; message: string }

/** One file of the batch. Plain data: persisted as is (the Blobs live apart, by `key`). */
export interface BatchRow {
  key: string
  /** The file's path inside the picked folder, or its name. */
  file: string
  size: number
  /** The ID the name gives (after the server check: the reading the server knows). */
  userId: string | null
  candidates: string[]
  check: 'pending' | 'checking' | 'found' | 'unknown' | 'error'
  name: string
  /** Whether the user had a photo when checked. */
  hasPhoto: boolean | null
  /** `missing`: the page was reloaded before the file was prepared; add the file again. */
  prep: 'pending' | 'working' | 'done' | 'failed' | 'missing'
  bytes: number | null
  width: number | null
  height: number | null
  /** superseded: a newer photo of the user was stored first, so this one was never sent. */
  upload: 'idle' | 'sending' | 'saved' | 'failed' | 'cancelled' | 'superseded'
  /** Another file of the batch names the same user. */
  duplicate: boolean
  /**
   * On disk before its PUT may leave (rows are leased in small groups): after a reload such a
   * row, unless saved, is checked against the server before it is sent again.
   */
  leased: boolean
  /** A PUT was in flight when the page was reloaded: check the server before sending again. */
  interrupted: boolean
  attempts: number
  problem: RowProblem | null
  /** Faces the face checks found in the file; null or absent when they did not run. */
  faces?: number | null
  /** The file's face against the user's current photo (face checks, user with a photo). */
  samePerson?: 'same' | 'different' | null
  /** The supervisor's answer to a hold (src/batch/review.ts); absent until given. */
  review?: 'confirmed' | 'skipped'
}

/** What a row shows and what "Upload all" does with it. */
export type RowStatus =
  | 'no-id'
  | 'bad-file'
  | 'missing-file'
  | 'checking'
  | 'check-failed'
  | 'unknown-user'
  | 'duplicate'
  | 'preparing'
  | 'has-photo'
  | 'ready'
  | 'sending'
  | 'saved'
  | 'failed'
  | 'cancelled'
  | 'superseded'
  /** Held for a look (holdsOf): sent only once confirmed. */
  | 'needs-review'
  /** Held: the face does not look like the user's current photo (with Overwrite on). */
  | 'different-person'
  | 'review-skipped'

/** The report's result column. */
export type RowResult = 'saved' | 'skipped' | 'failed' | 'not sent' | 'pending'

export function newRow(key: string, file: string, size: number): BatchRow {
  return {
    key,
    file,
    size,
    userId: null,
    candidates: [],
    check: 'pending',
    name: '',
    hasPhoto: null,
    prep: 'pending',
    bytes: null,
    width: null,
    height: null,
    upload: 'idle',
    duplicate: false,
    leased: false,
    interrupted: false,
    attempts: 0,
    problem: null,
  }
}

/** The status of a row; `overwrite` is the batch option "overwrite existing photos". */
export function rowStatus(row: BatchRow, overwrite: boolean): RowStatus {
  if (row.userId === null) return 'no-id'
  if (row.upload === 'saved') return 'saved'
  if (row.upload === 'sending') return 'sending'
  if (row.upload === 'superseded') return 'superseded'
  if (row.prep === 'failed') return 'bad-file'
  if (row.upload === 'failed') return 'failed'
  if (row.check === 'pending' || row.check === 'checking') return 'checking'
  if (row.check === 'error') return 'check-failed'
  if (row.check === 'unknown') return 'unknown-user'
  if (row.duplicate) return 'duplicate'
  if (row.prep === 'missing') return 'missing-file'
  if (row.prep !== 'done') return 'preparing'
  if (row.hasPhoto && !overwrite) return 'has-photo'
  const holds = row.review === 'confirmed' ? [] : holdsOf(row)
  if (holds.length) {
    if (row.review === 'skipped') return 'review-skipped'
    return holds.includes('different-person') ? 'different-person' : 'needs-review'
  }
  if (row.upload === 'cancelled') return 'cancelled'
  return 'ready'
}

/** Why a prepared row waits for a look; empty when the face checks did not run or all is well. */
export function holdsOf(row: BatchRow): HoldReason[] {
  if (row.faces === null || row.faces === undefined || row.userId === null) return []
  return holdReasons(
    row.file,
    { userId: row.userId, name: row.name },
    { faces: row.faces, samePerson: row.samePerson ?? null },
  )
}

const RESULTS: Record<RowStatus, RowResult> = {
  'no-id': 'skipped',
  'bad-file': 'skipped',
  'missing-file': 'skipped',
  'unknown-user': 'skipped',
  duplicate: 'skipped',
  'has-photo': 'skipped',
  checking: 'pending',
  preparing: 'pending',
  ready: 'pending',
  sending: 'pending',
  'check-failed': 'failed',
  failed: 'failed',
  saved: 'saved',
  cancelled: 'not sent',
  superseded: 'not sent',
  'needs-review': 'not sent',
  'different-person': 'not sent',
  'review-skipped': 'skipped',
}

export function rowResult(status: RowStatus): RowResult {
  return RESULTS[status]
}

/** Statuses that still lead to an upload in this run. */
export const OPEN_STATUSES: ReadonlySet<RowStatus> = new Set([
  'checking',
  'preparing',
  'ready',
  'sending',
])

export interface BatchCounts {
  total: number
  byStatus: Record<RowStatus, number>
  saved: number
  skipped: number
  failed: number
  notSent: number
  pending: number
  /** Found users that already have a photo (what "skip existing" skips). */
  withPhoto: number
}

export function countRows(rows: readonly BatchRow[], overwrite: boolean): BatchCounts {
  const byStatus = Object.fromEntries(Object.keys(RESULTS).map((status) => [status, 0])) as Record<
    RowStatus,
    number
  >
  const counts: BatchCounts = {
    total: rows.length,
    byStatus,
    saved: 0,
    skipped: 0,
    failed: 0,
    notSent: 0,
    pending: 0,
    withPhoto: 0,
  }
  for (const row of rows) {
    const status = rowStatus(row, overwrite)
    byStatus[status]++
    const result = RESULTS[status]
    if (result === 'saved') counts.saved++
    else if (result === 'skipped') counts.skipped++
    else if (result === 'failed') counts.failed++
    else if (result === 'not sent') counts.notSent++
    else counts.pending++
    if (row.check === 'found' && row.hasPhoto && row.upload !== 'saved' && !row.duplicate)
      counts.withPhoto++
  }
  return counts
}

/** Rows this run sends or has sent: saved and failed uploads, plus what is still open. */
export function progressOf(counts: BatchCounts) {
  const s = counts.byStatus
  const done = s.saved + s.failed
  const open = s.ready + s.sending + s.preparing + s.checking
  return { done, total: done + open, saved: s.saved, failed: s.failed, open }
}

/**
 * Flags rows naming the same user. Files that cannot be sent anyway (no ID, unreadable, unknown
 * user) do not count. When one file of a group is already sent, only the others are flagged;
 * otherwise all are, and the operator removes the wrong ones. Returns whether anything changed.
 */
export function markDuplicates(rows: readonly BatchRow[]): boolean {
  const groups = new Map<string, BatchRow[]>()
  for (const row of rows) {
    if (row.userId === null || row.prep === 'failed' || row.check === 'unknown') continue
    const group = groups.get(row.userId)
    if (group) group.push(row)
    else groups.set(row.userId, [row])
  }
  let changed = false
  const set = (row: BatchRow, value: boolean) => {
    if (row.duplicate !== value) {
      row.duplicate = value
      changed = true
    }
  }
  for (const row of rows) {
    const group = row.userId === null ? undefined : groups.get(row.userId)
    if (!group || group.length < 2 || !group.includes(row)) set(row, false)
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue
    const sent = group.some((r) => r.upload === 'saved' || r.upload === 'sending')
    for (const row of group)
      set(row, !(sent && (row.upload === 'saved' || row.upload === 'sending')))
  }
  return changed
}

export const REPORT_HEADER = ['file', 'user ID', 'name', 'result', 'bytes', 'message'] as const

/** One report line: file, user ID, name, result, bytes (of the prepared JPEG), message. */
export function reportRow(row: BatchRow, status: RowStatus, message: string): CsvValue[] {
  return [row.file, row.userId ?? '', row.name, rowResult(status), row.bytes ?? '', message]
}
