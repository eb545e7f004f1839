// The same-person verdict: the distance, the stated threshold, and no verdict without exactly
// one face on each side.
import { describe, expect, it } from 'vitest'
import { SAME_PERSON_THRESHOLD, faceDistance, samePerson } from '@/face/match.ts'

const one = (descriptor: number[]) => ({ faces: 1, descriptor, ms: 0 })

describe('samePerson', () => {
  it('compares by Euclidean distance against face-api’s published 0.6', () => {
    expect(SAME_PERSON_THRESHOLD).toBe(0.6)
    expect(faceDistance([0, 0, 0], [0.3, 0.4, 0])).toBeCloseTo(0.5)
    expect(samePerson(one([0, 0]), one([0.3, 0.4]))).toEqual({ verdict: 'same', distance: 0.5 })
    const far = samePerson(one([0, 0]), one([0.6, 0.1]))
    expect(far.verdict).toBe('different')
    expect(samePerson(one([0, 0]), one([0.6, 0]))).toMatchObject({ verdict: 'different' })
  })

  it('gives no verdict when a picture has no face or several', () => {
    const none = { faces: 0, descriptor: null, ms: 0 }
    const two = { faces: 2, descriptor: null, ms: 0 }
    expect(samePerson(none, one([0]))).toEqual({ verdict: 'unknown', reason: 'no-face' })
    expect(samePerson(one([0]), two)).toEqual({ verdict: 'unknown', reason: 'several-faces' })
  })
})
