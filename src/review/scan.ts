import type { UserDetail, UserRow, UserRowPage } from '@/api/types.ts'
import { base64ToBytes, mimeForType } from '@/photo/index.ts'
import type { KeyValueStore } from '@/storage/idb.ts'
import { checkPhoto, sha256Hex, type Problem } from './checks.ts'
import { pace } from './pace.ts'

/** One user as the review knows it. No photo bytes: those sit in the photo store. */
export interface ReviewRow {
  userId: string
  name: string
  groupId: string
  groupName: string
  /** The list row's change stamp (toUserRow) the checks were made at; '' when none. */
  changeStamp: string
  hasPhoto: boolean
  /** Fetched and checked at changeStamp (a user without a photo needs no fetch). */
  checked: boolean
  bytes: number
  type: string
  width: number | null
  height: number | null
  sha256: string
  /** Byte problems, then the face pass's. 'duplicate' is derived (report.ts), never stored. */
  problems: Problem[]
  /** The sha256 the face pass checked, so a changed photo is checked again. */
  faceChecked?: string
  /** Why the photo could not be fetched; a rescan tries again. */
  error?: string
}

export type ScanPhase = 'idle' | 'listing' | 'checking' | 'paused' | 'done' | 'cancelled' | 'failed'

export interface ScanProgress {
  phase: ScanPhase
  /** Users listed so far, of listTotal. */
  listed: number
  listTotal: number
  /** Photos to fetch in this run, and how many are done. */
  total: number
  checked: number
  photosPerSecond: number
  /** null until the rate is known. */
  secondsLeft: number | null
  error?: unknown
}

export interface ScanDeps {
  listRows(
    page: { limit: number; offset: number },
    opts: { signal: AbortSignal },
  ): Promise<UserRowPage>
  getUser(userId: string, opts: { signal: AbortSignal }): Promise<UserDetail>
  /** The scan's state: one record per user (`u:<id>`) and the phase (`meta`). */
  rows: KeyValueStore
  /** Each checked photo as fetched (a Blob per user id): thumbnails, the ZIP, the fix. */
  photos: KeyValueStore
  /** Photos fetched at once. Default 4. */
  concurrency?: number
  /** Users per list page. Default 500. */
  pageSize?: number
  now?: () => number
  /** Checked rows are written to storage at most this often. Default 250 ms. */
  flushMs?: number
  /** Progress is told to listeners at most this often while photos come in. Default 100 ms. */
  progressMs?: number
}

interface Meta {
  phase: ScanPhase
  /** When the last complete scan ended. */
  finishedAt?: number
}

const META = 'meta'
const rowKey = (id: string) => `u:${id}`

function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof DOMException && error.name === 'AbortError')
}

function notFound(error: unknown): boolean {
  return (error as { kind?: string } | null)?.kind === 'not-found'
}

/**
 * Scans every user's photo: pages the user list, then fetches each user whose list row says it
 * has a photo, `concurrency` at a time, and runs the byte checks. Everything checked is kept
 * (IndexedDB in the app), so a reload resumes where it stopped, and a rescan fetches only users
 * whose list row changed since (their change stamp), plus those that failed.
 */
export class PhotoScan {
  private readonly deps: Required<Omit<ScanDeps, 'now'>> & { now: () => number }
  private byId = new Map<string, ReviewRow>()
  private order: string[] = []
  private meta: Meta = { phase: 'idle' }
  private controller: AbortController | null = null
  private running: Promise<void> | null = null
  private dirty = new Set<string>()
  /** Photos fetched since the last flush: written in one transaction with their rows. */
  private newPhotos = new Map<string, Blob>()
  private removed = new Set<string>()
  private flushTimer: ReturnType<typeof setTimeout> | null = null
  private listeners = new Set<() => void>()
  private checkStartedAt = 0
  private emittedAt = 0
  progress: ScanProgress = {
    phase: 'idle',
    listed: 0,
    listTotal: 0,
    total: 0,
    checked: 0,
    photosPerSecond: 0,
    secondsLeft: null,
  }

  constructor(deps: ScanDeps) {
    this.deps = {
      concurrency: 4,
      pageSize: 500,
      flushMs: 250,
      progressMs: 100,
      ...deps,
      now: deps.now ?? (() => Date.now()),
    }
  }

  /** Every known user, in list order. */
  get rows(): ReviewRow[] {
    return this.order.map((id) => this.byId.get(id)).filter((r): r is ReviewRow => !!r)
  }

  row(userId: string): ReviewRow | undefined {
    return this.byId.get(userId)
  }

  /** When the last complete scan ended (ms), if one did. */
  get finishedAt(): number | undefined {
    return this.meta.finishedAt
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit() {
    for (const listener of this.listeners) listener()
  }

  private setPhase(phase: ScanPhase, error?: unknown) {
    this.progress = { ...this.progress, phase, error }
    this.emit()
  }

  /**
   * Loads what an earlier page left. Returns true when a scan was under way then (the page was
   * reloaded or closed mid-scan): the caller resumes it with start().
   */
  async restore(): Promise<boolean> {
    const entries = (await this.deps.rows.exists()) ? await this.deps.rows.entries() : []
    const rows: ReviewRow[] = []
    for (const [key, value] of entries) {
      if (key === META) this.meta = value as Meta
      else if (key.startsWith('u:')) rows.push(value as ReviewRow)
    }
    rows.sort((a, b) => compareIds(a.userId, b.userId))
    this.byId = new Map(rows.map((r) => [r.userId, r]))
    this.order = rows.map((r) => r.userId)
    const interrupted = this.meta.phase === 'listing' || this.meta.phase === 'checking'
    const pending = rows.filter((r) => !r.checked).length
    const phase: ScanPhase = interrupted ? 'paused' : this.meta.phase
    this.progress = { ...this.progress, phase, total: pending, checked: 0 }
    this.emit()
    return interrupted
  }

  get busy(): boolean {
    return this.running !== null
  }

  /** Scans (or rescans, or resumes): lists every user, then fetches what is not checked yet. */
  start(): Promise<void> {
    if (this.running) return this.running
    const resuming = this.progress.phase === 'paused'
    const controller = new AbortController()
    this.controller = controller
    this.running = this.run(controller.signal, resuming).finally(() => {
      this.running = null
      this.controller = null
    })
    return this.running
  }

  /** Stops fetching; what is checked stays, the rest waits for resume(). */
  async pause(): Promise<void> {
    await this.stop('paused')
  }

  resume(): Promise<void> {
    return this.start()
  }

  /** Stops the scan; what is checked so far stays on the screen. */
  async cancel(): Promise<void> {
    await this.stop('cancelled')
  }

  private async stop(phase: 'paused' | 'cancelled') {
    const running = this.running
    this.controller?.abort()
    await running?.catch(() => {})
    this.meta = { ...this.meta, phase }
    this.dirty.add(META)
    await this.flush()
    this.setPhase(phase)
  }

  /** Forgets every result and photo (sign-out, another server). */
  async clear(): Promise<void> {
    this.controller?.abort()
    await this.running?.catch(() => {})
    this.byId.clear()
    this.order = []
    this.meta = { phase: 'idle' }
    this.dirty.clear()
    this.removed.clear()
    this.newPhotos.clear()
    await Promise.all([this.deps.rows.destroy(), this.deps.photos.destroy()])
    this.progress = {
      ...this.progress,
      phase: 'idle',
      listed: 0,
      listTotal: 0,
      total: 0,
      checked: 0,
    }
    this.emit()
  }

  private async run(signal: AbortSignal, resuming: boolean): Promise<void> {
    try {
      this.meta = { ...this.meta, phase: 'listing' }
      this.dirty.add(META)
      this.setPhase('listing')
      await this.listAndCheck(signal, resuming)
      if (signal.aborted) return
      this.meta = { phase: 'done', finishedAt: this.deps.now() }
      this.dirty.add(META)
      await this.flush()
      this.setPhase('done')
    } catch (error) {
      if (isAbort(error, signal)) return
      this.meta = { ...this.meta, phase: 'failed' }
      this.dirty.add(META)
      await this.flush().catch(() => {})
      this.setPhase('failed', error)
    }
  }

  /**
   * Pages the list and, at the same time, fetches the photos of the users listed so far,
   * `concurrency` at a time: the fetching does not wait for the last page.
   */
  private async listAndCheck(signal: AbortSignal, resuming: boolean) {
    const queue: string[] = []
    let next = 0
    let listed = false
    let waiting: Array<() => void> = []
    const wake = () => {
      const woken = waiting
      waiting = []
      for (const resolve of woken) resolve()
    }
    this.checkStartedAt = this.deps.now()
    this.progress = {
      ...this.progress,
      total: 0,
      checked: 0,
      photosPerSecond: 0,
      secondsLeft: null,
    }
    const listing = this.list(signal, resuming, (id) => {
      queue.push(id)
      wake()
    }).finally(() => {
      listed = true
      wake()
    })
    const worker = async () => {
      while (!signal.aborted) {
        if (next < queue.length) {
          const id = queue[next++]!
          await this.checkOne(id, signal)
          if (signal.aborted) return
          this.counted()
        } else if (listed) return
        else await new Promise<void>((resolve) => waiting.push(resolve))
      }
    }
    const workers = Array.from({ length: this.deps.concurrency }, worker)
    const [list] = await Promise.allSettled([listing, ...workers])
    if (list.status === 'rejected') throw list.reason
    await this.flush()
  }

  /**
   * Pages the list; keeps a checked row whose stamp is unchanged, hands the rest to `fetch` as
   * each page arrives.
   */
  private async list(signal: AbortSignal, resuming: boolean, fetch: (userId: string) => void) {
    const seen = new Set<string>()
    const order: string[] = []
    const { pageSize } = this.deps
    let offset = 0
    let total = Infinity
    let toFetch = 0
    while (offset < total) {
      const page = await this.deps.listRows({ limit: pageSize, offset }, { signal })
      total = page.total
      for (const row of page.rows) {
        if (seen.has(row.userId)) continue
        seen.add(row.userId)
        order.push(row.userId)
        this.take(row, resuming)
        if (!this.byId.get(row.userId)?.checked) {
          fetch(row.userId)
          toFetch++
        }
      }
      offset += page.rows.length
      this.progress = { ...this.progress, listed: seen.size, listTotal: total, total: toFetch }
      this.emit()
      if (page.rows.length === 0) break
    }
    for (const id of this.byId.keys()) {
      if (seen.has(id)) continue
      this.byId.delete(id)
      this.removed.add(id)
    }
    // Users a photo fetch found gone meanwhile are left out.
    this.order = order.filter((id) => this.byId.has(id))
    this.progress = { ...this.progress, phase: 'checking' }
    this.meta = { ...this.meta, phase: 'checking' }
    this.dirty.add(META)
    this.emit()
    this.scheduleFlush()
  }

  private take(row: UserRow, resuming: boolean) {
    const before = this.byId.get(row.userId)
    const group = { groupId: row.group?.id ?? '', groupName: row.group?.name ?? '' }
    // A rescan trusts a check only when the stamp says the user did not change since; without
    // stamps, only within the scan a reload interrupted.
    const unchanged =
      before !== undefined &&
      before.checked &&
      !before.error &&
      before.hasPhoto === row.hasPhoto &&
      (row.changeStamp !== '' ? before.changeStamp === row.changeStamp : resuming)
    if (unchanged) {
      if (before.name !== row.name || before.groupId !== group.groupId) {
        this.byId.set(row.userId, { ...before, name: row.name, ...group })
        this.dirty.add(row.userId)
      }
      return
    }
    this.byId.set(row.userId, {
      userId: row.userId,
      name: row.name,
      ...group,
      changeStamp: row.changeStamp,
      hasPhoto: row.hasPhoto,
      checked: !row.hasPhoto,
      bytes: 0,
      type: '',
      width: null,
      height: null,
      sha256: '',
      problems: row.hasPhoto ? [] : ['no-photo'],
    })
    this.dirty.add(row.userId)
    if (before?.hasPhoto && !row.hasPhoto) this.removed.add(`photo:${row.userId}`)
  }

  private counted() {
    const checked = this.progress.checked + 1
    const now = this.deps.now()
    const { perSecond, secondsLeft } = pace(checked, this.progress.total, this.checkStartedAt, now)
    this.progress = { ...this.progress, checked, photosPerSecond: perSecond, secondsLeft }
    // Told a few times a second, not per photo: each telling redraws the bar.
    if (checked === this.progress.total || now - this.emittedAt >= this.deps.progressMs) {
      this.emittedAt = now
      this.emit()
    }
  }

  private async checkOne(userId: string, signal: AbortSignal) {
    const row = this.byId.get(userId)
    if (!row) return
    let detail: UserDetail
    try {
      detail = await this.deps.getUser(userId, { signal })
    } catch (error) {
      if (isAbort(error, signal)) return
      if (notFound(error)) {
        this.byId.delete(userId)
        this.order = this.order.filter((id) => id !== userId)
        this.removed.add(userId)
      } else {
        const message = error instanceof Error ? error.message : String(error)
        this.byId.set(userId, { ...row, checked: true, error: message, problems: [] })
        this.dirty.add(userId)
      }
      this.scheduleFlush()
      return
    }
    if (signal.aborted) return
    const base64 = detail.photo ?? ''
    if (!base64) {
      this.byId.set(userId, { ...row, hasPhoto: false, checked: true, problems: ['no-photo'] })
      this.removed.add(`photo:${userId}`)
    } else {
      const bytes = decodeBase64(base64)
      const facts = checkPhoto(bytes)
      const sha256 = await sha256Hex(bytes)
      const type = mimeForType(facts.type) ?? 'application/octet-stream'
      this.newPhotos.set(userId, new Blob([bytes as Uint8Array<ArrayBuffer>], { type }))
      this.byId.set(userId, {
        ...row,
        name: detail.name || row.name,
        hasPhoto: true,
        checked: true,
        error: undefined,
        bytes: facts.bytes,
        type: facts.type,
        width: facts.width,
        height: facts.height,
        sha256,
        problems: facts.problems,
        faceChecked: undefined,
      })
    }
    this.dirty.add(userId)
    this.scheduleFlush()
  }

  /** Replaces a row after a fix or restore wrote the user's photo (what the server now has). */
  async recheck(userId: string, base64: string, changeStamp = ''): Promise<void> {
    const row = this.byId.get(userId)
    if (!row) return
    const bytes = decodeBase64(base64)
    const facts = checkPhoto(bytes)
    const sha256 = await sha256Hex(bytes)
    const type = mimeForType(facts.type) ?? 'application/octet-stream'
    await this.deps.photos.set(userId, new Blob([bytes as Uint8Array<ArrayBuffer>], { type }))
    this.byId.set(userId, {
      ...row,
      // The write bumped the server's stamp, which the review cannot know: fetch it next rescan.
      changeStamp,
      hasPhoto: true,
      checked: true,
      bytes: facts.bytes,
      type: facts.type,
      width: facts.width,
      height: facts.height,
      sha256,
      problems: facts.problems,
      faceChecked: undefined,
    })
    this.dirty.add(userId)
    this.scheduleFlush()
    this.emit()
  }

  /** Adds the face pass's verdict to a row checked at `sha256`. */
  setFaceProblems(userId: string, sha256: string, problems: Problem[]) {
    const row = this.byId.get(userId)
    if (!row || row.sha256 !== sha256) return
    const bytesOnly = row.problems.filter(
      (p) => p !== 'no-face' && p !== 'several-faces' && p !== 'face-framing',
    )
    this.byId.set(userId, { ...row, problems: [...bytesOnly, ...problems], faceChecked: sha256 })
    this.dirty.add(userId)
    this.scheduleFlush()
    this.emit()
  }

  /** The photo as fetched, if the scan kept it. */
  async photo(userId: string): Promise<Blob | undefined> {
    const value = this.newPhotos.get(userId) ?? (await this.deps.photos.get(userId))
    return value instanceof Blob ? value : undefined
  }

  private scheduleFlush() {
    if (this.flushTimer) return
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null
      void this.flush().catch(() => {})
    }, this.deps.flushMs)
  }

  /** Writes the changed rows (and the phase) in one transaction per store. */
  async flush(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer)
      this.flushTimer = null
    }
    const photos = [...this.newPhotos]
    this.newPhotos.clear()
    const items: Array<[string, unknown]> = []
    for (const id of this.dirty) {
      if (id === META) items.push([META, this.meta])
      else {
        const row = this.byId.get(id)
        if (row) items.push([rowKey(id), row])
      }
    }
    this.dirty.clear()
    const gone = [...this.removed]
    this.removed.clear()
    const rowKeys = gone.filter((k) => !k.startsWith('photo:')).map(rowKey)
    const photoKeys = gone.map((k) => (k.startsWith('photo:') ? k.slice(6) : k))
    // Photos first: a row that says "checked" after a reload has its photo.
    if (photos.length) await this.deps.photos.setMany(photos)
    if (items.length) await this.deps.rows.setMany(items)
    if (rowKeys.length) await this.deps.rows.delMany(rowKeys)
    if (photoKeys.length) await this.deps.photos.delMany(photoKeys)
  }
}

type FromBase64 = (text: string) => Uint8Array<ArrayBuffer>
const fromBase64 = (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64?.bind(
  Uint8Array,
)

/** The photo's bytes: the browser's own decoder where it has one (no atob and copy loop). */
function decodeBase64(base64: string): Uint8Array<ArrayBuffer> {
  if (fromBase64) {
    try {
      return fromBase64(base64)
    } catch {
      // not strict base64 (a data: prefix, odd padding): the forgiving path below
    }
  }
  return base64ToBytes(base64)
}

/** Numeric ids as numbers, then the rest as text (BioStar lists users by id). */
export function compareIds(a: string, b: string): number {
  const an = /^\d+$/.test(a)
  const bn = /^\d+$/.test(b)
  if (an && bn && a.length !== b.length) return a.length - b.length
  if (an !== bn) return an ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}
