// A progressive JPEG (SOF2) that every decoder shows, written by hand because jpeg-js only
// writes baseline: one DC scan and one AC scan per component with no AC data, so each 8x8 block
// is one flat colour. Enough to seed the "progressive photo" that readers cannot decode.

const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]

function huffmanCodes(bits: number[], values: number[]): Map<number, [number, number]> {
  const codes = new Map<number, [number, number]>()
  let code = 0
  let k = 0
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < bits[length - 1]!; i++) codes.set(values[k++]!, [code++, length])
    code <<= 1
  }
  return codes
}

class BitWriter {
  private buffer = 0
  private count = 0
  constructor(private readonly out: number[]) {}

  write(value: number, length: number) {
    for (let i = length - 1; i >= 0; i--) {
      this.buffer = (this.buffer << 1) | ((value >> i) & 1)
      if (++this.count === 8) {
        this.out.push(this.buffer)
        if (this.buffer === 0xff) this.out.push(0x00)
        this.buffer = 0
        this.count = 0
      }
    }
  }

  flush() {
    while (this.count !== 0) this.write(1, 1)
  }
}

/** RGBA rows as a progressive JPEG of flat 8x8 blocks (4:4:4, YCbCr). */
export function progressiveJpeg(rgba: Uint8Array, width: number, height: number): Buffer {
  const out: number[] = [0xff, 0xd8]
  const segment = (marker: number, body: number[]) =>
    out.push(0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body)
  segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0])
  segment(0xdb, [0x00, ...new Array<number>(64).fill(1)])
  const sof = [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3]
  for (let c = 1; c <= 3; c++) sof.push(c, 0x11, 0)
  segment(0xc2, sof)
  const acBits = [0, 2, ...new Array<number>(14).fill(0)]
  segment(0xc4, [0x00, ...DC_BITS, ...DC_VALUES, 0x10, ...acBits, 0x00, 0x01])
  const dcCodes = huffmanCodes(DC_BITS, DC_VALUES)
  const bw = Math.ceil(width / 8)
  const bh = Math.ceil(height / 8)
  const ycc = (bx: number, by: number): number[] => {
    const x = Math.min(bx * 8 + 4, width - 1)
    const y = Math.min(by * 8 + 4, height - 1)
    const i = (y * width + x) * 4
    const r = rgba[i]!
    const g = rgba[i + 1]!
    const b = rgba[i + 2]!
    return [
      0.299 * r + 0.587 * g + 0.114 * b,
      128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
      128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
    ].map((v) => Math.round(Math.min(255, Math.max(0, v))))
  }
  // DC scan: all three components interleaved.
  segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 0, 0])
  let bits = new BitWriter(out)
  const previous = [0, 0, 0]
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const values = ycc(bx, by)
      for (let c = 0; c < 3; c++) {
        const dc = 8 * (values[c]! - 128)
        const diff = dc - previous[c]!
        previous[c] = dc
        const category = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1
        const [code, length] = dcCodes.get(category)!
        bits.write(code, length)
        if (category > 0) bits.write(diff > 0 ? diff : diff + (1 << category) - 1, category)
      }
    }
  }
  bits.flush()
  // One AC scan per component: every block ends at once (EOB, code 00).
  for (let c = 1; c <= 3; c++) {
    segment(0xda, [1, c, 0x00, 1, 63, 0])
    bits = new BitWriter(out)
    for (let n = 0; n < bw * bh; n++) bits.write(0b00, 2)
    bits.flush()
  }
  out.push(0xff, 0xd9)
  return Buffer.from(out)
}
