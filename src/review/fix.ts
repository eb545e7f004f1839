import type { UserDetail } from '@/api/types.ts'
import type { CropFor, Preparer } from '@/batch/preparer.ts'
import type { PrepareRequest } from '@/batch/prepare-file.ts'
import { base64ToBlob, blobToBase64 } from '@/photo/index.ts'
import type { KeyValueStore } from '@/storage/idb.ts'
import { pace } from './pace.ts'
import type { PhotoWriter, WriteOwner } from '@/writes/types.ts'

/** A photo as it was before a fix: what "Restore originals" sends back, byte for byte. */
export interface StoredOriginal {
  userId: string
  name: string
  /** Base64 exactly as BioStar had it. */
  base64: string
  /** The fix run that replaced it (ms since 1970). */
  run: number
}

export type FixPhase = 'idle' | 'saving-originals' | 'writing' | 'paused' | 'done' | 'cancelled'

export interface FixProgress {
  phase: FixPhase
  kind: 'fix' | 'restore'
  done: number
  failed: number
  total: number
  /** Photos per second and time left of the current phase (pace.ts). */
  perSecond?: number
  secondsLeft?: number | null
}

export interface FixTarget {
  userId: string
  name: string
}

export interface FixDeps {
  getUser(userId: string, opts: { signal: AbortSignal }): Promise<UserDetail>
  /** The desk's pipeline (batch preparer: workers, main thread where none can run). */
  preparer: () => Preparer
  /** The one write path. */
  writer: PhotoWriter
  /** Originals of every fix, kept until restored or deleted on purpose (not on sign-out). */
  originals: KeyValueStore
  owner: () => WriteOwner | null
  /** The desk's settings at the moment the fix starts. */
  request: () => PrepareRequest
  /** After a write is stored: the review checks what the user now has. */
  written(userId: string, base64: string): void | Promise<void>
  /** Writes at once. Default 4. */
  concurrency?: number
  now?: () => number
}

const LAST = 'last-run'
const key = (run: number, userId: string) => `${run}:${userId}`

/**
 * "Make device-safe" in bulk and "Restore originals". A fix first fetches every photo it will
 * replace from BioStar and stores it (IndexedDB) before the first write; then re-encodes each
 * with the desk's encoder (baseline JPEG within the budget, the desk's size and aspect, centred
 * or by the face rule) and saves it through the one write path, `concurrency` at a time.
 * Restore sends the stored base64 back as it was.
 */
export class PhotoFixer {
  private readonly deps: FixDeps & { concurrency: number; now: () => number }
  private listeners = new Set<() => void>()
  private controller: AbortController | null = null
  private pausedAt: { resume: () => void } | null = null
  private gate: Promise<void> | null = null
  private phaseBeforePause: FixPhase = 'idle'
  progress: FixProgress = { phase: 'idle', kind: 'fix', done: 0, failed: 0, total: 0 }
  /** Users of the last fix whose originals are kept. */
  lastRun: { run: number; userIds: string[] } | null = null
  /** Why each failed user failed, in the last run. */
  failures = new Map<string, unknown>()
  private phaseStartedAt = 0

  constructor(deps: FixDeps) {
    this.deps = { concurrency: 4, now: () => Date.now(), ...deps }
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private update(patch: Partial<FixProgress>) {
    // A new phase starts the clock (a resume does not: the pause counts as time taken).
    const starts = patch.phase === 'writing' || patch.phase === 'saving-originals'
    if (starts && this.progress.phase !== 'paused') {
      this.phaseStartedAt = this.deps.now()
      patch = { perSecond: 0, secondsLeft: null, ...patch }
    } else if (patch.done !== undefined) {
      const { total } = this.progress
      patch = { ...pace(patch.done, total, this.phaseStartedAt, this.deps.now()), ...patch }
    }
    this.progress = { ...this.progress, ...patch }
    for (const listener of this.listeners) listener()
  }

  get busy(): boolean {
    return this.controller !== null
  }

  /** Loads which fix was last (its originals can be restored after a reload). */
  async restoreState(): Promise<void> {
    // Looking must not leave an empty database behind.
    if (!(await this.deps.originals.exists())) return
    const all = await this.deps.originals.entries()
    const last = all.find(([k]) => k === LAST)?.[1] as
      { run: number; userIds: string[] } | undefined
    this.lastRun = last ?? null
    this.update({})
  }

  /** Every stored original, newest run first. */
  async originals(): Promise<StoredOriginal[]> {
    if (!(await this.deps.originals.exists())) return []
    const all = await this.deps.originals.entries()
    return all
      .filter(([k]) => k !== LAST)
      .map(([, v]) => v as StoredOriginal)
      .sort((a, b) => b.run - a.run)
  }

  pause() {
    if (!this.controller || this.gate) return
    this.gate = new Promise<void>((resolve) => (this.pausedAt = { resume: resolve }))
    this.phaseBeforePause = this.progress.phase
    this.update({ phase: 'paused' })
  }

  resume() {
    const paused = this.pausedAt
    this.pausedAt = null
    this.gate = null
    paused?.resume()
    if (paused && this.progress.phase === 'paused') this.update({ phase: this.phaseBeforePause })
  }

  cancel() {
    this.controller?.abort()
    this.resume()
  }

  /** Re-encodes and saves every target's photo; returns when all are done or cancelled. */
  async fix(targets: readonly FixTarget[], cropFor: CropFor | null = null): Promise<void> {
    if (this.controller) return
    const controller = new AbortController()
    this.controller = controller
    const { signal } = controller
    const run = this.deps.now()
    this.failures = new Map()
    this.update({
      phase: 'saving-originals',
      kind: 'fix',
      done: 0,
      failed: 0,
      total: targets.length,
    })
    const preparer = this.deps.preparer()
    try {
      // Every original is on disk before the first byte is written.
      const kept: StoredOriginal[] = []
      await this.each(
        targets,
        signal,
        async (target) => {
          const user = await this.deps.getUser(target.userId, { signal })
          if (!user.photo) throw new Error('The user has no photo any more.')
          kept.push({
            userId: target.userId,
            name: user.name || target.name,
            base64: user.photo,
            run,
          })
        },
        false,
      )
      if (signal.aborted) return this.update({ phase: 'cancelled' })
      await this.deps.originals.setMany(kept.map((o) => [key(run, o.userId), o]))
      this.lastRun = { run, userIds: kept.map((o) => o.userId) }
      await this.deps.originals.set(LAST, this.lastRun)
      const failedFirst = this.failures.size
      this.update({ phase: 'writing', done: 0, failed: failedFirst })
      const request = this.deps.request()
      await this.each(kept, signal, async (original) => {
        const result = await preparer.prepare(base64ToBlob(original.base64), request, cropFor)
        if (!result.ok)
          throw new Error(`The photo could not be re-encoded (${result.problem.kind}).`)
        await this.write(original, { blob: result.jpeg }, 'review-fix', result.bytes, signal)
      })
      this.update({ phase: signal.aborted ? 'cancelled' : 'done' })
    } finally {
      preparer.dispose()
      this.controller = null
      this.gate = null
    }
  }

  /** Puts back the originals of the last fix (or of the given users' newest originals). */
  async restore(userIds?: readonly string[]): Promise<void> {
    if (this.controller) return
    const all = await this.originals()
    let chosen: StoredOriginal[]
    if (userIds) {
      const newest = new Map<string, StoredOriginal>()
      for (const o of all) if (!newest.has(o.userId)) newest.set(o.userId, o)
      chosen = userIds.map((id) => newest.get(id)).filter((o): o is StoredOriginal => !!o)
    } else {
      const run = this.lastRun?.run
      chosen = all.filter((o) => o.run === run)
    }
    const controller = new AbortController()
    this.controller = controller
    this.failures = new Map()
    this.update({ phase: 'writing', kind: 'restore', done: 0, failed: 0, total: chosen.length })
    try {
      await this.each(chosen, controller.signal, (original) =>
        this.write(
          original,
          { base64: original.base64 },
          'review-restore',
          undefined,
          controller.signal,
        ),
      )
      this.update({ phase: controller.signal.aborted ? 'cancelled' : 'done' })
    } finally {
      this.controller = null
      this.gate = null
    }
  }

  private async write(
    original: StoredOriginal,
    photo: { blob: Blob } | { base64: string },
    kind: 'review-fix' | 'review-restore',
    bytes: number | undefined,
    signal: AbortSignal,
  ) {
    const owner = this.deps.owner()
    if (!owner) throw new Error('Nobody is signed in.')
    const handle = this.deps.writer.submit({
      userId: original.userId,
      name: original.name,
      kind,
      photo,
      bytes: bytes ?? Math.floor((original.base64.length * 3) / 4),
      owner,
      durable: false,
      signal,
    })
    const outcome = await handle.done
    if (outcome.state !== 'stored')
      throw outcome.error ?? new Error(`Not saved (${outcome.state}).`)
    const base64 = 'base64' in photo ? photo.base64 : await blobToBase64(photo.blob)
    await this.deps.written(original.userId, base64)
  }

  /** Runs `task` over `items`, `concurrency` at a time, holding at a pause, stopping at cancel. */
  private async each<T extends { userId: string }>(
    items: readonly T[],
    signal: AbortSignal,
    task: (item: T) => Promise<void>,
    count = true,
  ): Promise<void> {
    let next = 0
    const worker = async () => {
      while (!signal.aborted && next < items.length) {
        if (this.gate) {
          await this.gate
          continue
        }
        const item = items[next++]!
        try {
          await task(item)
          if (!signal.aborted && count) this.update({ done: this.progress.done + 1 })
        } catch (error) {
          if (signal.aborted) return
          this.failures.set(item.userId, error)
          this.update({ failed: this.progress.failed + 1 })
        }
      }
    }
    await Promise.all(Array.from({ length: this.deps.concurrency }, worker))
  }
}
