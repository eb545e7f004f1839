import { ApiError, toErrorData } from '@/api/errors.ts'
import type { KeyValueStore } from '@/storage/idb.ts'
import { sameOwner } from './owners.ts'
import { photoOf, readRecord, storedPhoto, type DurableKind, type StoredWrite } from './records.ts'
import type {
  PhotoWriter,
  WriteHandle,
  WriteKind,
  WriteOutcome,
  WriteOwner,
  WritePhoto,
  WriteRequest,
  WriteState,
  WriteStatus,
} from './types.ts'

/** What the engine asks the API to do: `photo` is raw base64, '' removes. */
export interface SendRequest {
  kind: WriteKind
  userId: string
  photo: string
}

/** One line of the session log, under the operator who made the write. */
export interface WriteLogEntry {
  operator: string
  userId: string
  name: string
  action:
    | 'save'
    | 'remove'
    | 'undo'
    | 'resend'
    | 'batch'
    | 'discard'
    | 'discard-refused'
    | 'review-fix'
    | 'review-restore'
  result: 'ok' | 'failed' | 'pending' | 'superseded' | 'aborted'
  bytes?: number
  checks?: string[]
  message?: string
  error?: unknown
}

export interface PhotoWritesDeps {
  /** Where durable writes are kept (IndexedDB in the app). */
  storage: KeyValueStore
  /** Sends one write; resolves with what BioStar answered. */
  send(request: SendRequest, signal: AbortSignal): Promise<unknown>
  /** JPEG bytes to raw base64: done once, when the write is sent. */
  toBase64(blob: Blob): Promise<string>
  /** Who is signed in here now: a write goes out only under its own operator. */
  signedIn(): WriteOwner | null
  log(entry: WriteLogEntry): void
  now?(): number
  /** Wait before the nth automatic try of a waiting write (ms). */
  retryDelayMs?(attempt: number): number
  /** Final writes kept for the screen (the oldest go first). */
  keepFinal?: number
  /**
   * Runs `fn` while no other tab of this browser runs a write of `userId` (the app: Web Locks).
   * Without it, only this page's writes are kept in order.
   */
  lockUser?<T>(userId: string, fn: () => Promise<T>): Promise<T>
}

/** Waiting writes are tried again after 2, 4, 8 s, then every 15 s. */
export function defaultRetryDelay(attempt: number): number {
  return Math.min(15_000, 1000 * 2 ** Math.max(1, attempt))
}

/**
 * Whether a failed send was BioStar refusing the write for good, rather than no answer
 * (network, timeout, 502-504), a lapsed session or a call cancelled on this side: those wait.
 */
export function isRefusal(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true
  return !error.transient && error.kind !== 'session' && error.kind !== 'aborted'
}

const PHOTO_KINDS = new Set<WriteKind>([
  'save',
  'remove',
  'undo',
  'batch',
  'review-fix',
  'review-restore',
])
const OPEN = new Set<WriteState>(['queued', 'waiting'])

interface Entry {
  status: WriteStatus
  photo: WritePhoto
  durable: boolean
  checks?: string[]
  message?: string
  /** The caller's own cancel (a batch cancel). */
  signal?: AbortSignal
  controller: AbortController | null
  timer: ReturnType<typeof setTimeout> | null
  /** On disk (durable writes): a send waits for it. */
  persisted: Promise<void>
  /** Its record was written: a record gone since means another tab ended it. */
  onDisk: boolean
  /** The base64 that was stored (photo writes), so the screen shows it without encoding again. */
  sent?: string
  settle(outcome: WriteOutcome): void
  settled: boolean
}

class SignedOut extends Error {}

/**
 * The one write path. Every change of a user's photo is a write with its operator and user
 * from the start. For one user, writes never overlap and are applied in the order they were
 * made: only the newest sendable write of a user goes, and once a write is stored every older
 * write of that user still waiting is superseded (dropped, never sent). Durable writes (the
 * desk's) are kept in IndexedDB with their order until BioStar has them, and sent again by
 * themselves while their operator is signed in here; others get one attempt.
 */
export class PhotoWrites implements PhotoWriter {
  private entries = new Map<string, Entry>()
  private listeners = new Set<() => void>()
  private lastSeq = 0
  private io: Promise<unknown> = Promise.resolve()
  private pumpQueued = false
  private disposed = false
  private readonly now: () => number
  private readonly retryDelay: (attempt: number) => number

  constructor(private readonly deps: PhotoWritesDeps) {
    this.now = deps.now ?? Date.now
    this.retryDelay = deps.retryDelayMs ?? defaultRetryDelay
  }

  // --- reading -------------------------------------------------------------------------------

  /** Every write this page knows, oldest first. */
  statuses(): WriteStatus[] {
    return [...this.entries.values()].map((e) => ({ ...e.status })).sort((a, b) => a.seq - b.seq)
  }

  status(id: string): WriteStatus | undefined {
    const entry = this.entries.get(id)
    return entry && { ...entry.status }
  }

  /** The raw base64 a stored photo write sent ('' for a removal); undefined before. */
  sentPhoto(id: string): string | undefined {
    return this.entries.get(id)?.sent
  }

  /** Called after every change of any write. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  // --- writing -------------------------------------------------------------------------------

  /** Loads the durable writes a previous visit left, and sends what may go. */
  async start(): Promise<void> {
    if (!(await this.deps.storage.exists().catch(() => false))) return
    const all = await this.deps.storage.entries().catch(() => [])
    for (const [key, value] of all) {
      const record = readRecord(key, value)
      if (!record || this.entries.has(key)) continue
      this.lastSeq = Math.max(this.lastSeq, record.seq)
      const entry = this.newEntry({
        id: key,
        seq: record.seq,
        request: {
          userId: record.userId,
          name: record.name,
          kind: record.kind,
          photo: photoOf(record),
          bytes: record.bytes,
          owner: record.owner ?? null,
          durable: true,
          checks: record.checks,
        },
        createdAt: record.createdAt,
      })
      entry.status.waited = record.waited === true
      entry.onDisk = true
      if (record.refused) {
        entry.status.state = 'refused'
        entry.status.error = record.refused
      }
      this.entries.set(key, entry)
    }
    this.changed()
  }

  submit(request: WriteRequest): WriteHandle {
    const seq = (this.lastSeq = Math.max(this.now(), this.lastSeq + 1))
    const id = `${seq.toString(36)}-${Math.random().toString(36).slice(2, 8)}`
    const entry = this.newEntry({ id, seq, request, createdAt: this.now() })
    const done = new Promise<WriteOutcome>((resolve) => {
      entry.settle = (outcome) => {
        if (entry.settled) return
        entry.settled = true
        resolve(outcome)
      }
    })
    if (request.durable) entry.persisted = this.persist(entry)
    this.entries.set(id, entry)
    request.signal?.addEventListener('abort', () => this.cancelled(entry), { once: true })
    if (request.signal?.aborted) this.cancelled(entry)
    this.changed()
    return { id, done }
  }

  /** A refused or waiting write: send it again now. */
  retry(id: string): boolean {
    const entry = this.entries.get(id)
    if (!entry || (entry.status.state !== 'refused' && entry.status.state !== 'waiting'))
      return false
    const wasRefused = entry.status.state === 'refused'
    this.stopTimer(entry)
    entry.status.state = 'queued'
    delete entry.status.error
    delete entry.status.nextTryAt
    if (wasRefused && entry.durable) entry.persisted = this.persist(entry)
    this.changed()
    return true
  }

  /** Deletes a write that is not on its way, on purpose, without sending it. */
  discard(id: string): boolean {
    const entry = this.entries.get(id)
    if (!entry || !this.isPending(entry)) return false
    const refused = entry.status.state === 'refused'
    const mine = sameOwner(entry.status.owner, this.deps.signedIn())
    this.finish(entry, 'discarded', {
      log: { action: refused && mine ? 'discard-refused' : 'discard', result: 'ok' },
      error: refused ? entry.status.error : undefined,
    })
    return true
  }

  /** Sends every waiting write now (the network is back, an operator signed in). */
  kick(): void {
    const now = this.now()
    for (const entry of this.entries.values()) {
      if (entry.status.state !== 'waiting') continue
      this.stopTimer(entry)
      entry.status.nextTryAt = now
    }
    this.changed()
  }

  /**
   * Sign-out: sends the operator's waiting writes once more and lets the ones on their way
   * finish, for at most `timeoutMs`; then aborts what is still on its way. Each is recorded
   * under its own operator. What could not go stays, for `abandon`.
   */
  async finishFor(owner: WriteOwner, timeoutMs: number): Promise<void> {
    const own = () => [...this.entries.values()].filter((e) => sameOwner(e.status.owner, owner))
    const now = this.now()
    for (const entry of own()) {
      if (entry.status.state !== 'waiting') continue
      this.stopTimer(entry)
      entry.status.nextTryAt = now
    }
    this.pump()
    const deadline = this.now() + timeoutMs
    const busy = () => own().some((e) => e.status.state === 'sending') || this.dueFor(owner)
    await this.until(() => !busy(), deadline)
    for (const entry of own())
      if (entry.status.state === 'sending') entry.controller?.abort(new SignedOut())
    // An aborted send settles at once: let each record its outcome before the sign-out goes on.
    await this.until(() => !own().some((e) => e.status.state === 'sending'), this.now() + 1000)
  }

  /** Whether a write of `owner` would be sent now (a lane just freed, a retry due). */
  private dueFor(owner: WriteOwner): boolean {
    const byUser = this.openByUser()
    for (const list of byUser.values()) {
      if (list.some((e) => e.status.state === 'sending')) continue
      const next = this.nextOf(list, owner)
      if (next && sameOwner(next.status.owner, owner)) return true
    }
    return false
  }

  /** Resolves when `done()` holds (checked after each change) or at `deadline`. */
  private until(done: () => boolean, deadline: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | null = null
      const check = () => {
        if (!done() && this.now() < deadline) return
        off()
        if (timer) clearTimeout(timer)
        resolve()
      }
      const off = this.subscribe(() => queueMicrotask(check))
      // Checked now and then too: a change may come with no notice (a timer of the caller).
      const poll = () => {
        timer = setTimeout(() => {
          check()
          if (this.now() < deadline && !done()) poll()
        }, 25)
      }
      poll()
      check()
    })
  }

  /** Sign-out: the operator's writes that could not go are dropped (recorded as aborted). */
  async abandon(owner: WriteOwner): Promise<void> {
    for (const entry of [...this.entries.values()]) {
      if (!sameOwner(entry.status.owner, owner)) continue
      if (entry.status.state === 'sending') entry.controller?.abort(new SignedOut())
      else if (this.isPending(entry))
        this.finish(entry, 'aborted', { log: { result: 'aborted' }, error: entry.status.error })
    }
    await this.io.catch(() => undefined)
    if (![...this.entries.values()].some((e) => e.durable && !this.isFinal(e)))
      await this.deps.storage.dropIfEmpty().catch(() => undefined)
  }

  /** Waits until every change so far is on disk (tests, before a reload). */
  flushed(): Promise<void> {
    return this.io.then(
      () => undefined,
      () => undefined,
    )
  }

  dispose(): void {
    this.disposed = true
    for (const entry of this.entries.values()) {
      this.stopTimer(entry)
      entry.controller?.abort(new SignedOut())
    }
    this.listeners.clear()
  }

  // --- the lanes -----------------------------------------------------------------------------

  private newEntry(init: {
    id: string
    seq: number
    request: Omit<WriteRequest, 'owner'> & { owner: WriteOwner | null }
    createdAt: number
  }): Entry {
    const { request } = init
    const status: WriteStatus = {
      id: init.id,
      seq: init.seq,
      userId: request.userId,
      name: request.name,
      kind: request.kind,
      owner: request.owner,
      createdAt: init.createdAt,
      state: 'queued',
      attempts: 0,
      waited: false,
    }
    if (request.bytes !== undefined) status.bytes = request.bytes
    return {
      status,
      photo: request.photo,
      durable: request.durable,
      checks: request.checks,
      message: request.message,
      signal: request.signal,
      controller: null,
      timer: null,
      persisted: Promise.resolve(),
      onDisk: false,
      settle: () => {},
      settled: false,
    }
  }

  private isFinal(entry: Entry): boolean {
    const s = entry.status.state
    return s !== 'queued' && s !== 'waiting' && s !== 'sending' && s !== 'refused'
  }

  /** Not on its way and not final: may be sent, retried or discarded. */
  private isPending(entry: Entry): boolean {
    return OPEN.has(entry.status.state) || entry.status.state === 'refused'
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener()
    if (this.pumpQueued || this.disposed) return
    this.pumpQueued = true
    queueMicrotask(() => {
      this.pumpQueued = false
      this.pump()
    })
  }

  /** The writes that are not final, by user. */
  private openByUser(): Map<string, Entry[]> {
    const byUser = new Map<string, Entry[]>()
    for (const entry of this.entries.values()) {
      if (this.isFinal(entry)) continue
      const list = byUser.get(entry.status.userId)
      if (list) list.push(entry)
      else byUser.set(entry.status.userId, [entry])
    }
    return byUser
  }

  /** Starts the next write of every user that has none on its way. */
  private pump(): void {
    if (this.disposed) return
    const me = this.deps.signedIn()
    for (const list of this.openByUser().values()) {
      if (list.some((e) => e.status.state === 'sending')) continue
      const next = this.nextOf(list, me)
      if (next) void this.send(next)
    }
  }

  /**
   * The write of one user to send now: the newest of its photo writes that its operator can
   * send (older ones are superseded once it is stored), or a Visual Face made before it.
   */
  private nextOf(list: Entry[], me: WriteOwner | null): Entry | undefined {
    const sendable = list.filter(
      (e) => OPEN.has(e.status.state) && sameOwner(e.status.owner, me) && !e.signal?.aborted,
    )
    const photos = sendable.filter((e) => PHOTO_KINDS.has(e.status.kind))
    const newest = photos.reduce<Entry | undefined>(
      (a, e) => (!a || e.status.seq > a.status.seq ? e : a),
      undefined,
    )
    const candidates = sendable.filter((e) => !PHOTO_KINDS.has(e.status.kind))
    if (newest) candidates.push(newest)
    candidates.sort((a, b) => a.status.seq - b.status.seq)
    const first = candidates[0]
    if (!first) return undefined
    const due = first.status.nextTryAt
    return due === undefined || due <= this.now() ? first : undefined
  }

  private async send(entry: Entry): Promise<void> {
    const status = entry.status
    status.state = 'sending'
    status.attempts++
    delete status.nextTryAt
    this.stopTimer(entry)
    const controller = (entry.controller = new AbortController())
    const signal = entry.signal
      ? AbortSignal.any([entry.signal, controller.signal])
      : controller.signal
    this.changed()
    try {
      // On disk before it leaves: a reload then finds it, in its place in the order.
      await entry.persisted.catch(() => undefined)
      signal.throwIfAborted()
      const photo = await this.base64(entry.photo)
      signal.throwIfAborted()
      const lock = this.deps.lockUser ?? ((_: string, fn: () => Promise<void>) => fn())
      await lock(status.userId, async () => {
        // Another tab may have stored a newer photo of this user, or ended this very write.
        if (await this.endedElsewhere(entry)) return
        signal.throwIfAborted()
        const result = await this.deps.send(
          { kind: status.kind, userId: status.userId, photo },
          signal,
        )
        if (PHOTO_KINDS.has(status.kind)) entry.sent = photo
        this.stored(entry, result)
        // Still under the lock: no other tab sends an older kept photo of this user meanwhile.
        if (PHOTO_KINDS.has(status.kind)) await this.supersedeKept(entry)
      })
    } catch (error) {
      if (controller.signal.aborted || entry.signal?.aborted) {
        const reason = controller.signal.reason instanceof SignedOut ? 'signed-out' : 'cancelled'
        this.finish(entry, 'aborted', { log: { result: 'aborted', message: reason } })
      } else if (!entry.durable) {
        this.finish(entry, 'failed', { log: { result: 'failed' }, error, settleError: error })
      } else if (isRefusal(error)) {
        this.refused(entry, error)
      } else {
        this.waiting(entry, error)
      }
    } finally {
      entry.controller = null
      this.changed()
    }
  }

  /**
   * Whether another tab ended this kept write (looked at under the user's lock): it stored it,
   * discarded it, or stored a newer photo of the user. Its record is gone then, and that tab
   * logged the outcome. A write that never reached the disk cannot tell, and goes.
   */
  private async endedElsewhere(entry: Entry): Promise<boolean> {
    if (!entry.durable || !entry.onDisk) return false
    const record = await this.deps.storage.get(entry.status.id).catch(() => null)
    if (record !== undefined) return false
    this.finish(entry, 'superseded', { log: null })
    return true
  }

  /**
   * A photo was stored: the user's older kept writes are superseded in every tab. Their records
   * go (under the user's lock, before another tab can send one), and those this page did not
   * know of (made in another tab) are logged here, under their own operators.
   */
  private async supersedeKept(stored: Entry): Promise<void> {
    const { userId, seq } = stored.status
    const { storage } = this.deps
    await this.queueIo(async () => {
      const older = (await storage.entries())
        .map(([key, value]) => readRecord(key, value))
        .filter((r): r is NonNullable<typeof r> => r?.userId === userId && r.seq < seq)
      if (!older.length) return
      await storage.delMany(older.map((r) => r.id))
      for (const record of older) {
        if (this.entries.has(record.id)) continue
        this.deps.log({
          operator: record.owner?.loginId ?? '',
          userId,
          name: record.name,
          action: record.waited ? 'resend' : record.kind,
          result: 'superseded',
        })
      }
    }).catch(() => undefined)
  }

  private async base64(photo: WritePhoto): Promise<string> {
    if (photo === null) return ''
    return 'blob' in photo ? this.deps.toBase64(photo.blob) : photo.base64
  }

  private stored(entry: Entry, result: unknown): void {
    const { status } = entry
    this.finish(entry, 'stored', { log: { result: 'ok' }, result })
    if (!PHOTO_KINDS.has(status.kind)) return
    // Every older write of this user still waiting is now out of date: never sent.
    for (const older of this.entries.values()) {
      if (older.status.userId !== status.userId || older.status.seq >= status.seq) continue
      if (!PHOTO_KINDS.has(older.status.kind) || !this.isPending(older)) continue
      this.finish(older, 'superseded', { log: { result: 'superseded' } })
    }
  }

  private waiting(entry: Entry, error: unknown): void {
    const { status } = entry
    status.state = 'waiting'
    status.error = toErrorData(error)
    status.nextTryAt = this.now() + this.retryDelay(status.attempts)
    if (!status.waited) {
      status.waited = true
      this.log(entry, { result: 'pending', error })
      if (entry.durable) entry.persisted = this.persist(entry)
    }
    entry.timer = setTimeout(
      () => {
        entry.timer = null
        // The timer is the authority: a clock read a millisecond early must not strand it.
        if (entry.status.state === 'waiting') entry.status.nextTryAt = this.now()
        this.changed()
      },
      Math.max(0, status.nextTryAt - this.now()),
    )
  }

  private refused(entry: Entry, error: unknown): void {
    entry.status.state = 'refused'
    entry.status.error = toErrorData(error)
    this.log(entry, { result: 'failed', error })
    if (entry.durable) entry.persisted = this.persist(entry)
    entry.settle({ state: 'refused', error })
  }

  /** A caller's cancel: a write not yet on its way never goes (one on its way is aborted). */
  private cancelled(entry: Entry): void {
    if (!this.isPending(entry)) return
    this.finish(entry, 'aborted', { log: { result: 'aborted', message: 'cancelled' } })
  }

  private finish(
    entry: Entry,
    state: WriteOutcome['state'],
    how: {
      /** null: another tab logged it. */
      log: (Partial<WriteLogEntry> & Pick<WriteLogEntry, 'result'>) | null
      error?: unknown
      settleError?: unknown
      result?: unknown
    },
  ): void {
    this.stopTimer(entry)
    entry.status.state = state
    delete entry.status.nextTryAt
    if (how.error !== undefined) entry.status.error = toErrorData(how.error) ?? entry.status.error
    if (entry.durable) this.unpersist(entry)
    if (how.log) this.log(entry, { ...how.log, error: how.error })
    const outcome: WriteOutcome = { state }
    if (how.settleError !== undefined) outcome.error = how.settleError
    if (how.result !== undefined) outcome.result = how.result
    entry.settle(outcome)
    this.prune()
    this.changed()
  }

  private log(entry: Entry, line: Partial<WriteLogEntry> & Pick<WriteLogEntry, 'result'>) {
    const { status } = entry
    // The Visual Face has its own status on the desk; its failures are not photo writes.
    if (status.kind === 'visual-face') return
    const action =
      line.action ??
      (status.kind === 'batch'
        ? 'batch'
        : status.waited && line.result !== 'pending'
          ? 'resend'
          : status.kind)
    const full: WriteLogEntry = {
      operator: status.owner?.loginId ?? '',
      userId: status.userId,
      name: status.name,
      action,
      result: line.result,
    }
    if (status.bytes !== undefined && status.kind !== 'remove') full.bytes = status.bytes
    if (entry.checks && (action === 'save' || action === 'resend')) full.checks = entry.checks
    const message = line.message ?? entry.message
    if (message) full.message = message
    if (line.error !== undefined) full.error = line.error
    this.deps.log(full)
  }

  private stopTimer(entry: Entry): void {
    if (entry.timer) clearTimeout(entry.timer)
    entry.timer = null
  }

  /** Keeps the last `keepFinal` final writes for the screen. */
  private prune(): void {
    const keep = this.deps.keepFinal ?? 50
    const final = [...this.entries.values()].filter((e) => this.isFinal(e))
    for (const entry of final.slice(0, Math.max(0, final.length - keep)))
      this.entries.delete(entry.status.id)
  }

  // --- disk ----------------------------------------------------------------------------------

  /** One disk change at a time, in order: an older change never lands after a newer one. */
  private queueIo(change: () => Promise<void>): Promise<void> {
    const next = this.io.then(change, change)
    this.io = next.catch(() => undefined)
    return next
  }

  private persist(entry: Entry): Promise<void> {
    const { status } = entry
    const record: StoredWrite = {
      v: 2,
      seq: status.seq,
      userId: status.userId,
      name: status.name,
      kind: status.kind as DurableKind,
      photo: storedPhoto(entry.photo),
      createdAt: status.createdAt,
    }
    if (status.owner) record.owner = { ...status.owner }
    if (status.bytes !== undefined) record.bytes = status.bytes
    if (status.waited) record.waited = true
    if (status.state === 'refused' && status.error) record.refused = { ...status.error }
    if (entry.checks) record.checks = [...entry.checks]
    // A disk that fails loses only the reload-survival, never the write itself.
    return this.queueIo(async () => {
      await this.deps.storage.set(status.id, record)
      entry.onDisk = true
    }).catch(() => undefined)
  }

  private unpersist(entry: Entry): void {
    const id = entry.status.id
    void this.queueIo(() => this.deps.storage.del(id)).catch(() => undefined)
  }
}
