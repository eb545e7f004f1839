import { toCsv } from '@/export/csv.ts'
import { zipStream } from '@/export/zip.ts'
import type { Problem } from './checks.ts'
import type { ReviewEntry } from './report.ts'

/** What the ZIP's photos.csv holds, one row per photo. */
export const ZIP_CSV_COLUMNS = ['user_id', 'name', 'bytes', 'sha256', 'problems'] as const

/** `<user_id>.jpg` or `.png`: the names Batch import reads the user ID from. */
export function zipName(userId: string, type: string): string {
  const ext = type === 'png' ? 'png' : type === 'jpeg' ? 'jpg' : 'bin'
  return `${userId}.${ext}`
}

export interface ZipOptions {
  /** The photo as the scan kept it. */
  photo(userId: string): Promise<Blob | undefined>
  /** Problem names for photos.csv. */
  label(problem: Problem): string
  onProgress?(done: number, total: number): void
  signal?: AbortSignal
}

/**
 * Every photo of `entries` as `<user_id>.jpg/.png`, then photos.csv, as a ZIP stream: one
 * photo is read from IndexedDB when the writer is ready for it, so memory stays bounded
 * whatever the count.
 */
export function photosZip(
  entries: readonly ReviewEntry[],
  options: ZipOptions,
): ReadableStream<Uint8Array> {
  const withPhoto = entries.filter((e) => e.hasPhoto && e.sha256)
  const lastModified = new Date()
  async function* files() {
    const rows: (string | number)[][] = [[...ZIP_CSV_COLUMNS]]
    let done = 0
    for (const entry of withPhoto) {
      if (options.signal?.aborted) return
      const blob = await options.photo(entry.userId)
      if (!blob) continue
      rows.push([
        entry.userId,
        entry.name,
        entry.bytes,
        entry.sha256,
        entry.problems.map(options.label).join('; '),
      ])
      yield { name: zipName(entry.userId, entry.type), lastModified, input: blob }
      options.onProgress?.(++done, withPhoto.length)
    }
    yield { name: 'photos.csv', lastModified, input: toCsv(rows) }
  }
  return zipStream(files())
}

/**
 * Originals (newest first, as PhotoFixer.originals() gives them) as a ZIP, `<user_id>.jpg/.png`,
 * one per user: the oldest, from before any fix.
 */
export function originalsZip(
  originals: readonly { userId: string; base64: string }[],
  decode: (base64: string) => Blob,
): ReadableStream<Uint8Array> {
  const lastModified = new Date()
  // A user fixed twice has two: the oldest is the photo from before any fix.
  const oldest = new Map<string, { userId: string; base64: string }>()
  for (const original of originals) oldest.set(original.userId, original)
  async function* files() {
    for (const original of oldest.values()) {
      const blob = decode(original.base64)
      const type = original.base64.startsWith('iVBOR') ? 'png' : 'jpeg'
      yield { name: zipName(original.userId, type), lastModified, input: blob }
    }
  }
  return zipStream(files())
}
