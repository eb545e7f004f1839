import { readHeaderSize } from './header.ts'
import { MAX_FILE_BYTES, MAX_PIXELS } from './limits.ts'
import { sniffImageType, SNIFF_BYTES, type ImageType } from './sniff.ts'

/** The types the pipeline accepts: every browser decodes them. */
export type AcceptedType = 'jpeg' | 'png' | 'webp'

/** Why a file was refused; each maps to a translated message that says what to do. */
export type RejectReason =
  | 'empty'
  | 'too-large-bytes'
  | 'too-many-pixels'
  | 'heic'
  | 'gif'
  | 'svg'
  | 'unsupported'
  | 'unreadable-header'

/** Figures a refusal message can quote. */
export interface RejectDetail {
  type?: ImageType
  bytes?: number
  width?: number
  height?: number
  /** The limit that was crossed (bytes or pixels, matching the reason). */
  limit?: number
}

/** The verdict on a picked or dropped file, reached without decoding it. */
export type FileCheck =
  | { ok: true; type: AcceptedType; width: number; height: number; bytes: number }
  | { ok: false; reason: RejectReason; detail?: RejectDetail }

/** MIME types for an `<input accept>`: iOS then transcodes HEIC to JPEG on upload. */
export const ACCEPT_ATTRIBUTE = 'image/jpeg,image/png,image/webp'

// Header reads grow until the frame header is found; a JPEG's EXIF and ICC segments can be large.
const READ_STEPS = [64 * 1024, 1024 * 1024]

/** Checks a file's type, size and pixel count from its first bytes, before any decoding. */
export async function inspectFile(file: Blob): Promise<FileCheck> {
  const bytes = file.size
  if (bytes === 0) return { ok: false, reason: 'empty' }
  if (bytes > MAX_FILE_BYTES)
    return { ok: false, reason: 'too-large-bytes', detail: { bytes, limit: MAX_FILE_BYTES } }

  let head = await readHead(file, Math.min(bytes, Math.max(SNIFF_BYTES, READ_STEPS[0]!)))
  const type = sniffImageType(head)
  if (type === 'heic' || type === 'gif' || type === 'svg')
    return { ok: false, reason: type, detail: { type, bytes } }
  if (type !== 'jpeg' && type !== 'png' && type !== 'webp')
    return { ok: false, reason: 'unsupported', detail: { type, bytes } }

  let read = readHeaderSize(head, type)
  for (const step of [...READ_STEPS.slice(1), bytes]) {
    if (read.status !== 'truncated' || head.length >= bytes) break
    head = await readHead(file, Math.min(step, bytes))
    read = readHeaderSize(head, type)
  }
  if (read.status !== 'ok')
    return { ok: false, reason: 'unreadable-header', detail: { type, bytes } }

  const { width, height } = read.size
  if (width * height > MAX_PIXELS)
    return {
      ok: false,
      reason: 'too-many-pixels',
      detail: { type, bytes, width, height, limit: MAX_PIXELS },
    }
  return { ok: true, type, width, height, bytes }
}

async function readHead(file: Blob, length: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, length).arrayBuffer())
}
