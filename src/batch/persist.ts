import { readErrorData } from '@/api/errors.ts'
import type { KeyValueStore } from '@/storage/idb.ts'
import type { BatchRow } from './rows.ts'

/** What is kept of the batch besides its rows. */
export interface QueueMeta {
  version: 1
  /** The operator who made the batch: another operator never sees it. */
  owner: string
  /** Row keys in list order. */
  order: string[]
  overwrite: boolean
  concurrency: number
  /** Whether an upload run was going on (it comes back paused). */
  running: boolean
  nextKey: number
}

export interface SavedQueue {
  meta: QueueMeta
  rows: BatchRow[]
  /** Prepared JPEGs not yet sent, by row key. */
  jpegs: Map<string, Blob>
  thumbs: Map<string, Blob>
}

const META = 'meta'
const ROW = 'row:'
const JPEG = 'jpeg:'
const THUMB = 'thumb:'

/**
 * Writes the batch behind a short debounce: row changes are collected and written together,
 * Blobs (prepared JPEG, thumbnail) with their row. A sent photo's JPEG is deleted at once.
 */
export class QueuePersister {
  private dirty = new Set<string>()
  private blobs = new Map<string, Blob>()
  private deletes = new Set<string>()
  private meta: QueueMeta | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private writing: Promise<void> = Promise.resolve()
  private disabled = false

  constructor(
    private readonly storage: KeyValueStore,
    private readonly rowByKey: (key: string) => BatchRow | undefined,
    private readonly debounceMs = 200,
  ) {}

  /** A row changed (its JSON is read when written, so many changes make one write). */
  row(key: string): void {
    this.dirty.add(ROW + key)
    this.deletes.delete(ROW + key)
    this.schedule()
  }

  jpeg(key: string, blob: Blob | null): void {
    this.blob(JPEG + key, blob)
  }

  thumb(key: string, blob: Blob | null): void {
    this.blob(THUMB + key, blob)
  }

  removeRow(key: string): void {
    for (const k of [ROW + key, JPEG + key, THUMB + key]) {
      this.dirty.delete(k)
      this.blobs.delete(k)
      this.deletes.add(k)
    }
    this.schedule()
  }

  setMeta(meta: QueueMeta): void {
    this.meta = meta
    this.schedule()
  }

  private blob(key: string, blob: Blob | null): void {
    if (blob) {
      this.blobs.set(key, blob)
      this.deletes.delete(key)
    } else {
      this.blobs.delete(key)
      this.deletes.add(key)
    }
    this.schedule()
  }

  private schedule(): void {
    if (this.disabled || this.timer) return
    this.timer = setTimeout(() => void this.flush(), this.debounceMs)
  }

  /** Writes everything pending now. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.disabled) return this.writing
    const puts: Array<[string, unknown]> = []
    for (const key of this.dirty) {
      const row = this.rowByKey(key.slice(ROW.length))
      // Rows are plain JSON; the round trip also strips any reactive proxy, which IndexedDB
      // (structured clone) refuses.
      if (row) puts.push([key, JSON.parse(JSON.stringify(row))])
    }
    for (const [key, blob] of this.blobs) puts.push([key, blob])
    if (this.meta) puts.push([META, { ...this.meta, order: [...this.meta.order] }])
    const deletes = [...this.deletes]
    this.dirty.clear()
    this.blobs.clear()
    this.deletes.clear()
    this.meta = null
    if (puts.length === 0 && deletes.length === 0) return this.writing
    // Writes go one after another, so an older write never lands after a newer one.
    this.writing = this.writing.then(async () => {
      try {
        if (deletes.length) await this.storage.delMany(deletes)
        if (puts.length) await this.storage.setMany(puts)
      } catch {
        // A full or unavailable disk loses only the reload-survival, never the batch itself.
      }
    })
    return this.writing
  }

  /** Loads a saved batch, or null. Rows come back in their list order. */
  async load(): Promise<SavedQueue | null> {
    // Looking must not create an empty database.
    if (!(await this.storage.exists())) return null
    const all = await this.storage.entries()
    const map = new Map(all)
    const meta = map.get(META) as QueueMeta | undefined
    if (!meta || meta.version !== 1) return null
    const rows: BatchRow[] = []
    const jpegs = new Map<string, Blob>()
    const thumbs = new Map<string, Blob>()
    for (const key of meta.order) {
      const row = map.get(ROW + key) as BatchRow | undefined
      if (!row) continue
      rows.push(row)
      const jpeg = map.get(JPEG + key)
      const thumb = map.get(THUMB + key)
      if (jpeg instanceof Blob) jpegs.set(key, jpeg)
      if (thumb instanceof Blob) thumbs.set(key, thumb)
    }
    return { meta, rows, jpegs, thumbs }
  }

  /** Forgets pending writes and deletes the stored batch; later writes start afresh. */
  async wipe(): Promise<void> {
    this.disabled = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.dirty.clear()
    this.blobs.clear()
    this.deletes.clear()
    this.meta = null
    await this.writing
    await this.storage.destroy()
    this.disabled = false
  }
}

/**
 * A row as it comes back after a reload: work that was under way cannot simply go on. A file
 * not yet prepared is gone (only prepared JPEGs are kept), a check is asked again, and a PUT
 * that was in flight is checked against the server before it is sent again.
 */
export function reviveRow(row: BatchRow, hasJpeg: boolean): BatchRow {
  const revived = { ...row, candidates: [...row.candidates] }
  if (revived.problem?.kind === 'api')
    revived.problem = { kind: 'api', error: readErrorData(revived.problem.error) }
  if (revived.check === 'checking') revived.check = 'pending'
  if (revived.prep === 'pending' || revived.prep === 'working') revived.prep = 'missing'
  if (revived.prep === 'done' && !hasJpeg && revived.upload !== 'saved') revived.prep = 'missing'
  if (revived.prep === 'missing' && revived.userId !== null)
    revived.problem = { kind: 'missing-file' }
  if (revived.upload === 'sending' || (revived.leased && revived.upload === 'idle')) {
    revived.upload = 'idle'
    revived.interrupted = true
    if (revived.check === 'found') revived.check = 'pending'
  }
  revived.leased = false
  return revived
}
