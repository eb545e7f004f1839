// The one same-person comparison of the desk and batch import: the current photo (BioStar's
// base64, or its description made before) against the new JPEG. The detector's pixels are the
// browser tests' business (face-same-person, batch-face); here a "picture" is a name whose face
// description is known.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { FaceDescription, FaceDetector } from '@/face/detector.ts'
import { describePhoto } from '@/face/frame.ts'
import { compareWithCurrent, describeCurrent, sameAsCurrentPhoto } from '@/face/compare.ts'

const FACES: Record<string, FaceDescription> = {
  anna: { faces: 1, descriptor: [0, 0], ms: 1 },
  'anna-again': { faces: 1, descriptor: [0.3, 0.4], ms: 1 },
  bert: { faces: 1, descriptor: [1, 0], ms: 1 },
  group: { faces: 2, descriptor: null, ms: 1 },
}

vi.mock('@/face/frame.ts', () => ({
  describePhoto: vi.fn(async (_detector: unknown, blob: Blob) => {
    const face = FACES[await blob.text()]
    if (!face) throw new Error('no such picture')
    return face
  }),
}))

const detector = {} as FaceDetector
const jpeg = (name: string) => new Blob([name], { type: 'image/jpeg' })
const stored = (name: string) => btoa(name)

beforeEach(() => {
  vi.mocked(describePhoto).mockClear()
})

describe('compareWithCurrent', () => {
  it('describes the stored base64 and the JPEG, then compares them', async () => {
    expect(await compareWithCurrent(detector, stored('anna'), jpeg('anna-again'))).toEqual({
      verdict: 'same',
      distance: 0.5,
    })
    expect(await compareWithCurrent(detector, stored('anna'), jpeg('bert'))).toMatchObject({
      verdict: 'different',
    })
    expect(describePhoto).toHaveBeenCalledTimes(4)
  })

  it('reuses a description made before instead of describing the photo again', async () => {
    const current = describeCurrent(detector, stored('anna'))
    await compareWithCurrent(detector, current, jpeg('bert'))
    await compareWithCurrent(detector, current, jpeg('anna-again'))
    // One description of the current photo, one per new JPEG.
    expect(describePhoto).toHaveBeenCalledTimes(3)
  })

  it('gives no verdict when a picture has several faces', async () => {
    expect(await compareWithCurrent(detector, stored('group'), jpeg('anna'))).toEqual({
      verdict: 'unknown',
      reason: 'several-faces',
    })
  })
})

describe('sameAsCurrentPhoto (batch import)', () => {
  it('looks the user up through its collaborator and answers same or different', async () => {
    const photos: Record<string, string | null> = { '7': stored('anna'), '8': null }
    const currentPhoto = vi.fn(async (userId: string) => photos[userId] ?? null)
    const load = vi.fn(async () => detector)
    const check = sameAsCurrentPhoto({ detector: load, currentPhoto })

    expect(await check('7', jpeg('anna-again'))).toBe('same')
    expect(await check('7', jpeg('bert'))).toBe('different')
    expect(currentPhoto).toHaveBeenCalledWith('7')
  })

  it('answers null without a current photo (no model loaded) or without a verdict', async () => {
    const load = vi.fn(async () => detector)
    const check = sameAsCurrentPhoto({
      detector: load,
      currentPhoto: async (userId) => (userId === '9' ? stored('group') : null),
    })
    expect(await check('8', jpeg('anna'))).toBeNull()
    expect(load).not.toHaveBeenCalled()
    expect(await check('9', jpeg('anna'))).toBeNull()
  })

  it('lets a failed lookup fail (the queue keeps the file without a verdict)', async () => {
    const check = sameAsCurrentPhoto({
      detector: async () => detector,
      currentPhoto: async () => {
        throw new Error('404')
      },
    })
    await expect(check('7', jpeg('anna'))).rejects.toThrow('404')
  })
})
