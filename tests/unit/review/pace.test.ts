import { describe, expect, it } from 'vitest'
import { pace } from '@/review/pace.ts'

describe('pace', () => {
  it('gives photos per second and the seconds left at that rate', () => {
    expect(pace(20, 100, 1_000, 11_000)).toEqual({ perSecond: 2, secondsLeft: 40 })
    expect(pace(100, 100, 0, 50_000)).toEqual({ perSecond: 2, secondsLeft: 0 })
  })

  it('knows no rate before the first photo or the first millisecond', () => {
    expect(pace(0, 100, 0, 5_000)).toEqual({ perSecond: 0, secondsLeft: null })
    expect(pace(3, 100, 5_000, 5_000)).toEqual({ perSecond: 0, secondsLeft: null })
  })
})
