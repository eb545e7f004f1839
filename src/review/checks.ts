import {
  DEVICE_PHOTO_LIMIT,
  readHeaderSize,
  scanJpeg,
  sniffImageType,
  type ImageType,
} from '@/photo/index.ts'

/**
 * What the review flags on a photo; these ids name the filters, the badges and the CSV column.
 * too-large, not-baseline and not-jpeg are what "Make device-safe" fixes.
 */
export type Problem =
  | 'too-large'
  | 'not-baseline'
  | 'not-jpeg'
  | 'unreadable'
  | 'low-resolution'
  | 'no-face'
  | 'several-faces'
  | 'face-framing'
  | 'duplicate'
  | 'no-photo'

/** In the order the screen lists them. */
export const PROBLEMS: readonly Problem[] = [
  'too-large',
  'not-baseline',
  'not-jpeg',
  'unreadable',
  'low-resolution',
  'no-face',
  'several-faces',
  'face-framing',
  'duplicate',
  'no-photo',
]

/** What re-encoding with the desk's encoder cures. */
export const FIXABLE: ReadonlySet<Problem> = new Set(['too-large', 'not-baseline', 'not-jpeg'])

/** Readers show a photo small, but under 200 px on the shorter side faces are hard to tell. */
export const LOW_RESOLUTION_SIDE = 200

/** What the byte checks learn about one photo. */
export interface PhotoFacts {
  bytes: number
  type: ImageType
  width: number | null
  height: number | null
  problems: Problem[]
}

/**
 * The byte checks: the reader's rules (as deviceFit names them: slot size, baseline JPEG only),
 * whether the header can be read at all, and the pixel size. From the decoded bytes, with one walk
 * over the JPEG markers (deviceFit works on base64 and would decode and walk again). No pixel is
 * decoded (the face pass does that).
 */
export function checkPhoto(bytes: Uint8Array): PhotoFacts {
  if (bytes.length === 0)
    return { bytes: 0, type: 'unknown', width: null, height: null, problems: ['no-photo'] }
  const type = sniffImageType(bytes.subarray(0, 1024))
  const jpeg = type === 'jpeg' ? scanJpeg(bytes) : null
  const header = jpeg ?? readHeaderSize(bytes, type)
  const problems: Problem[] = []
  if (bytes.length > DEVICE_PHOTO_LIMIT) problems.push('too-large')
  if (type !== 'jpeg') problems.push('not-jpeg')
  let width: number | null = null
  let height: number | null = null
  if (header.status === 'ok') {
    ;({ width, height } = 'info' in header ? header.info : header.size)
    if (jpeg?.status === 'ok' && !jpeg.info.baseline) problems.push('not-baseline')
    if (Math.min(width, height) < LOW_RESOLUTION_SIDE) problems.push('low-resolution')
  } else {
    // A JPEG whose frame cannot be found is not "progressive": it cannot be read at all.
    problems.push('unreadable')
  }
  return { bytes: bytes.length, type, width, height, problems }
}

/** SHA-256 of the bytes as lowercase hex (Web Crypto: the page, a Worker and Node have it). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}
