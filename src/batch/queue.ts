import { ApiError } from '@/api/errors.ts'
import type { UserSummary } from '@/api/types.ts'
import type { UserIdType } from '@/api/user-id.ts'
import type { KeyValueStore } from '@/storage/idb.ts'
import type { PhotoWriter, WriteOwner } from '@/writes/types.ts'
import { claimCheckChunk, findUsers, type CheckChunk, type SearchUsers } from './check.ts'
import { toCsv } from '@/export/csv.ts'
import { isArchivePath } from './zip.ts'
import { ThroughputMeter } from './eta.ts'
import { parseFileName, resolveCandidates } from './filename.ts'
import { QueuePersister, reviveRow } from './persist.ts'
import type { CropFor, Preparer } from './preparer.ts'
import { problemOf, type RelativeFocus } from './prepare-file.ts'
import {
  REPORT_HEADER,
  countRows,
  holdsOf,
  markDuplicates,
  newRow,
  progressOf,
  reportRow,
  rowStatus,
  type BatchCounts,
  type BatchRow,
  type RowProblem,
  type RowStatus,
} from './rows.ts'
import { Scheduler } from './scheduler.ts'
import { batchWrite, requestProblem, uploadEnd, type UploadEnd } from './upload.ts'
import type { PickedFile } from './walk.ts'

export const DEFAULT_CONCURRENCY = 4
export const MAX_CONCURRENCY = 8
/** Rows marked "may be sent" by one write to storage, before the first of them goes. */
const LEASE = 16

/** idle: nothing sent yet; done: every row settled; cancelled: stopped, the rest not sent. */
export type RunState = 'idle' | 'running' | 'paused' | 'cancelled' | 'done'

/** What a file becomes (the desk's settings), and how file names give user IDs. */
export interface BatchSettings {
  aspect: number
  maxSide: number
  maxBytes: number
  idType: UserIdType
}

/**
 * A result for the session log that the write path did not see (it logs its own writes): a
 * photo found on the server after a reload, an upload that could not even be handed over.
 */
export interface BatchLogEntry {
  result: 'ok' | 'failed'
  userId: string
  name: string
  bytes?: number
  /** The file name. */
  message: string
  error?: unknown
}

/** The same-person verdict of a prepared JPEG for a user with a photo; null: no verdict. */
export type SamePersonFor = (userId: string, jpeg: Blob) => Promise<'same' | 'different' | null>

/** What the screen shows; made observable through `observe` (Vue's `reactive` in the app). */
export interface BatchState {
  /** Replaced when rows come or go; each row is observable on its own. */
  rows: BatchRow[]
  overwrite: boolean
  concurrency: number
  useFaceCrop: boolean
  /** The face-aware crop, when a face detector registered one. */
  cropFor: CropFor | null
  /** The same-person check of a prepared JPEG against the user's current photo (face checks). */
  samePersonFor: SamePersonFor | null
  runState: RunState
  /** Why the run stopped by itself (no write permission). */
  halted: RowProblem | null
  /** Rows brought back from a reload (0: none). */
  restored: number
  /** A batch another operator left in this browser, removed unseen at restore. */
  removedOther: { owner: string; files: number; unsent: number } | null
  /** Some picked files were left out (too many, folders too deep). */
  truncated: boolean
  /** Time left of the run (ms); null while not known. */
  etaMs: number | null
}

export interface BatchQueueDeps {
  searchUsers: SearchUsers
  /** The one write path: every photo goes through it. */
  writer: PhotoWriter
  /** Makes the preparer (file -> device-ready JPEG) on first use, and again after clearAll. */
  createPreparer(): Preparer
  /** Where the queue survives a reload. */
  storage: KeyValueStore
  /** Who is signed in, as the write path names an owner; null: nobody. */
  owner(): WriteOwner | null
  /** While true no check or upload starts: the session expired (see sessionResumed). */
  isExpired(): boolean
  /** Read when used: a change in Settings applies to the files prepared after it. */
  settings(): BatchSettings
  log(entry: BatchLogEntry): void
  /** Makes the state, each row and the thumbnails observable; identity when left out. */
  observe?<T extends object>(value: T): T
  /** Clock of the time-left estimate (ms). */
  now?(): number
  /** Delay before changes are written to storage (ms). */
  persistDebounceMs?: number
}

// One collator for the whole sort: localeCompare with options builds one per call.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })
const byPath = (a: PickedFile, b: PickedFile) => collator.compare(a.path, b.path)

/**
 * Batch import: files named by user ID are checked against BioStar in chunks, prepared with the
 * desk's pipeline, and sent through the write path with a bounded number in flight. The queue
 * (rows, prepared JPEGs, thumbnails; never the originals) survives a reload in storage, and
 * only the operator who made it sees it again.
 */
export class BatchQueue {
  readonly state: BatchState
  /** Thumbnails by row key (a row re-renders when its own arrives). */
  readonly thumbs: Map<string, Blob>

  private readonly deps: BatchQueueDeps
  private readonly observe: <T extends object>(value: T) => T
  // Heavy things stay out of the state: originals until prepared, JPEGs until sent.
  private readonly files = new Map<string, Blob>()
  private readonly jpegs = new Map<string, Blob>()
  // A held file's original and where its crop was made, for the crop editor (not kept over a
  // reload); and a crop the supervisor chose, until its file is prepared again.
  private readonly held = new Map<string, { file: Blob; focus: RelativeFocus | null }>()
  private readonly recrops = new Map<string, RelativeFocus>()
  private readonly byKey = new Map<string, BatchRow>()
  private nextKey = 1
  private restoredOnce = false
  /** Bumped by reset: work that started before it must not touch the new list. */
  private generation = 0
  private preparer: Preparer | null = null
  private leaseWritten: Promise<void> = Promise.resolve()
  private readonly meter: ThroughputMeter
  private readonly persister: QueuePersister
  private readonly checker: Scheduler<CheckChunk>
  private readonly preparing: Scheduler<BatchRow>
  private readonly uploader: Scheduler<BatchRow>

  constructor(deps: BatchQueueDeps) {
    this.deps = deps
    this.observe = deps.observe ?? ((value) => value)
    this.state = this.observe<BatchState>({
      rows: [],
      overwrite: false,
      concurrency: DEFAULT_CONCURRENCY,
      useFaceCrop: false,
      cropFor: null,
      samePersonFor: null,
      runState: 'idle',
      halted: null,
      restored: 0,
      removedOther: null,
      truncated: false,
      etaMs: null,
    })
    this.thumbs = this.observe(new Map<string, Blob>())
    this.meter = new ThroughputMeter(undefined, deps.now)
    this.persister = new QueuePersister(
      deps.storage,
      (key) => this.byKey.get(key),
      deps.persistDebounceMs ?? 200,
    )

    // Checking IDs: one chunk per search, one search at a time.
    this.checker = new Scheduler<CheckChunk>({
      concurrency: 1,
      canStart: () => !deps.isExpired(),
      next: () => claimCheckChunk(this.state.rows),
      run: (chunk, signal) => this.check(chunk, signal),
    })
    // Preparation: one file per worker (or one on the main thread).
    this.preparing = new Scheduler<BatchRow>({
      concurrency: 1,
      next: () => {
        const row = this.state.rows.find((r) => r.prep === 'pending' && r.userId !== null)
        if (row) row.prep = 'working'
        return row
      },
      run: (row) => this.prepare(row),
      onError: (row, error) => {
        row.prep = 'failed'
        row.problem = problemOf(error)
        this.persistRow(row)
        this.endRunIfDone()
      },
    })
    // Upload: `concurrency` writes in flight.
    this.uploader = new Scheduler<BatchRow>({
      concurrency: DEFAULT_CONCURRENCY,
      canStart: () => !deps.isExpired(),
      next: () => {
        const row = this.state.rows.find((r) => this.statusOf(r) === 'ready')
        if (row) row.upload = 'sending'
        return row
      },
      run: (row, signal) => this.upload(row, signal),
      onDrained: () => this.endRunIfDone(),
    })
    this.checker.start()
    this.preparing.start()
  }

  get counts(): BatchCounts {
    return countRows(this.state.rows, this.state.overwrite)
  }

  /** Rows this run sends or has sent: saved and failed uploads, plus what is still open. */
  get progress() {
    return progressOf(this.counts)
  }

  /** Checks or uploads wait for the operator to sign in again. */
  get waitingForSignIn(): boolean {
    return (
      this.deps.isExpired() &&
      (this.state.runState === 'running' || this.counts.byStatus.checking > 0)
    )
  }

  /** Whether "Upload all" has something to send. */
  get canUpload(): boolean {
    const { runState } = this.state
    const s = this.counts.byStatus
    return runState !== 'running' && runState !== 'paused' && s.ready + s.cancelled > 0
  }

  statusOf(row: BatchRow): RowStatus {
    const status = rowStatus(row, this.state.overwrite)
    // Nothing goes to a user with a photo before the same-person check has answered.
    return status === 'ready' && this.awaitsVerdict(row) ? 'preparing' : status
  }

  /**
   * A prepared file with one face, for a user the check found with a photo, not compared yet:
   * the file and the check finish in either order, so both ask (compareWhenReady).
   */
  private awaitsVerdict(row: BatchRow): boolean {
    return (
      this.state.useFaceCrop &&
      this.state.samePersonFor !== null &&
      row.prep === 'done' &&
      row.check === 'found' &&
      row.hasPhoto === true &&
      row.faces === 1 &&
      row.samePerson === undefined &&
      row.review !== 'confirmed'
    )
  }

  private readonly comparing = new Set<string>()

  /** Asks the same-person check for a row that awaits its verdict; holds it if different. */
  private async compareWhenReady(row: BatchRow): Promise<void> {
    const compare = this.state.samePersonFor
    const jpeg = this.jpegs.get(row.key)
    if (!compare || !this.awaitsVerdict(row) || this.comparing.has(row.key)) return
    const mine = this.generation
    this.comparing.add(row.key)
    try {
      row.samePerson = jpeg ? await compare(row.userId!, jpeg).catch(() => null) : null
    } finally {
      this.comparing.delete(row.key)
    }
    if (mine !== this.generation || !this.byKey.has(row.key)) return
    if (!holdsOf(row).length) this.held.delete(row.key)
    this.persistRow(row)
    this.uploader.fill()
    this.endRunIfDone()
  }

  // --- actions -----------------------------------------------------------------------------

  /** Adds picked or dropped files; names without a valid ID become skipped rows. */
  addFiles(picked: readonly PickedFile[], options: { truncated?: boolean } = {}): void {
    const { state } = this
    if (options.truncated) state.truncated = true
    const idType = this.deps.settings().idType
    const added: BatchRow[] = []
    // A file whose original was lost in a reload is matched again by path and size.
    const missing = new Map<string, BatchRow>()
    for (const row of state.rows)
      if (row.prep === 'missing' && row.userId !== null) missing.set(`${row.size}:${row.file}`, row)
    for (const { file, path } of [...picked].sort(byPath)) {
      const lost = missing.get(`${file.size}:${path}`)
      if (lost) {
        missing.delete(`${file.size}:${path}`)
        this.files.set(lost.key, file)
        lost.prep = 'pending'
        if (lost.problem?.kind === 'missing-file') lost.problem = null
        this.persistRow(lost)
        continue
      }
      const row = this.observe(newRow(String(this.nextKey++), path, file.size))
      const parsed = parseFileName(path, idType)
      if (parsed.ok) {
        row.userId = parsed.id
        row.candidates = parsed.candidates
        this.files.set(row.key, file)
      } else {
        row.problem = { kind: 'name', problem: parsed.problem }
      }
      this.byKey.set(row.key, row)
      added.push(row)
      this.persistRow(row)
    }
    if (added.length) state.rows = [...state.rows, ...added]
    if (state.runState === 'done') state.runState = 'idle'
    this.refreshDuplicates()
    this.saveMeta()
    this.preparing.setConcurrency(this.usePreparer().slots)
    this.preparing.fill()
    this.checker.fill()
    this.uploader.fill()
  }

  /** Sends every ready row (and rows a cancel left unsent). */
  uploadAll(): void {
    const { state } = this
    if (state.runState === 'running') return
    for (const row of state.rows) {
      if (row.upload === 'cancelled') {
        row.upload = 'idle'
        this.persistRow(row)
      }
    }
    state.halted = null
    state.runState = 'running'
    this.meter.reset()
    this.meter.start()
    state.etaMs = null
    this.saveMeta()
    this.uploader.setConcurrency(state.concurrency)
    this.uploader.start()
  }

  pause(): void {
    if (this.state.runState !== 'running') return
    this.state.runState = 'paused'
    this.uploader.pause()
    this.meter.pause()
    this.saveMeta()
  }

  resume(): void {
    if (this.state.runState !== 'paused') return
    this.state.halted = null
    this.state.runState = 'running'
    this.meter.start()
    this.saveMeta()
    this.uploader.start()
  }

  /** Stops the run: photos in flight get their answer, the rest are marked not sent. */
  cancel(): void {
    const { state } = this
    if (state.runState !== 'running' && state.runState !== 'paused') return
    this.uploader.cancel()
    state.runState = 'cancelled'
    this.meter.pause()
    state.etaMs = null
    for (const row of state.rows) {
      const status = this.statusOf(row)
      if (status === 'ready' || status === 'preparing' || status === 'checking') {
        row.upload = 'cancelled'
        this.persistRow(row)
      }
    }
    this.saveMeta()
  }

  /** Sends a failed row again (or checks its ID again), on its own. */
  retryRow(key: string): void {
    const { state } = this
    const row = this.byKey.get(key)
    if (!row) return
    if (row.check === 'error') {
      row.check = 'pending'
      row.problem = null
      this.checker.fill()
    } else if (row.upload === 'failed') {
      row.upload = 'idle'
      row.problem = null
    } else return
    this.persistRow(row)
    if (state.runState === 'paused') return
    if (state.runState !== 'running') {
      state.runState = 'running'
      this.meter.start()
      this.saveMeta()
    }
    this.uploader.setConcurrency(state.concurrency)
    this.uploader.start()
  }

  retryFailed(): void {
    for (const row of this.state.rows)
      if (row.check === 'error' || row.upload === 'failed') this.retryRow(row.key)
  }

  /** The supervisor's answer to a held row (Needs review): send it, or leave it out. */
  review(key: string, decision: 'confirmed' | 'skipped'): void {
    const row = this.byKey.get(key)
    if (!row || row.upload === 'sending' || row.upload === 'saved') return
    row.review = decision
    this.persistRow(row)
    this.uploader.fill()
    this.endRunIfDone()
  }

  /** A held row's original and the crop its photo was made with; null when it cannot be fixed. */
  recropSource(key: string): { file: Blob; focus: RelativeFocus | null } | null {
    const row = this.byKey.get(key)
    if (!row || row.prep !== 'done' || row.upload === 'sending' || row.upload === 'saved')
      return null
    return this.held.get(key) ?? null
  }

  /**
   * The supervisor fixed a held row's crop: its file is prepared again with that crop, by the
   * batch's own preparer, and waits for a look again (the reasons to hold it stay).
   */
  recrop(key: string, focus: RelativeFocus): boolean {
    const row = this.byKey.get(key)
    const source = this.recropSource(key)
    if (!row || !source) return false
    this.files.set(key, source.file)
    this.recrops.set(key, focus)
    row.prep = 'pending'
    delete row.review
    this.persistRow(row)
    this.preparing.fill()
    return true
  }

  /** Takes a row off the list (a wrong duplicate, a bad file); not while it is being sent. */
  removeRow(key: string): void {
    const row = this.byKey.get(key)
    if (!row || row.upload === 'sending') return
    this.byKey.delete(key)
    this.files.delete(key)
    this.held.delete(key)
    this.recrops.delete(key)
    this.jpegs.delete(key)
    this.thumbs.delete(key)
    this.persister.removeRow(key)
    this.state.rows = this.state.rows.filter((r) => r.key !== key)
    this.refreshDuplicates()
    this.saveMeta()
    this.uploader.fill()
    this.endRunIfDone()
  }

  setOverwrite(value: boolean): void {
    this.state.overwrite = value
    this.saveMeta()
    this.uploader.fill()
  }

  setConcurrency(n: number): void {
    this.state.concurrency = Math.min(MAX_CONCURRENCY, Math.max(1, Math.round(n) || 1))
    this.uploader.setConcurrency(this.state.concurrency)
    this.saveMeta()
  }

  /** The face-aware crop seam: the face-detection module registers its function here. */
  setSamePersonFor(fn: SamePersonFor | null): void {
    this.state.samePersonFor = fn
    for (const row of this.state.rows) void this.compareWhenReady(row)
  }

  setCropFor(fn: CropFor | null): void {
    this.state.cropFor = fn
  }

  /** The operator signed in again: checks and uploads carry on where they stopped. */
  sessionResumed(): void {
    this.checker.fill()
    this.uploader.fill()
  }

  /** Empties the list, stops what is in flight and forgets the saved queue ("Clear list"). */
  async clearAll(): Promise<void> {
    this.reset()
    this.preparer?.dispose()
    this.preparer = null
    await this.persister.wipe()
  }

  /** Brings back the queue saved before a reload (once per page load, same operator only). */
  async restore(): Promise<void> {
    const { state } = this
    if (this.restoredOnce) return
    this.restoredOnce = true
    if (state.rows.length > 0) return
    const saved = await this.persister.load().catch(() => null)
    if (!saved || state.rows.length > 0) return
    if (saved.meta.owner !== this.loginId()) {
      // Not this operator's to see or resume (names and photos of another session): it goes,
      // but not without a word. Their files on disk are untouched.
      const unsent = saved.rows.filter((r) => r.upload !== 'saved').length
      state.removedOther = { owner: saved.meta.owner, files: saved.rows.length, unsent }
      await this.persister.wipe()
      return
    }
    const revived = saved.rows.map((r) => this.observe(reviveRow(r, saved.jpegs.has(r.key))))
    for (const row of revived) {
      this.byKey.set(row.key, row)
      this.persistRow(row)
    }
    for (const [key, blob] of saved.jpegs) this.jpegs.set(key, blob)
    for (const [key, blob] of saved.thumbs) this.thumbs.set(key, blob)
    state.rows = revived
    this.nextKey = Math.max(saved.meta.nextKey, ...revived.map((r) => Number(r.key) + 1), 1)
    state.overwrite = saved.meta.overwrite
    state.concurrency = saved.meta.concurrency || DEFAULT_CONCURRENCY
    state.restored = revived.length
    // An interrupted run comes back paused: the operator resumes it.
    if (saved.meta.running) state.runState = 'paused'
    this.uploader.setConcurrency(state.concurrency)
    this.refreshDuplicates()
    this.saveMeta()
    this.checker.fill()
  }

  /** The CSV report: file, user ID, name, result, bytes, message (messages in `describe`). */
  report(describe: (row: BatchRow, status: RowStatus) => string): string {
    const lines = this.state.rows.map((row) => {
      const status = this.statusOf(row)
      return reportRow(row, status, describe(row, status))
    })
    return toCsv([[...REPORT_HEADER], ...lines])
  }

  /** Writes pending changes to storage now (before a test reloads, or on pagehide). */
  flush(): Promise<void> {
    return this.persister.flush()
  }

  // --- the three stages ----------------------------------------------------------------------

  private async check(chunk: CheckChunk, signal: AbortSignal): Promise<void> {
    const mine = this.generation
    let found: Map<string, UserSummary>
    try {
      found = await findUsers(this.deps.searchUsers, chunk.ids, signal)
    } catch (error) {
      if (mine !== this.generation) return
      for (const row of chunk.rows) {
        if (row.check !== 'checking') continue
        row.check = 'error'
        row.problem = requestProblem(error)
        this.persistRow(row)
      }
      return
    }
    if (mine !== this.generation) return
    for (const row of chunk.rows) {
      if (row.check !== 'checking') continue
      const id = resolveCandidates(row.candidates, found)
      const user = id === undefined ? undefined : found.get(id)
      if (user) {
        const hadPhoto = row.hasPhoto
        row.userId = user.userId
        row.name = user.name
        row.hasPhoto = user.hasPhoto
        row.check = 'found'
        if (row.problem?.kind === 'api') row.problem = null
        // A write was in flight at the reload: the photo the user has now is ours if they had
        // none before, so it is not sent twice. Otherwise it goes again (PUT is idempotent).
        if (row.interrupted && hadPhoto === false && user.hasPhoto) {
          this.deps.log({
            result: 'ok',
            userId: user.userId,
            name: user.name,
            bytes: row.bytes ?? undefined,
            message: row.file,
          })
          this.markSaved(row)
        }
        row.interrupted = false
        // Prepared before BioStar said the user has a photo: compared now.
        void this.compareWhenReady(row)
      } else {
        row.check = 'unknown'
        row.userId = row.candidates[0] ?? row.userId
      }
      this.persistRow(row)
    }
    this.refreshDuplicates()
    this.uploader.fill()
    this.endRunIfDone()
  }

  private async prepare(row: BatchRow): Promise<void> {
    const mine = this.generation
    const file = this.files.get(row.key)
    if (!file) {
      row.prep = 'missing'
      row.problem = { kind: 'missing-file' }
      this.persistRow(row)
      return
    }
    const { aspect, maxSide, maxBytes } = this.deps.settings()
    const preparer = this.usePreparer()
    const cropFor = this.state.useFaceCrop ? this.state.cropFor : null
    // A photo from a ZIP that already fits the reader goes as it is (a review export coming back).
    const keepFitting = isArchivePath(row.file)
    // The supervisor's crop (recrop) replaces the face-aware one; what the checks found stays.
    const chosen = this.recrops.get(row.key)
    this.recrops.delete(row.key)
    const request = { aspect, maxSide, maxBytes, keepFitting, focus: chosen ?? null }
    const result = await preparer.prepare(file, request, keepFitting || chosen ? null : cropFor)
    // A worker that could not load sends the rest to the main thread: one at a time there.
    this.preparing.setConcurrency(preparer.slots)
    if (mine !== this.generation || !this.byKey.has(row.key)) return
    this.files.delete(row.key)
    if (!chosen) row.faces = result.faces ?? null
    if (result.ok) {
      this.jpegs.set(row.key, result.jpeg)
      this.thumbs.set(row.key, result.thumb)
      this.persister.jpeg(row.key, result.jpeg)
      this.persister.thumb(row.key, result.thumb)
      row.prep = 'done'
      // Held for a look (or maybe, until the same-person verdict): its original stays (in
      // memory) so that its crop can be fixed.
      if (holdsOf(row).length || this.awaitsVerdict(row))
        this.held.set(row.key, { file, focus: result.focus ?? null })
      else this.held.delete(row.key)
      row.bytes = result.bytes
      row.width = result.width
      row.height = result.height
    } else {
      row.prep = 'failed'
      row.problem = result.problem
      this.refreshDuplicates()
    }
    this.persistRow(row)
    // A user with a photo: is the file's face the same person? Asked with the face checks on,
    // so that turning Overwrite on later holds the file if not (once the check found the user).
    void this.compareWhenReady(row)
    this.uploader.fill()
    this.endRunIfDone()
  }

  private async upload(row: BatchRow, signal: AbortSignal): Promise<void> {
    const mine = this.generation
    row.attempts++
    this.persistRow(row)
    let end: UploadEnd
    try {
      // On disk before the write leaves: after a reload the row is checked against the
      // server, never silently sent twice or forgotten. One write leases a group of rows.
      if (!row.leased) this.leaseFrom(row)
      await this.leaseWritten
      if (mine !== this.generation) return
      const jpeg = this.jpegs.get(row.key)
      if (!jpeg || row.userId === null) throw new Error('The prepared photo is gone')
      const owner = this.deps.owner()
      if (!owner) throw new ApiError({ kind: 'session' })
      const handle = this.deps.writer.submit(batchWrite(row, row.userId, jpeg, owner, signal))
      end = uploadEnd(await handle.done)
    } catch (error) {
      end = uploadEnd({ state: 'failed', error })
      if (mine === this.generation && end.upload === 'failed') {
        const { userId, name, file } = row
        this.deps.log({ result: 'failed', userId: userId ?? '', name, message: file, error })
      }
    }
    if (mine !== this.generation) return
    switch (end.upload) {
      case 'saved':
        this.markSaved(row)
        this.meter.record()
        break
      case 'superseded':
        // Never to be sent: its JPEG goes.
        row.upload = 'superseded'
        row.leased = false
        this.dropJpeg(row)
        break
      case 'idle':
      case 'cancelled':
        row.upload = end.upload
        break
      case 'failed':
        row.upload = 'failed'
        row.problem = end.problem
        this.meter.record()
        // Every other write would be refused too: stop and say why.
        if (end.halt) this.halt(end.problem)
    }
    this.persistRow(row)
    this.state.etaMs = this.meter.timeLeft(this.progress.open)
  }

  // --- helpers -------------------------------------------------------------------------------

  private loginId(): string {
    return this.deps.owner()?.loginId ?? ''
  }

  private usePreparer(): Preparer {
    return (this.preparer ??= this.deps.createPreparer())
  }

  private saveMeta(): void {
    const { state } = this
    this.persister.setMeta({
      version: 1,
      owner: this.loginId(),
      order: state.rows.map((r) => r.key),
      overwrite: state.overwrite,
      concurrency: state.concurrency,
      running: state.runState === 'running' || state.runState === 'paused',
      nextKey: this.nextKey,
    })
  }

  private persistRow(row: BatchRow): void {
    // A row removed while its check or preparation was under way stays removed.
    if (this.byKey.has(row.key)) this.persister.row(row.key)
  }

  private refreshDuplicates(): void {
    const { rows } = this.state
    const before = new Map(rows.map((r) => [r.key, r.duplicate]))
    if (!markDuplicates(rows)) return
    for (const row of rows) if (before.get(row.key) !== row.duplicate) this.persistRow(row)
  }

  /** Marks `row` and the next ready rows as possibly sent, and writes that to disk. */
  private leaseFrom(row: BatchRow): void {
    row.leased = true
    this.persistRow(row)
    let more = LEASE - 1
    for (const other of this.state.rows) {
      if (more === 0) break
      if (other.leased || this.statusOf(other) !== 'ready') continue
      other.leased = true
      this.persistRow(other)
      more--
    }
    this.leaseWritten = this.persister.flush()
  }

  private markSaved(row: BatchRow): void {
    this.held.delete(row.key)
    row.leased = false
    row.upload = 'saved'
    row.hasPhoto = true
    row.problem = null
    this.dropJpeg(row)
  }

  private dropJpeg(row: BatchRow): void {
    this.jpegs.delete(row.key)
    this.persister.jpeg(row.key, null)
  }

  /** The run is over when nothing is left to check, prepare or send. */
  private endRunIfDone(): void {
    const { state } = this
    if (state.runState !== 'running' || this.uploader.inFlight > 0) return
    if (this.progress.open > 0) return
    state.runState = 'done'
    // Rows added or retried later wait for "Upload all" (or their own Retry).
    this.uploader.pause()
    state.etaMs = 0
    this.meter.pause()
    this.saveMeta()
  }

  private halt(problem: RowProblem): void {
    this.state.halted = problem
    this.pause()
  }

  private reset(): void {
    const { state } = this
    this.generation++
    for (const s of [this.checker, this.preparing, this.uploader]) s.cancel({ abort: true })
    state.rows = []
    this.byKey.clear()
    this.files.clear()
    this.held.clear()
    this.recrops.clear()
    this.jpegs.clear()
    this.thumbs.clear()
    state.runState = 'idle'
    state.halted = null
    state.restored = 0
    state.removedOther = null
    state.truncated = false
    state.etaMs = null
    this.meter.reset()
    this.checker.start()
    this.preparing.start()
  }
}
