import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { fromErrorData, toErrorData, type ErrorData } from '@/api/errors.ts'
import { describeError } from '@/i18n/describe-error.ts'
import { toCsv, type CsvValue } from '@/export/csv.ts'
import { useSessionStore } from './session.ts'

/** sessionStorage key of the log: it lives as long as the tab, and sign-out wipes it. */
export const LOG_STORAGE_KEY = 'photo-desk:log'
/** The oldest entries go beyond this many (a long batch must not fill the tab's storage). */
export const MAX_LOG_ENTRIES = 2000
/** Records arriving together (a batch sends 4 at once) are written to storage in one go (ms). */
export const LOG_WRITE_DELAY_MS = 250

/**
 * resend: a photo kept on the device while offline, sent once the network was back.
 * discard: another operator's offline photo deleted from the device unsent (message: their login).
 * discard-refused: the operator's own offline photo, refused by BioStar, deleted unsent (error:
 * BioStar's answer).
 */
export type LogAction =
  | 'save'
  | 'remove'
  | 'undo'
  | 'resend'
  | 'discard'
  | 'discard-refused'
  | 'batch'
  /** The new picture may show another person: ok = saved anyway, aborted = not saved. */
  | 'same-person'
  | 'review-fix'
  | 'review-restore'
/**
 * pending: it could not go at once (offline, BioStar busy): the photo waits on the device.
 * superseded: a newer photo of the same user was stored first, so this one was never sent.
 * aborted: not sent, or its answer never came: signed out (or the batch cancelled) meanwhile.
 */
export type LogResult = 'ok' | 'failed' | 'pending' | 'superseded' | 'aborted'

/** What went wrong, kept as data so it is explained in the language of whoever reads the log. */
export type LogError = ErrorData

export interface LogEntry {
  /** When it happened (ms since 1970). */
  time: number
  /** Login ID of the operator who was signed in. */
  operator: string
  userId: string
  name: string
  action: LogAction
  result: LogResult
  /** Size of the JPEG sent. */
  bytes?: number
  /** Face-quality checks of the photo, as the desk showed them. */
  checks?: string[]
  error?: LogError
  /** Anything else worth keeping (e.g. a batch file name). */
  message?: string
}

/**
 * What a caller records: the time is added, and the operator signed in unless the entry names
 * its own (a write records the operator who made it); `error` may be anything thrown.
 */
export type NewLogEntry = Omit<LogEntry, 'time' | 'operator' | 'error'> & {
  operator?: string
  error?: unknown
}

interface SavedLog {
  v: 1
  /** Which sign-in the log belongs to: a fingerprint of the session id, never the id itself. */
  owner: string
  dropped: number
  entries: LogEntry[]
}

/** FNV-1a: tells two session ids apart without keeping either. */
export function fingerprint(sessionId: string | null): string {
  if (!sessionId) return ''
  let hash = 0x811c9dc5
  for (let i = 0; i < sessionId.length; i++) {
    hash ^= sessionId.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0')
}

function isEntry(value: unknown): value is LogEntry {
  const e = value as Partial<LogEntry> | null
  return (
    !!e &&
    typeof e.time === 'number' &&
    typeof e.userId === 'string' &&
    typeof e.action === 'string' &&
    typeof e.result === 'string'
  )
}

/** The saved log of this sign-in, or null (none, damaged, or another sign-in's). */
export function readLog(storage: Storage, owner: string): SavedLog | null {
  try {
    const saved = JSON.parse(storage.getItem(LOG_STORAGE_KEY) ?? 'null') as SavedLog | null
    if (!saved || saved.v !== 1 || saved.owner !== owner || !Array.isArray(saved.entries))
      return null
    const entries = saved.entries.filter(isEntry).slice(-MAX_LOG_ENTRIES)
    return { ...saved, dropped: Number(saved.dropped) || 0, entries }
  } catch {
    return null
  }
}

/** Saves the log; when the tab's storage is full, the oldest quarter goes, then again. */
export function writeLog(storage: Storage, log: SavedLog): SavedLog {
  let current = log
  for (;;) {
    try {
      storage.setItem(LOG_STORAGE_KEY, JSON.stringify(current))
      return current
    } catch {
      if (current.entries.length === 0) return current
      const cut = Math.max(1, Math.ceil(current.entries.length / 4))
      current = {
        ...current,
        dropped: current.dropped + cut,
        entries: current.entries.slice(cut),
      }
    }
  }
}

/** The entry's error explained in the reader's language, else its message, else nothing. */
export function entryMessage(
  entry: LogEntry,
  t: (key: string, values?: Record<string, unknown>) => string,
): string {
  const error = entry.error
  if (!error) return entry.message ?? ''
  const text = describeError(fromErrorData(error), t)
  return entry.message ? `${text} (${entry.message})` : text
}

// --- CSV -------------------------------------------------------------------------------------

/** How the columns read: the view passes the reader's language. */
export interface LogCsvFormat {
  header: readonly string[]
  time(ms: number): string
  action(action: LogAction): string
  result(result: LogResult): string
  /** The photo checks in words (only called for an entry that has some). */
  checks(lines: readonly string[]): string
  /** The error explained, or the entry's message. */
  message(entry: LogEntry): string
}

/** `2025-03-07T14:05:09+09:00`: local time with its offset, unambiguous in a spreadsheet. */
export function localIsoTime(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0')
  const offset = -d.getTimezoneOffset()
  const sign = offset >= 0 ? '+' : '-'
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  )
}

/** The log as CSV text, oldest first: CRLF line ends and a final CRLF (RFC 4180). */
export function logToCsv(entries: readonly LogEntry[], format: LogCsvFormat): string {
  const rows: CsvValue[][] = [[...format.header]]
  for (const e of entries) {
    rows.push([
      format.time(e.time),
      e.operator,
      e.userId,
      e.name,
      format.action(e.action),
      format.result(e.result),
      e.bytes,
      e.checks?.length ? format.checks(e.checks) : '',
      format.message(e),
    ])
  }
  return toCsv(rows)
}

// --- the store -------------------------------------------------------------------------------

function tabStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null
  } catch {
    return null // storage blocked: the log lives in memory only
  }
}

/**
 * Every save, removal, undo, failure and batch result of this browser session, newest last.
 * Kept in sessionStorage (a reload keeps it, a new tab starts empty), capped at MAX_LOG_ENTRIES,
 * wiped on sign-out.
 */
export const useSessionLogStore = defineStore('session-log', () => {
  const session = useSessionStore()
  const storage = tabStorage()
  let owner = fingerprint(session.sessionId)
  const saved = storage ? readLog(storage, owner) : null
  const entries = ref<LogEntry[]>(saved?.entries ?? [])
  /** How many old entries were let go to stay within the cap. */
  const dropped = ref(saved?.dropped ?? 0)
  // A log left by an earlier sign-in of this tab (signed out before this store existed) goes.
  if (!saved) storage?.removeItem(LOG_STORAGE_KEY)

  const counts = computed(() => {
    const c: Record<LogResult, number> = { ok: 0, failed: 0, pending: 0, superseded: 0, aborted: 0 }
    for (const e of entries.value) c[e.result]++
    return c
  })

  let timer: ReturnType<typeof setTimeout> | null = null

  /** Writes the log to sessionStorage now (also done by itself shortly after each record). */
  function flush() {
    if (timer) clearTimeout(timer)
    timer = null
    if (!storage) return
    const kept = writeLog(storage, {
      v: 1,
      owner,
      dropped: dropped.value,
      entries: entries.value,
    })
    if (kept.entries.length !== entries.value.length) {
      entries.value = kept.entries
      dropped.value = kept.dropped
    }
  }

  function record(entry: NewLogEntry): LogEntry {
    const { error, operator, ...rest } = entry
    const full: LogEntry = {
      ...rest,
      time: Date.now(),
      operator: operator ?? session.operator?.loginId ?? '',
    }
    const logError = toErrorData(error)
    if (logError) full.error = logError
    if (full.checks) full.checks = [...full.checks]
    entries.value.push(full)
    const over = entries.value.length - MAX_LOG_ENTRIES
    if (over > 0) {
      entries.value.splice(0, over)
      dropped.value += over
    }
    timer ??= setTimeout(flush, LOG_WRITE_DELAY_MS)
    return full
  }

  function wipe() {
    if (timer) clearTimeout(timer)
    timer = null
    entries.value = []
    dropped.value = 0
    storage?.removeItem(LOG_STORAGE_KEY)
  }

  // Signing in again after an expired session keeps the log: it follows the new session id.
  watch(
    () => session.sessionId,
    (id) => {
      owner = fingerprint(id)
      if (id && entries.value.length) flush()
    },
  )
  session.onSignOut(wipe)
  // A reload or a closed tab must not lose the last records.
  if (typeof window !== 'undefined') window.addEventListener('pagehide', () => timer && flush())

  return { entries, dropped, counts, record, flush, wipe }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSessionLogStore, import.meta.hot))
