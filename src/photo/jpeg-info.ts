import { toBytes, u16be, type BytesLike } from './bytes.ts'

/** What a JPEG's frame header says. */
export interface JpegInfo {
  width: number
  height: number
  /** SOF2/6/10/14: progressive scans (some older readers cannot show these). */
  progressive: boolean
  /** SOF0: baseline sequential, the safest choice for a device. */
  baseline: boolean
  /** 1 grey, 3 YCbCr, 4 CMYK/YCCK. */
  components: number
  /** Bits per sample (8 for almost every JPEG, 12 for some medical ones). */
  precision: number
}

/** Outcome of scanning a JPEG's markers: the frame, a need for more bytes, or garbage. */
export type JpegScan = { status: 'ok'; info: JpegInfo } | { status: 'truncated' | 'invalid' }

// SOFn markers C0-CF carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc

/** Walks the marker segments up to the first SOFn; never touches the entropy-coded data. */
export function scanJpeg(data: BytesLike): JpegScan {
  const b = toBytes(data)
  if (b.length < 4) return { status: 'truncated' }
  if (b[0] !== 0xff || b[1] !== 0xd8) return { status: 'invalid' }
  let at = 2
  for (;;) {
    if (at >= b.length) return { status: 'truncated' }
    // libjpeg skips stray bytes before a marker (with a warning), so browsers show such files.
    while (at < b.length && b[at] !== 0xff) at++
    // Any number of 0xFF fill bytes may precede a marker.
    while (at < b.length && b[at] === 0xff) at++
    if (at >= b.length) return { status: 'truncated' }
    const marker = b[at]!
    at++
    // Standalone markers carry no length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue
    // Image data or the end before any frame header: not a usable JPEG.
    if (marker === 0xda || marker === 0xd9 || marker === 0xd8 || marker === 0x00)
      return { status: 'invalid' }
    const length = u16be(b, at)
    if (length < 0) return { status: 'truncated' }
    if (length < 2) return { status: 'invalid' }
    if (isSof(marker)) {
      if (at + 8 > b.length) return { status: 'truncated' }
      const precision = b[at + 2]!
      const height = u16be(b, at + 3)
      const width = u16be(b, at + 5)
      const components = b[at + 7]!
      // Height 0 (set later by a DNL marker) is legal but rare; browsers refuse it too.
      if (width === 0 || height === 0 || components === 0) return { status: 'invalid' }
      const kind = marker & 0x03
      return {
        status: 'ok',
        info: {
          width,
          height,
          progressive: kind === 0x02,
          baseline: marker === 0xc0,
          components,
          precision,
        },
      }
    }
    at += length
  }
}

/** Frame facts of a JPEG (size, baseline or progressive, components), or null if not a JPEG. */
export function jpegInfo(data: BytesLike): JpegInfo | null {
  const scan = scanJpeg(data)
  return scan.status === 'ok' ? scan.info : null
}
