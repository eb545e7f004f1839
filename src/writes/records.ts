import { readErrorData, type ErrorData } from '@/api/errors.ts'
import { readOwner } from './owners.ts'
import type { WriteKind, WriteOwner, WritePhoto } from './types.ts'

// How a durable write is kept in IndexedDB: one record per write, its photo and its place in
// the order (seq) in the same record, so the order survives a reload with the photo itself.

/** The IndexedDB database and store of the durable writes (the offline queue). */
export const WRITES_DB = 'photo-desk-pending'
export const WRITES_STORE = 'saves'

/** The desk's writes are the durable ones. */
export type DurableKind = Extract<WriteKind, 'save' | 'remove' | 'undo'>

export interface StoredWrite {
  v: 2
  /** Order of making: a newer write of a user has a larger seq. */
  seq: number
  userId: string
  name: string
  kind: DurableKind
  /** JPEG bytes; base64 (undo, or a save stored by an older version); null removes. */
  photo: Blob | string | null
  bytes?: number
  owner?: WriteOwner
  createdAt: number
  /** It could not go at once (offline, BioStar busy): when stored, the log says "resend". */
  waited?: boolean
  /** BioStar refused it for good: it is not sent again unless its operator asks. */
  refused?: ErrorData
  checks?: string[]
}

/** A record read back, with its key. */
export interface LoadedWrite extends StoredWrite {
  id: string
}

const KINDS = new Set<string>(['save', 'remove', 'undo'])

/**
 * A stored record as a write, or null when it is not one. Records of the older offline queue
 * (`{ userId, name, base64, bytes, createdAt, owner?, refused? }`, keyed by user) read as saves
 * that waited, in the order they were made.
 */
export function readRecord(key: string, value: unknown): LoadedWrite | null {
  const v = value as Record<string, unknown> | null
  if (!v || typeof v !== 'object' || typeof v.userId !== 'string' || !v.userId) return null
  const createdAt = typeof v.createdAt === 'number' ? v.createdAt : 0
  const common = {
    id: key,
    userId: v.userId,
    name: typeof v.name === 'string' ? v.name : '',
    createdAt,
    ...(typeof v.bytes === 'number' ? { bytes: v.bytes } : {}),
  }
  let write: LoadedWrite
  if (v.v === 2) {
    const photo = v.photo
    const photoOk = photo === null || typeof photo === 'string' || photo instanceof Blob
    if (typeof v.kind !== 'string' || !KINDS.has(v.kind) || !photoOk) return null
    if (typeof v.seq !== 'number' || !Number.isFinite(v.seq)) return null
    write = { ...common, v: 2, seq: v.seq, kind: v.kind as DurableKind, photo }
    if (v.waited === true) write.waited = true
    if (Array.isArray(v.checks)) write.checks = v.checks.filter((c) => typeof c === 'string')
  } else {
    if (typeof v.base64 !== 'string' || !v.base64) return null
    write = { ...common, v: 2, seq: createdAt, kind: 'save', photo: v.base64, waited: true }
  }
  const owner = readOwner(v.owner)
  if (owner) write.owner = owner
  if (v.refused !== undefined) write.refused = readErrorData(v.refused)
  return write
}

/** The photo a record holds, as a write carries it. */
export function photoOf(record: StoredWrite): WritePhoto {
  if (record.photo === null) return null
  return typeof record.photo === 'string' ? { base64: record.photo } : { blob: record.photo }
}

/** The photo as the record keeps it. */
export function storedPhoto(photo: WritePhoto): Blob | string | null {
  if (photo === null) return null
  return 'blob' in photo ? photo.blob : photo.base64
}
