// The Visual Face picture's size: its own pixels, within BioStar's limits.
import { describe, expect, it } from 'vitest'
import { visualFaceSize } from '@/face/index.ts'

describe('visualFaceSize', () => {
  it('sizes the Visual Face picture: its own pixels, at most 1024, at least 250', () => {
    expect(visualFaceSize({ width: 600, height: 800 })).toEqual({ width: 600, height: 800 })
    expect(visualFaceSize({ width: 1800, height: 2400 })).toEqual({ width: 768, height: 1024 })
    expect(visualFaceSize({ width: 200, height: 200 })).toEqual({ width: 250, height: 250 })
    expect(visualFaceSize({ width: 150, height: 200 })).toEqual({ width: 250, height: 333 })
  })
})
