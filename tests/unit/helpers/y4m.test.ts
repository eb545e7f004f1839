import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeY4m } from '../../helpers/y4m.ts'

describe('writeY4m', () => {
  it('writes 4:2:0 BT.601 limited-range frames the fake camera can loop', () => {
    const dir = mkdtempSync(join(tmpdir(), 'y4m-'))
    try {
      const path = join(dir, 'clip.y4m')
      // Left half red, right half white.
      writeY4m(path, 8, 4, (x) => (x < 4 ? [255, 0, 0] : [255, 255, 255]), 2)
      const data = readFileSync(path)
      const header = 'YUV4MPEG2 W8 H4 F30:1 Ip A1:1 C420jpeg\n'
      expect(data.subarray(0, header.length).toString('latin1')).toBe(header)
      const frameBytes = 'FRAME\n'.length + 8 * 4 + 2 * (4 * 2)
      expect(data.length).toBe(header.length + 2 * frameBytes)
      const frame = data.subarray(header.length + 'FRAME\n'.length)
      // BT.601 limited range: red is Y 81, Cb 90, Cr 240; white is Y 235, Cb = Cr = 128.
      expect([frame[0], frame[7]]).toEqual([81, 235])
      const u = frame.subarray(32, 40)
      const v = frame.subarray(40, 48)
      expect([u[0], v[0]]).toEqual([90, 240])
      expect([u[3], v[3]]).toEqual([128, 128])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses odd sizes, which 4:2:0 cannot hold', () => {
    expect(() => writeY4m('/nonexistent/x.y4m', 5, 4, () => [0, 0, 0])).toThrow(/even/)
  })
})
