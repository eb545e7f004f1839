import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, reactive, ref, shallowReactive, shallowRef, watch } from 'vue'
import { searchUsers, updatePhoto } from '@/api/users.ts'
import { ApiError, type ApiErrorInit } from '@/api/errors.ts'
import type { UserSummary } from '@/api/types.ts'
import { blobToBase64 } from '@/photo/index.ts'
import { toCsv } from '@/batch/csv.ts'
import { ThroughputMeter } from '@/batch/eta.ts'
import { parseFileName, resolveCandidates } from '@/batch/filename.ts'
import {
  QueuePersister,
  idbStorage,
  mayHaveSavedQueue,
  reviveRow,
  type QueueStorage,
} from '@/batch/persist.ts'
import type { CropFor, Preparer } from '@/batch/preparer.ts'
import { problemOf } from '@/batch/prepare-file.ts'
import { createBatchPreparer } from '@/workers/photo-workers.ts'
import {
  REPORT_HEADER,
  countRows,
  markDuplicates,
  newRow,
  reportRow,
  rowStatus,
  type BatchRow,
  type RowProblem,
  type RowStatus,
} from '@/batch/rows.ts'
import { Scheduler } from '@/batch/scheduler.ts'
import type { PickedFile } from '@/batch/walk.ts'
import { useSessionStore } from './session.ts'
import { useSettingsStore } from './settings.ts'
import { useSessionLogStore } from './session-log.ts'

/** IDs per `POST /api/v2/users/search` (a chunk of the list is checked at once). */
export const CHECK_CHUNK = 100
export const DEFAULT_CONCURRENCY = 4
export const MAX_CONCURRENCY = 8

/** idle: nothing sent yet; done: every row settled; cancelled: stopped, the rest not sent. */
export type RunState = 'idle' | 'running' | 'paused' | 'cancelled' | 'done'

/** What the store talks to; tests swap in fakes (`setBatchDeps`). */
export interface BatchDeps {
  searchUsers: typeof searchUsers
  updatePhoto: typeof updatePhoto
  toBase64(blob: Blob): Promise<string>
  createStorage(): QueueStorage
  /** Whether a saved batch may exist (without creating an empty database). */
  mayHaveSaved(): Promise<boolean>
  createPreparer(): Preparer
  /** Delay before persisted changes are written (ms). */
  persistDebounceMs: number
}

const defaultDeps: BatchDeps = {
  searchUsers,
  updatePhoto,
  toBase64: blobToBase64,
  createStorage: () => idbStorage(),
  mayHaveSaved: () => mayHaveSavedQueue(),
  createPreparer: () => createBatchPreparer(),
  persistDebounceMs: 200,
}

let deps: BatchDeps = defaultDeps

/** Replaces the store's collaborators (tests); call before the store is first used. */
export function setBatchDeps(partial: Partial<BatchDeps> | null): void {
  deps = partial ? { ...defaultDeps, ...partial } : defaultDeps
}

interface CheckChunk {
  rows: BatchRow[]
  ids: string[]
}

function apiProblem(error: unknown): RowProblem {
  if (error instanceof ApiError) {
    const init: ApiErrorInit = { kind: error.kind }
    if (error.status !== undefined) init.status = error.status
    if (error.code !== undefined) init.code = error.code
    if (error.serverMessage !== undefined) init.serverMessage = error.serverMessage
    if (error.server !== undefined) init.server = error.server
    return { kind: 'api', error: init }
  }
  return problemOf(error)
}

// One collator for the whole sort: localeCompare with options builds one per call.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })
const byPath = (a: PickedFile, b: PickedFile) => collator.compare(a.path, b.path)

/**
 * Batch import: files named by user ID are checked against BioStar in chunks, prepared off the
 * main thread with the desk's pipeline, and sent with a bounded number of PUTs in flight. The
 * queue (rows, prepared JPEGs, thumbnails; never the originals) survives a reload in IndexedDB
 * and is wiped on sign-out.
 */
export const useBatchStore = defineStore('batch', () => {
  const session = useSessionStore()
  const settingsStore = useSettingsStore()

  // Rows are reactive one by one; the list itself changes only when rows come or go, so a row's
  // progress re-renders that row, not the table.
  const rows = shallowRef<BatchRow[]>([])
  const overwrite = ref(false)
  const concurrency = ref(DEFAULT_CONCURRENCY)
  const useFaceCrop = ref(false)
  const cropFor = shallowRef<CropFor | null>(null)
  const runState = ref<RunState>('idle')
  /** Why the run stopped by itself (no write permission): shown above the table. */
  const halted = ref<RowProblem | null>(null)
  /** Rows brought back from a reload (0: none). */
  const restored = ref(0)
  /** A batch another operator left in this browser, removed unseen at restore (login id, size). */
  const removedOther = ref<{ owner: string; files: number; unsent: number } | null>(null)
  /** Some picked files were left out (too many, folders too deep). */
  const truncated = ref(false)
  const etaMs = ref<number | null>(null)
  const thumbs = shallowReactive(new Map<string, Blob>())

  // Heavy things stay out of reactivity: originals until prepared, JPEGs until sent.
  const files = new Map<string, Blob>()
  const jpegs = new Map<string, Blob>()
  const byKey = new Map<string, BatchRow>()
  let nextKey = 1
  let restoredOnce = false
  let generation = 0

  const meter = new ThroughputMeter()
  let preparerInstance: Preparer | null = null
  const preparer = () => (preparerInstance ??= deps.createPreparer())
  const persister = new QueuePersister(
    deps.createStorage(),
    (key) => byKey.get(key),
    deps.persistDebounceMs,
  )

  const counts = computed(() => countRows(rows.value, overwrite.value))
  const statusOf = (row: BatchRow): RowStatus => rowStatus(row, overwrite.value)
  /** Rows this run sends or has sent: saved and failed uploads, plus what is still open. */
  const progress = computed(() => {
    const s = counts.value.byStatus
    const done = s.saved + s.failed
    const open = s.ready + s.sending + s.preparing + s.checking
    return { done, total: done + open, saved: s.saved, failed: s.failed, open }
  })
  const waitingForSignIn = computed(
    () => session.expired && (runState.value === 'running' || counts.value.byStatus.checking > 0),
  )
  const canUpload = computed(
    () =>
      runState.value !== 'running' &&
      runState.value !== 'paused' &&
      counts.value.byStatus.ready + counts.value.byStatus.cancelled > 0,
  )

  function owner(): string {
    return session.operator?.loginId ?? ''
  }

  function saveMeta() {
    persister.setMeta({
      version: 1,
      owner: owner(),
      order: rows.value.map((r) => r.key),
      overwrite: overwrite.value,
      concurrency: concurrency.value,
      running: runState.value === 'running' || runState.value === 'paused',
      nextKey,
    })
  }

  function touch(row: BatchRow) {
    // A row removed while its check or preparation was under way stays removed.
    if (byKey.has(row.key)) persister.row(row.key)
  }

  function refreshDuplicates() {
    const before = new Map(rows.value.map((r) => [r.key, r.duplicate]))
    if (!markDuplicates(rows.value)) return
    for (const row of rows.value) if (before.get(row.key) !== row.duplicate) touch(row)
  }

  // --- checking IDs: one chunk of CHECK_CHUNK rows per search, one search at a time ---------

  const checker = new Scheduler<CheckChunk>({
    concurrency: 1,
    canStart: () => !session.expired,
    next() {
      const chunk: CheckChunk = { rows: [], ids: [] }
      for (const row of rows.value) {
        if (row.check !== 'pending' || row.userId === null) continue
        // At most CHECK_CHUNK IDs per search (an alphanumeric name may bring a few readings).
        const fresh = row.candidates.filter((id) => !chunk.ids.includes(id))
        if (chunk.rows.length > 0 && chunk.ids.length + fresh.length > CHECK_CHUNK) break
        row.check = 'checking'
        chunk.rows.push(row)
        chunk.ids.push(...fresh)
      }
      return chunk.rows.length ? chunk : undefined
    },
    async run(chunk, signal) {
      const mine = generation
      const found = new Map<string, UserSummary>()
      try {
        // Page to `total`: a server may cap a page below what was asked for.
        for (let offset = 0; offset < chunk.ids.length;) {
          const page = await deps.searchUsers(
            {
              userIds: chunk.ids,
              limit: chunk.ids.length,
              offset,
            },
            { signal },
          )
          for (const user of page.rows) found.set(user.userId, user)
          offset += page.rows.length
          if (page.rows.length === 0 || offset >= page.total) break
        }
      } catch (error) {
        if (mine !== generation) return
        for (const row of chunk.rows) {
          if (row.check !== 'checking') continue
          row.check = 'error'
          row.problem = apiProblem(error)
          touch(row)
        }
        return
      }
      if (mine !== generation) return
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
          // A PUT was in flight at the reload: the photo the user has now is ours if they had
          // none before, so it is not sent twice. Otherwise it goes again (PUT is idempotent).
          if (row.interrupted && hadPhoto === false && user.hasPhoto) markSaved(row)
          row.interrupted = false
        } else {
          row.check = 'unknown'
          row.userId = row.candidates[0] ?? row.userId
        }
        touch(row)
      }
      refreshDuplicates()
      uploader.kick()
      drainedCheck()
    },
  })
  checker.start()

  // --- preparation: one file per worker (or one on the main thread) --------------------------

  const prepQueue = new Scheduler<BatchRow>({
    concurrency: 1,
    next() {
      for (const row of rows.value) {
        if (row.prep !== 'pending' || row.userId === null) continue
        row.prep = 'working'
        return row
      }
      return undefined
    },
    async run(row) {
      const mine = generation
      const file = files.get(row.key)
      if (!file) {
        row.prep = 'missing'
        row.problem = { kind: 'missing-file' }
        touch(row)
        return
      }
      const { settings } = settingsStore
      const result = await preparer().prepare(
        file,
        { aspect: settings.aspect, maxSide: settings.maxSide, maxBytes: settings.maxBytes },
        useFaceCrop.value ? cropFor.value : null,
      )
      // A worker that could not load sends the rest to the main thread: one at a time there.
      prepQueue.setConcurrency(preparer().slots)
      if (mine !== generation || !byKey.has(row.key)) return
      files.delete(row.key)
      if (result.ok) {
        jpegs.set(row.key, result.jpeg)
        thumbs.set(row.key, result.thumb)
        persister.jpeg(row.key, result.jpeg)
        persister.thumb(row.key, result.thumb)
        row.prep = 'done'
        row.bytes = result.bytes
        row.width = result.width
        row.height = result.height
      } else {
        row.prep = 'failed'
        row.problem = result.problem
        refreshDuplicates()
      }
      touch(row)
      uploader.kick()
      drainedCheck()
    },
    onError(row, error) {
      row.prep = 'failed'
      row.problem = problemOf(error)
      touch(row)
      drainedCheck()
    },
  })
  prepQueue.start()

  // --- upload: `concurrency` PUTs in flight ---------------------------------------------------

  const LEASE = 16
  let leaseWritten: Promise<void> = Promise.resolve()

  /** Marks `row` and the next ready rows as possibly sent, and writes that to disk. */
  function leaseFrom(row: BatchRow) {
    row.leased = true
    touch(row)
    let more = LEASE - 1
    for (const other of rows.value) {
      if (more === 0) break
      if (other.leased || statusOf(other) !== 'ready') continue
      other.leased = true
      touch(other)
      more--
    }
    leaseWritten = persister.flush()
  }

  function markSaved(row: BatchRow) {
    useSessionLogStore().record({
      action: 'batch',
      result: 'ok',
      userId: row.userId ?? '',
      name: row.name,
      bytes: row.bytes ?? undefined,
      message: row.file,
    })
    row.leased = false
    row.upload = 'saved'
    row.hasPhoto = true
    row.problem = null
    jpegs.delete(row.key)
    persister.jpeg(row.key, null)
  }

  function remaining(): number {
    const s = counts.value.byStatus
    return s.ready + s.sending + s.preparing + s.checking
  }

  const uploader = new Scheduler<BatchRow>({
    concurrency: DEFAULT_CONCURRENCY,
    canStart: () => !session.expired,
    next() {
      for (const row of rows.value) {
        if (statusOf(row) !== 'ready') continue
        row.upload = 'sending'
        return row
      }
      return undefined
    },
    async run(row, signal) {
      const mine = generation
      row.attempts++
      touch(row)
      try {
        // On disk before the PUT leaves: after a reload the row is checked against the server,
        // never silently sent twice or forgotten. One write leases a group of rows.
        if (!row.leased) leaseFrom(row)
        await leaseWritten
        if (mine !== generation) return
        const jpeg = jpegs.get(row.key)
        if (!jpeg || row.userId === null) throw new Error('The prepared photo is gone')
        // Base64 exists only for the length of this request.
        await deps.updatePhoto(row.userId, await deps.toBase64(jpeg), { signal })
        if (mine !== generation) return
        markSaved(row)
        meter.record()
      } catch (error) {
        if (mine !== generation) return
        if (error instanceof ApiError && error.kind === 'aborted') {
          row.upload = 'idle'
        } else {
          row.upload = 'failed'
          useSessionLogStore().record({
            action: 'batch',
            result: 'failed',
            userId: row.userId ?? '',
            name: row.name,
            message: row.file,
            error,
          })
          row.problem = apiProblem(error)
          meter.record()
          // Every other PUT would be refused too: stop and say why.
          if (error instanceof ApiError && error.kind === 'permission') halt(row.problem)
        }
      } finally {
        if (mine === generation) {
          touch(row)
          etaMs.value = meter.timeLeft(remaining())
        }
      }
    },
    onDrained: () => drainedCheck(),
  })

  /** The run is over when nothing is left to check, prepare or send. */
  function drainedCheck() {
    if (runState.value !== 'running' || uploader.inFlight > 0) return
    if (remaining() > 0) return
    runState.value = 'done'
    // Rows added or retried later wait for "Upload all" (or their own Retry).
    uploader.pause()
    etaMs.value = 0
    meter.pause()
    saveMeta()
  }

  function halt(problem: RowProblem) {
    halted.value = problem
    pause()
  }

  // The client holds requests that met an expired session until the operator signs in again;
  // meanwhile no new ones start, and afterwards the queue carries on where it stopped.
  watch(
    () => session.expired,
    (expired) => {
      if (expired) return
      checker.kick()
      uploader.kick()
    },
  )

  // --- actions ---------------------------------------------------------------------------------

  /** Adds picked or dropped files; names without a valid ID become skipped rows. */
  function addFiles(picked: readonly PickedFile[], options: { truncated?: boolean } = {}) {
    if (options.truncated) truncated.value = true
    const idType = settingsStore.settings.idType
    const added: BatchRow[] = []
    // A file whose original was lost in a reload is matched again by path and size.
    const missing = new Map<string, BatchRow>()
    for (const row of rows.value)
      if (row.prep === 'missing' && row.userId !== null) missing.set(`${row.size}:${row.file}`, row)
    for (const { file, path } of [...picked].sort(byPath)) {
      const lost = missing.get(`${file.size}:${path}`)
      if (lost) {
        missing.delete(`${file.size}:${path}`)
        files.set(lost.key, file)
        lost.prep = 'pending'
        if (lost.problem?.kind === 'missing-file') lost.problem = null
        touch(lost)
        continue
      }
      const row = reactive(newRow(String(nextKey++), path, file.size)) as BatchRow
      const parsed = parseFileName(path, idType)
      if (parsed.ok) {
        row.userId = parsed.id
        row.candidates = parsed.candidates
        files.set(row.key, file)
      } else {
        row.problem = { kind: 'name', problem: parsed.problem }
      }
      byKey.set(row.key, row)
      added.push(row)
      touch(row)
    }
    if (added.length) rows.value = [...rows.value, ...added]
    if (runState.value === 'done') runState.value = 'idle'
    refreshDuplicates()
    saveMeta()
    prepQueue.setConcurrency(preparer().slots)
    prepQueue.kick()
    checker.kick()
    uploader.kick()
  }

  /** Sends every ready row (and rows a cancel left unsent). */
  function uploadAll() {
    if (runState.value === 'running') return
    for (const row of rows.value) {
      if (row.upload === 'cancelled') {
        row.upload = 'idle'
        touch(row)
      }
    }
    halted.value = null
    runState.value = 'running'
    meter.reset()
    meter.start()
    etaMs.value = null
    saveMeta()
    uploader.setConcurrency(concurrency.value)
    uploader.start()
  }

  function pause() {
    if (runState.value !== 'running') return
    runState.value = 'paused'
    uploader.pause()
    meter.pause()
    saveMeta()
  }

  function resume() {
    if (runState.value !== 'paused') return
    halted.value = null
    runState.value = 'running'
    meter.start()
    saveMeta()
    uploader.start()
  }

  /** Stops the run: photos in flight get their answer, the rest are marked not sent. */
  function cancel() {
    if (runState.value !== 'running' && runState.value !== 'paused') return
    uploader.cancel()
    runState.value = 'cancelled'
    meter.pause()
    etaMs.value = null
    for (const row of rows.value) {
      const status = statusOf(row)
      if (status === 'ready' || status === 'preparing' || status === 'checking') {
        row.upload = 'cancelled'
        touch(row)
      }
    }
    saveMeta()
  }

  /** Sends a failed row again (or checks its ID again), on its own. */
  function retryRow(key: string) {
    const row = byKey.get(key)
    if (!row) return
    if (row.check === 'error') {
      row.check = 'pending'
      row.problem = null
      checker.kick()
    } else if (row.upload === 'failed') {
      row.upload = 'idle'
      row.problem = null
    } else return
    touch(row)
    if (runState.value !== 'paused') {
      if (runState.value !== 'running') {
        runState.value = 'running'
        meter.start()
        saveMeta()
      }
      uploader.setConcurrency(concurrency.value)
      uploader.start()
    }
  }

  function retryFailed() {
    for (const row of rows.value) {
      if (row.check === 'error' || row.upload === 'failed') retryRow(row.key)
    }
  }

  /** Takes a row off the list (a wrong duplicate, a bad file); not while it is being sent. */
  function removeRow(key: string) {
    const row = byKey.get(key)
    if (!row || row.upload === 'sending') return
    byKey.delete(key)
    files.delete(key)
    jpegs.delete(key)
    thumbs.delete(key)
    persister.removeRow(key)
    rows.value = rows.value.filter((r) => r.key !== key)
    refreshDuplicates()
    saveMeta()
    uploader.kick()
    drainedCheck()
  }

  function setOverwrite(value: boolean) {
    overwrite.value = value
    saveMeta()
    uploader.kick()
  }

  function setConcurrency(n: number) {
    concurrency.value = Math.min(MAX_CONCURRENCY, Math.max(1, Math.round(n) || 1))
    uploader.setConcurrency(concurrency.value)
    saveMeta()
  }

  /** The face-aware crop seam: the face-detection module registers its function here. */
  function setCropFor(fn: CropFor | null) {
    cropFor.value = fn
  }

  function reset() {
    generation++
    for (const s of [checker, prepQueue, uploader]) s.cancel({ abort: true })
    rows.value = []
    byKey.clear()
    files.clear()
    jpegs.clear()
    thumbs.clear()
    runState.value = 'idle'
    halted.value = null
    restored.value = 0
    removedOther.value = null
    truncated.value = false
    etaMs.value = null
    meter.reset()
    checker.start()
    prepQueue.start()
  }

  /** Empties the list and forgets the saved queue (sign-out, "Clear list"). */
  async function clearAll() {
    reset()
    preparerInstance?.dispose()
    preparerInstance = null
    await persister.wipe()
  }

  /** Brings back the queue saved before a reload (once per page load, same operator only). */
  async function restore(): Promise<void> {
    if (restoredOnce) return
    restoredOnce = true
    if (rows.value.length > 0 || !(await deps.mayHaveSaved())) return
    const saved = await persister.load().catch(() => null)
    if (!saved || rows.value.length > 0) return
    if (saved.meta.owner !== owner()) {
      // Not this operator's to see or resume (names and photos of another session): it goes,
      // but not without a word. Their files on disk are untouched.
      const unsent = saved.rows.filter((r) => r.upload !== 'saved').length
      removedOther.value = { owner: saved.meta.owner, files: saved.rows.length, unsent }
      await persister.wipe()
      return
    }
    const revived = saved.rows.map(
      (r) => reactive(reviveRow(r, saved.jpegs.has(r.key))) as BatchRow,
    )
    for (const row of revived) {
      byKey.set(row.key, row)
      touch(row)
    }
    for (const [key, blob] of saved.jpegs) jpegs.set(key, blob)
    for (const [key, blob] of saved.thumbs) thumbs.set(key, blob)
    rows.value = revived
    nextKey = Math.max(saved.meta.nextKey, ...revived.map((r) => Number(r.key) + 1), 1)
    overwrite.value = saved.meta.overwrite
    concurrency.value = saved.meta.concurrency || DEFAULT_CONCURRENCY
    restored.value = revived.length
    // An interrupted run comes back paused: the operator resumes it.
    if (saved.meta.running) runState.value = 'paused'
    uploader.setConcurrency(concurrency.value)
    refreshDuplicates()
    saveMeta()
    checker.kick()
  }

  /** The CSV report: file, user ID, name, result, bytes, message (messages in `describe`). */
  function report(describe: (row: BatchRow, status: RowStatus) => string): string {
    const lines = rows.value.map((row) => {
      const status = statusOf(row)
      return reportRow(row, status, describe(row, status))
    })
    return toCsv([[...REPORT_HEADER], ...lines])
  }

  /** Writes pending changes to IndexedDB now (before a test reloads, or on pagehide). */
  function flush(): Promise<void> {
    return persister.flush()
  }

  session.onSignOut(clearAll)

  return {
    rows,
    overwrite,
    concurrency,
    useFaceCrop,
    cropFor,
    runState,
    halted,
    restored,
    removedOther,
    truncated,
    etaMs,
    thumbs,
    counts,
    progress,
    waitingForSignIn,
    canUpload,
    statusOf,
    addFiles,
    uploadAll,
    pause,
    resume,
    cancel,
    retryRow,
    retryFailed,
    removeRow,
    setOverwrite,
    setConcurrency,
    setCropFor,
    clearAll,
    restore,
    report,
    flush,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useBatchStore, import.meta.hot))
