import { base64ByteLength, base64ToBytes, cleanBase64 } from './base64.ts'
import { scanJpeg } from './jpeg-info.ts'
import { DEVICE_PHOTO_LIMIT } from './limits.ts'
import { sniffImageType } from './sniff.ts'

/** Why a reader may not show a stored photo (the desk and the photo review name them). */
export type DeviceProblem = 'too-large' | 'not-baseline' | 'not-jpeg'

/** What readers make of a stored photo: nothing to show, fine, or its problems. */
export type DeviceFit =
  | { kind: 'none' }
  | { kind: 'ok'; bytes: number }
  | { kind: 'unfit'; bytes: number; problems: DeviceProblem[] }

/** 64 KiB of bytes: the frame header follows at most an EXIF block, so no need to decode 10 MB. */
const HEAD_CHARS = 87_384

/**
 * Checks a photo as BioStar stores it (base64) against what readers take: at most the 16 KiB
 * slot, and a baseline JPEG (readers decode nothing else). BioStar's own dialog accepts up to
 * 10 MB, so old photos often fail here although BioStar shows them.
 */
export function deviceFit(base64: string | null | undefined): DeviceFit {
  const text = base64 ? cleanBase64(base64) : ''
  const bytes = base64ByteLength(text)
  if (bytes === 0) return { kind: 'none' }
  const problems: DeviceProblem[] = []
  if (bytes > DEVICE_PHOTO_LIMIT) problems.push('too-large')
  if (sniffImageType(base64ToBytes(text.slice(0, 64))) !== 'jpeg') problems.push('not-jpeg')
  else if (!isBaseline(text)) problems.push('not-baseline')
  return problems.length ? { kind: 'unfit', bytes, problems } : { kind: 'ok', bytes }
}

function isBaseline(text: string): boolean {
  let scan = scanJpeg(base64ToBytes(text.slice(0, HEAD_CHARS)))
  if (scan.status === 'truncated' && text.length > HEAD_CHARS) scan = scanJpeg(base64ToBytes(text))
  return scan.status === 'ok' && scan.info.baseline
}
