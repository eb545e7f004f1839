import { ascii, toBytes, u16le, u24le, u32be, type BytesLike } from './bytes.ts'
import { scanJpeg } from './jpeg-info.ts'
import { sniffImageType, type ImageType } from './sniff.ts'

/** Pixel size as stored in a file header (before any EXIF rotation). */
export interface ImageSize {
  width: number
  height: number
}

/** Reading a header: a size, a need for more bytes, or garbage. */
export type HeaderRead = { status: 'ok'; size: ImageSize } | { status: 'truncated' | 'invalid' }

const TRUNCATED: HeaderRead = { status: 'truncated' }
const INVALID: HeaderRead = { status: 'invalid' }

/** Reads width and height from a JPEG, PNG or WebP header without decoding any pixel. */
export function readHeaderSize(
  data: BytesLike,
  type: ImageType = sniffImageType(data),
): HeaderRead {
  const b = toBytes(data)
  if (type === 'jpeg') {
    const scan = scanJpeg(b)
    if (scan.status !== 'ok') return scan
    return { status: 'ok', size: { width: scan.info.width, height: scan.info.height } }
  }
  if (type === 'png') return pngSize(b)
  if (type === 'webp') return webpSize(b)
  return INVALID
}

/** The header size of a JPEG, PNG or WebP, or null when it cannot be read. */
export function imageSize(data: BytesLike): ImageSize | null {
  const read = readHeaderSize(data)
  return read.status === 'ok' ? read.size : null
}

function sized(width: number, height: number): HeaderRead {
  return width > 0 && height > 0 ? { status: 'ok', size: { width, height } } : INVALID
}

// PNG: the signature, then IHDR must be the first chunk (length 13).
function pngSize(b: Uint8Array): HeaderRead {
  if (b.length < 24) return TRUNCATED
  if (ascii(b, 12, 4) !== 'IHDR' || u32be(b, 8) !== 13) return INVALID
  return sized(u32be(b, 16), u32be(b, 20))
}

// WebP: RIFF header, then a VP8 (lossy), VP8L (lossless) or VP8X (extended) chunk at 12.
function webpSize(b: Uint8Array): HeaderRead {
  if (b.length < 30) return TRUNCATED
  const chunk = ascii(b, 12, 4)
  if (chunk === 'VP8 ') {
    // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height.
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return INVALID
    return sized(u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff)
  }
  if (chunk === 'VP8L') {
    // Signature 0x2F, then width-1 and height-1 as two 14-bit fields.
    if (b[20] !== 0x2f) return INVALID
    const bits = (b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24)) >>> 0
    return sized((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1)
  }
  if (chunk === 'VP8X') return sized(u24le(b, 24) + 1, u24le(b, 27) + 1)
  return INVALID
}
