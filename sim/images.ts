// Checks on base64 image payloads: the wire rules for `photo` and `template_ex_picture`.

export type ImageKind = 'jpeg' | 'png'

export type DecodedImage =
  | {
      ok: true
      bytes: Buffer
      kind: ImageKind
      /** The base64 without whitespace. */
      base64: string
    }
  | { ok: false; message: string }

/** What to do with line breaks and spaces inside base64 (SimOptions.base64Whitespace). */
export type Base64Whitespace = 'refuse' | 'accept'

/** The device SDK keeps profile photos in a 16 KB buffer (BS2_USER_PHOTO_SIZE). */
export const DEVICE_PHOTO_LIMIT = 16 * 1024

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

function sniffOther(bytes: Buffer): string | undefined {
  const ascii = bytes.subarray(0, 6).toString('latin1')
  if (ascii.startsWith('GIF8')) return 'GIF'
  if (ascii.startsWith('BM')) return 'BMP'
  if (ascii.startsWith('RIFF') && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'WebP'
  return undefined
}

export function sniffImage(bytes: Buffer): ImageKind | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'jpeg'
  }
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'png'
  return undefined
}

/** Decodes raw base64 (no data: prefix) and insists on JPEG or PNG magic bytes. */
export function decodeImage(
  value: unknown,
  whitespace: Base64Whitespace,
  label = 'Photo',
): DecodedImage {
  if (typeof value !== 'string') return { ok: false, message: `${label} must be a base64 string.` }
  if (/^\s*data:/i.test(value)) {
    return { ok: false, message: `${label} must be raw base64 without a "data:" prefix.` }
  }
  // MIME encoders break lines every 76 characters; whether BioStar takes that is unknown.
  if (whitespace === 'refuse' && /\s/.test(value)) {
    return { ok: false, message: `${label} holds line breaks or spaces; send base64 without them.` }
  }
  const compact = value.replace(/\s+/g, '')
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    return { ok: false, message: `${label} is not valid base64.` }
  }
  const bytes = Buffer.from(compact, 'base64')
  const kind = sniffImage(bytes)
  if (!kind) {
    const other = sniffOther(bytes)
    const got = other ? ` (got ${other})` : ''
    return { ok: false, message: `${label} must be a JPEG or PNG image${got}.` }
  }
  return { ok: true, bytes, kind, base64: compact }
}

/** Pixel size from the JPEG SOF segment or the PNG IHDR chunk; undefined when unreadable. */
export function imageSize(
  bytes: Buffer,
  kind: ImageKind,
): { width: number; height: number } | undefined {
  if (kind === 'png') {
    if (bytes.length < 24 || bytes.subarray(12, 16).toString('latin1') !== 'IHDR') return undefined
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
  }
  let i = 2
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return undefined
    const marker = bytes[i + 1] ?? 0
    if (marker === 0xff) {
      i += 1
      continue
    }
    const isSof = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)
    if (isSof) {
      if (i + 9 > bytes.length) return undefined
      return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) }
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2
      continue
    }
    i += 2 + bytes.readUInt16BE(i + 2)
  }
  return undefined
}
