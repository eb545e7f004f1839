import { describe, expect, it } from 'vitest'
import { blockSsim } from '@/photo/score.ts'

function plane(width: number, height: number, value: (x: number, y: number) => number) {
  const out = new Float32Array(width * height)
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = value(x, y)
  return out
}

describe('blockSsim', () => {
  const texture = plane(64, 64, (x, y) => 128 + 60 * Math.sin(x / 2) * Math.cos(y / 3))

  it('is 1 for identical pictures', () => {
    expect(blockSsim(texture, texture, 64, 64)).toBeCloseTo(1, 6)
  })

  it('ranks a blurred copy below a lightly noisy one, and both below the original', () => {
    const blurred = plane(64, 64, (x, y) => {
      let sum = 0
      for (let dx = -2; dx <= 2; dx++) sum += texture[y * 64 + Math.min(63, Math.max(0, x + dx))]!
      return sum / 5
    })
    const noisy = plane(64, 64, (x, y) => texture[y * 64 + x]! + (((x * 7 + y * 13) % 5) - 2))
    const sharp = blockSsim(texture, noisy, 64, 64)
    const soft = blockSsim(texture, blurred, 64, 64)
    expect(sharp).toBeLessThan(1)
    expect(soft).toBeLessThan(sharp)
  })
})
