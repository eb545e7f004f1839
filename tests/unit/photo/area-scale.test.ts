import { describe, expect, it } from 'vitest'
import { areaScale } from '@/photo/area-scale.ts'

/** RGBA pixels of a `width` x `height` picture whose grey level is `value(x, y)`. */
function grey(width: number, height: number, value: (x: number, y: number) => number) {
  const px = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4
      px.fill(value(x, y), p, p + 3)
      px[p + 3] = 255
    }
  return px
}

const reds = (px: Uint8ClampedArray) => [...px].filter((_, i) => i % 4 === 0)

describe('areaScale', () => {
  it('averages each whole block on an integer reduction', () => {
    // 4x2 -> 2x1: each output pixel is the mean of a 2x2 block.
    const src = grey(4, 2, (x, y) => [10, 20, 200, 100][x]! + y * 10)
    const out = areaScale(src, 4, 2, { x: 0, y: 0, width: 4, height: 2 }, 2, 1)
    expect(reds(out)).toEqual([20, 155])
    expect(out[3]).toBe(255)
  })

  it('weighs partly covered pixels by the part covered', () => {
    // 3 -> 2: the middle pixel is split half and half.
    const src = grey(3, 1, (x) => [0, 90, 180][x]!)
    const out = areaScale(src, 3, 1, { x: 0, y: 0, width: 3, height: 1 }, 2, 1)
    // (0 * 1 + 90 * 0.5) / 1.5 = 30; (90 * 0.5 + 180) / 1.5 = 150
    expect(reds(out)).toEqual([30, 150])
  })

  it('reads only the rectangle asked for, fractional edges included', () => {
    const src = grey(6, 1, (x) => x * 40)
    // x from 1.5 to 5.5 (4 px) -> 2: [1.5, 3.5) and [3.5, 5.5).
    const out = areaScale(src, 6, 1, { x: 1.5, y: 0, width: 4, height: 1 }, 2, 1)
    // (40 * 0.5 + 80 + 120 * 0.5) / 2 = 80; (120 * 0.5 + 160 + 200 * 0.5) / 2 = 160
    expect(reds(out)).toEqual([80, 160])
  })

  it('keeps a flat picture flat and averages noise towards its mean', () => {
    const flat = areaScale(
      grey(90, 90, () => 77),
      90,
      90,
      { x: 0, y: 0, width: 90, height: 90 },
      40,
      40,
    )
    expect(new Set(reds(flat))).toEqual(new Set([77]))
    // A checkerboard of 0 and 200 at 3:1 is a flat 100 give or take the odd block's remainder.
    const board = grey(120, 120, (x, y) => ((x + y) % 2 ? 200 : 0))
    const out = reds(areaScale(board, 120, 120, { x: 0, y: 0, width: 120, height: 120 }, 40, 40))
    expect(Math.min(...out)).toBeGreaterThanOrEqual(88)
    expect(Math.max(...out)).toBeLessThanOrEqual(112)
  })
})
