import { writeFileSync } from 'node:fs'

/** An RGB colour, each channel 0..255. */
export type Rgb = [r: number, g: number, b: number]

const clampByte = (v: number) => Math.max(0, Math.min(255, Math.round(v)))

/**
 * Writes a YUV4MPEG2 clip for Chromium's fake camera (`--use-file-for-fake-video-capture`):
 * 4:2:0 (C420jpeg), BT.601 limited range, `frames` identical frames at 30 fps. `width` and
 * `height` must be even. Colours read back within about 12 levels (toolchain.md).
 */
export function writeY4m(
  path: string,
  width: number,
  height: number,
  paint: (x: number, y: number) => Rgb,
  frames = 1,
): void {
  if (width % 2 || height % 2) throw new Error('writeY4m: width and height must be even')
  const yPlane = Buffer.alloc(width * height)
  const cw = width / 2
  const ch = height / 2
  const uPlane = Buffer.alloc(cw * ch)
  const vPlane = Buffer.alloc(cw * ch)
  const uSum = new Float64Array(cw * ch)
  const vSum = new Float64Array(cw * ch)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r8, g8, b8] = paint(x, y)
      const r = r8 / 255
      const g = g8 / 255
      const b = b8 / 255
      yPlane[y * width + x] = clampByte(16 + 65.481 * r + 128.553 * g + 24.966 * b)
      const c = (y >> 1) * cw + (x >> 1)
      uSum[c]! += 128 - 37.797 * r - 74.203 * g + 112 * b
      vSum[c]! += 128 + 112 * r - 93.786 * g - 18.214 * b
    }
  }
  // C420jpeg: each chroma sample sits in the middle of its 2x2 block, so average the four.
  for (let i = 0; i < cw * ch; i++) {
    uPlane[i] = clampByte(uSum[i]! / 4)
    vPlane[i] = clampByte(vSum[i]! / 4)
  }
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), yPlane, uPlane, vPlane])
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]))
}
