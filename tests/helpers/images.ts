import { deflateSync } from 'node:zlib'
import jpeg from 'jpeg-js'
import type { Rgb } from './y4m.ts'

// Node-side picture makers and readers for tests: every byte is generated, nothing is stored.
// Makers return Uint8Array<ArrayBuffer>, which `new Blob([...])` and `new File([...])` accept.

export type { Rgb }

/** Paints one pixel of a generated picture. */
export type Paint = (x: number, y: number) => Rgb

/** A decoded picture: RGBA bytes, row by row. */
export interface Decoded {
  width: number
  height: number
  data: Uint8Array
}

/** EXIF orientation values (1 upright ... 8). */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8

/** A baseline 4:4:4 JPEG painted pixel by pixel (jpeg-js; no EXIF). */
export function makeJpeg(
  width: number,
  height: number,
  paint: Paint,
  quality = 90,
): Uint8Array<ArrayBuffer> {
  const data = Buffer.alloc(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = paint(x, y)
      const i = (y * width + x) * 4
      data[i] = r
      data[i + 1] = g
      data[i + 2] = b
      data[i + 3] = 255
    }
  }
  return new Uint8Array(jpeg.encode({ width, height, data }, quality).data)
}

/** Decodes a JPEG in Node (jpeg-js), RGBA. */
export function decodeJpeg(bytes: Uint8Array): Decoded {
  const { width, height, data } = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true })
  return { width, height, data }
}

/** The RGB colour at (x, y) of a decoded picture (RGBA rows, as from jpeg-js or ImageData). */
export function colourAt(decoded: Decoded, x: number, y: number): Rgb {
  const i = (Math.floor(y) * decoded.width + Math.floor(x)) * 4
  return [decoded.data[i]!, decoded.data[i + 1]!, decoded.data[i + 2]!]
}

/** Inserts an EXIF APP1 segment holding only an orientation tag right after the JPEG's SOI. */
export function withExifOrientation(
  jpegBytes: Uint8Array,
  orientation: Orientation,
): Uint8Array<ArrayBuffer> {
  if (jpegBytes[0] !== 0xff || jpegBytes[1] !== 0xd8) throw new Error('not a JPEG')
  // "Exif\0\0", then a big-endian TIFF header and IFD0 with one SHORT entry: 0x0112 orientation.
  const tiff = [
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0x00,
    0x00,
    0x00,
    0x08, // MM, 42, IFD0 at offset 8
    0x00,
    0x01, // one entry
    0x01,
    0x12,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x01, // tag 0x0112, type SHORT, count 1
    0x00,
    orientation,
    0x00,
    0x00, // the value, left-justified in four bytes
    0x00,
    0x00,
    0x00,
    0x00, // no next IFD
  ]
  const payload = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff]
  const length = payload.length + 2
  const app1 = [0xff, 0xe1, length >> 8, length & 0xff, ...payload]
  return concat(jpegBytes.subarray(0, 2), new Uint8Array(app1), jpegBytes.subarray(2))
}

/**
 * Where stored pixel (x, y) of a `width` x `height` stored picture lands once a viewer applies
 * EXIF `orientation` (5-8 swap the sides).
 */
export function orientedPoint(
  orientation: Orientation,
  x: number,
  y: number,
  width: number,
  height: number,
): [number, number] {
  switch (orientation) {
    case 2:
      return [width - 1 - x, y]
    case 3:
      return [width - 1 - x, height - 1 - y]
    case 4:
      return [x, height - 1 - y]
    case 5:
      return [y, x]
    case 6:
      return [height - 1 - y, x]
    case 7:
      return [height - 1 - y, width - 1 - x]
    case 8:
      return [y, width - 1 - x]
    default:
      return [x, y]
  }
}

/**
 * A JPEG with EXIF `orientation` whose pixels are stored pre-transformed, so that a viewer that
 * honours the tag exactly once shows `paint` upright at `width` x `height`.
 */
export function makeOrientedJpeg(
  width: number,
  height: number,
  paint: Paint,
  orientation: Orientation,
  quality = 92,
): Uint8Array<ArrayBuffer> {
  const swapped = orientation >= 5
  const sw = swapped ? height : width
  const sh = swapped ? width : height
  const stored = makeJpeg(
    sw,
    sh,
    (x, y) => paint(...orientedPoint(orientation, x, y, sw, sh)),
    quality,
  )
  return withExifOrientation(stored, orientation)
}

/** A PNG (RGB, no alpha) painted pixel by pixel, 8 or 16 bits per sample. */
export function makePng(
  width: number,
  height: number,
  paint: Paint,
  { bitDepth = 8 }: { bitDepth?: 8 | 16 } = {},
): Uint8Array<ArrayBuffer> {
  const bytesPerSample = bitDepth / 8
  const stride = 1 + width * 3 * bytesPerSample
  const raw = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0 // filter: none
    for (let x = 0; x < width; x++) {
      const rgb = paint(x, y)
      for (let c = 0; c < 3; c++) {
        const at = y * stride + 1 + (x * 3 + c) * bytesPerSample
        // 16-bit: v * 257 maps 0..255 onto 0..65535 exactly.
        if (bitDepth === 16) raw.writeUInt16BE(rgb[c]! * 257, at)
        else raw[at] = rgb[c]!
      }
    }
  }
  return concat(
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr(width, height, bitDepth)),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', new Uint8Array(0)),
  )
}

/** A tiny PNG whose IHDR declares `width` x `height` (no pixel data): for size checks only. */
export function pngHeaderOnly(width: number, height: number): Uint8Array<ArrayBuffer> {
  return concat(PNG_SIGNATURE, pngChunk('IHDR', ihdr(width, height, 8)))
}

/** The first bytes of a WebP file of the given kind declaring `width` x `height`. */
export function webpHeaderOnly(
  width: number,
  height: number,
  kind: 'VP8' | 'VP8L' | 'VP8X',
): Uint8Array<ArrayBuffer> {
  const b = Buffer.alloc(30)
  b.write('RIFF', 0, 'latin1')
  b.writeUInt32LE(22, 4)
  b.write('WEBP', 8, 'latin1')
  b.write(kind.padEnd(4, ' '), 12, 'latin1')
  b.writeUInt32LE(10, 16)
  if (kind === 'VP8') {
    b.set([0x9d, 0x01, 0x2a], 23)
    b.writeUInt16LE(width, 26)
    b.writeUInt16LE(height, 28)
  } else if (kind === 'VP8L') {
    b[20] = 0x2f
    b.writeUInt32LE(((width - 1) | ((height - 1) << 14)) >>> 0, 21)
  } else {
    b.writeUIntLE(width - 1, 24, 3)
    b.writeUIntLE(height - 1, 27, 3)
  }
  return new Uint8Array(b)
}

/** A JPEG start (SOI, an APP0, a frame header) with no image data: for header parsing only. */
export function jpegHeaderOnly(
  width: number,
  height: number,
  { progressive = false, components = 3 }: { progressive?: boolean; components?: number } = {},
): Uint8Array<ArrayBuffer> {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]
  const sofLength = 8 + 3 * components
  const sof = [0xff, progressive ? 0xc2 : 0xc0, sofLength >> 8, sofLength & 0xff, 8]
  sof.push(height >> 8, height & 0xff, width >> 8, width & 0xff, components)
  for (let c = 1; c <= components; c++) sof.push(c, 0x11, 0)
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof])
}

/**
 * A baseline CMYK JPEG (Adobe APP14, inverted CMYK as Photoshop writes it), which jpeg-js cannot
 * make. Each 8x8 block is one flat colour (painted at the block's centre): DC-only blocks keep
 * this encoder tiny and the colours exact. Keep quadrant edges on multiples of 8.
 */
export function makeCmykJpeg(width: number, height: number, paint: Paint): Uint8Array<ArrayBuffer> {
  const out: number[] = [0xff, 0xd8]
  const segment = (marker: number, body: number[]) =>
    out.push(0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body)
  // APP14 "Adobe": version 100, flags 0, transform 0 (CMYK stored as is, no YCCK).
  segment(0xee, [0x41, 0x64, 0x6f, 0x62, 0x65, 0x00, 0x64, 0, 0, 0, 0, 0])
  // One quantisation table of ones: DC values are stored exactly.
  segment(0xdb, [0x00, ...new Array<number>(64).fill(1)])
  const sof = [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 4]
  for (let c = 1; c <= 4; c++) sof.push(c, 0x11, 0)
  segment(0xc0, sof)
  // DC: the standard luminance table (categories 0-11). AC: two 2-bit codes, EOB is "00".
  segment(0xc4, [
    0x00,
    ...DC_BITS,
    ...DC_VALUES,
    0x10,
    0,
    2,
    ...new Array<number>(14).fill(0),
    0x00,
    0x01,
  ])
  segment(0xda, [4, 1, 0x00, 2, 0x00, 3, 0x00, 4, 0x00, 0, 63, 0])

  const dcCodes = huffmanCodes(DC_BITS, DC_VALUES)
  const bits = new BitWriter(out)
  const previous = [0, 0, 0, 0]
  for (let by = 0; by < Math.ceil(height / 8); by++) {
    for (let bx = 0; bx < Math.ceil(width / 8); bx++) {
      const x = Math.min(bx * 8 + 4, width - 1)
      const y = Math.min(by * 8 + 4, height - 1)
      const cmyk = invertedCmyk(paint(x, y))
      for (let c = 0; c < 4; c++) {
        // A flat block's DC coefficient is 8 x (value - 128).
        const dc = 8 * (cmyk[c]! - 128)
        const diff = dc - previous[c]!
        previous[c] = dc
        const category = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1
        const code = dcCodes.get(category)!
        bits.write(code.code, code.length)
        if (category > 0) bits.write(diff > 0 ? diff : diff + (1 << category) - 1, category)
        bits.write(0b00, 2) // EOB: no AC coefficients
      }
    }
  }
  bits.flush()
  out.push(0xff, 0xd9)
  return new Uint8Array(out)
}

const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]

// RGB to Adobe's inverted CMYK: stored c' = 255 - C, and a decoder computes R = c' * k' / 255.
function invertedCmyk([r, g, b]: Rgb): [number, number, number, number] {
  const k = Math.max(r, g, b)
  if (k === 0) return [0, 0, 0, 0]
  return [Math.round((r * 255) / k), Math.round((g * 255) / k), Math.round((b * 255) / k), k]
}

function huffmanCodes(
  bits: number[],
  values: number[],
): Map<number, { code: number; length: number }> {
  const codes = new Map<number, { code: number; length: number }>()
  let code = 0
  let k = 0
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < bits[length - 1]!; i++) codes.set(values[k++]!, { code: code++, length })
    code <<= 1
  }
  return codes
}

class BitWriter {
  private buffer = 0
  private count = 0
  private readonly out: number[]

  constructor(out: number[]) {
    this.out = out
  }

  write(value: number, length: number) {
    for (let i = length - 1; i >= 0; i--) {
      this.buffer = (this.buffer << 1) | ((value >> i) & 1)
      if (++this.count === 8) this.emit()
    }
  }

  flush() {
    // Pad the last byte with 1 bits, as the standard asks.
    while (this.count !== 0) this.write(1, 1)
  }

  private emit() {
    this.out.push(this.buffer)
    // A 0xFF in entropy data is followed by a stuffed 0x00.
    if (this.buffer === 0xff) this.out.push(0x00)
    this.buffer = 0
    this.count = 0
  }
}

const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function ihdr(width: number, height: number, bitDepth: number): Uint8Array<ArrayBuffer> {
  const b = Buffer.alloc(13)
  b.writeUInt32BE(width, 0)
  b.writeUInt32BE(height, 4)
  b[8] = bitDepth
  b[9] = 2 // colour type: RGB
  return new Uint8Array(b) // compression, filter, interlace: 0
}

function pngChunk(type: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(concat(head.subarray(4), data)), 0)
  return concat(head, data, crc)
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

/** CRC-32 as PNG chunks use it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** Concatenates byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
