import { ascii, toBytes, type BytesLike } from './bytes.ts'

/** What a file is, judged by its first bytes. */
export type ImageType =
  'jpeg' | 'png' | 'webp' | 'gif' | 'heic' | 'avif' | 'svg' | 'bmp' | 'tiff' | 'unknown'

/** How many leading bytes `sniffImageType` looks at (SVG may open with a long XML prolog). */
export const SNIFF_BYTES = 1024

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs'])
const AVIF_BRANDS = new Set(['avif', 'avis'])

/** The image type from magic bytes; the file name and the browser's MIME guess are ignored. */
export function sniffImageType(data: BytesLike): ImageType {
  const b = toBytes(data)
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg'
  if (b.length >= 8 && ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png'
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp'
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return 'gif'
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp') return isoBrand(b)
  if (b.length >= 4 && (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*')) return 'tiff'
  // 'BM' alone is too weak: also require the reserved zero bytes and a sane pixel offset.
  if (b.length >= 14 && ascii(b, 0, 2) === 'BM' && b[6] === 0 && b[7] === 0 && b[8] === 0)
    return 'bmp'
  if (looksLikeSvg(b)) return 'svg'
  return 'unknown'
}

/** HEIF and AVIF share the ISO-BMFF `ftyp` box; the major and compatible brands tell them apart. */
function isoBrand(b: Uint8Array): ImageType {
  const boxSize = Math.min(((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0, b.length)
  const brands = [ascii(b, 8, 4)]
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(b, at, 4))
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return 'avif'
  if (brands.some((brand) => HEIC_BRANDS.has(brand))) return 'heic'
  // 'mif1' / 'msf1' without a codec brand: still a HEIF container, and Safari cannot help either.
  if (brands.includes('mif1') || brands.includes('msf1')) return 'heic'
  return 'unknown'
}

function looksLikeSvg(b: Uint8Array): boolean {
  const text = ascii(b, 0, Math.min(b.length, SNIFF_BYTES))
    .replace(/^\xef\xbb\xbf/, '')
    .trimStart()
  if (!text.startsWith('<')) return false
  return /<svg[\s>]/i.test(text)
}
