import { describe, expect, it } from 'vitest'
import {
  budgetSides,
  encodeWithinBudget,
  isPhotoError,
  PhotoError,
  type BudgetOptions,
  type JpegEncoder,
} from '@/photo/index.ts'

interface FakeCanvas {
  width: number
  height: number
}

/**
 * A stand-in for the browser encoder: bytes grow with quality and pixel count, as JPEG does.
 * `detail` plays the picture's busyness (bytes per pixel at quality 1).
 */
function fakeEncoder(detail: number) {
  const calls: Array<{ width: number; height: number; quality: number }> = []
  const bytesFor = (width: number, height: number, quality: number) =>
    Math.round(600 + width * height * detail * (0.05 + quality ** 2))
  const encoder: JpegEncoder<FakeCanvas> = async (canvas, quality) => {
    calls.push({ width: canvas.width, height: canvas.height, quality })
    return new Blob([new Uint8Array(bytesFor(canvas.width, canvas.height, quality))], {
      type: 'image/jpeg',
    })
  }
  return { encoder, calls, bytesFor }
}

function run(detail: number, opts: BudgetOptions = {}) {
  const fake = fakeEncoder(detail)
  const renders: Array<[number, number]> = []
  const render = (width: number, height: number): FakeCanvas => {
    renders.push([width, height])
    return { width, height }
  }
  return { fake, renders, result: encodeWithinBudget(render, opts, fake.encoder) }
}

describe('budgetSides', () => {
  it('steps down by about 15% in multiples of 8, ending at minSide', () => {
    expect(budgetSides(400, 200)).toEqual([400, 336, 280, 232, 200])
    expect(budgetSides(400, 400)).toEqual([400])
    expect(budgetSides(256, 250)).toEqual([256, 250])
  })
})

describe('encodeWithinBudget', () => {
  it('takes the top quality in one encode when a plain picture fits', async () => {
    const { result, fake, renders } = run(0.01)
    const photo = await result
    expect(photo).toMatchObject({ width: 400, height: 400, quality: 0.95, attempts: 1 })
    expect(fake.calls).toHaveLength(1)
    expect(renders).toEqual([[400, 400]])
  })

  it('picks the highest quality that fits at full size, in a handful of encodes', async () => {
    const { result, fake } = run(0.2)
    const photo = await result
    expect(photo.width).toBe(400)
    expect(photo.bytes).toBeLessThanOrEqual(16_000)
    expect(photo.bytes).toBe(photo.blob.size)
    // One percent more would not fit.
    expect(fake.bytesFor(400, 400, photo.quality + 0.01)).toBeGreaterThan(16_000)
    expect(photo.quality).toBeGreaterThanOrEqual(0.4)
    expect(photo.attempts).toBeLessThanOrEqual(8)
    expect(photo.tried).toHaveLength(photo.attempts)
  })

  it('never returns more than the budget, whatever the picture and the budget', async () => {
    for (const detail of [0.01, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6]) {
      for (const maxBytes of [6_000, 12_000, 16_000]) {
        try {
          const photo = await run(detail, { maxBytes }).result
          expect(photo.bytes).toBeLessThanOrEqual(maxBytes)
          expect(photo.blob.size).toBeLessThanOrEqual(maxBytes)
        } catch (error) {
          expect(isPhotoError(error, 'over-budget')).toBe(true)
        }
      }
    }
  })

  it('shrinks the picture only when even the lowest quality is too big', async () => {
    // Fits at 400 px at minQuality: stays at 400 even though the quality is low.
    const tight = await run(0.35).result
    expect(tight.width).toBe(400)
    expect(tight.quality).toBeLessThan(0.5)

    const { result, renders, fake } = run(0.8)
    const photo = await result
    expect(photo.width).toBeLessThan(400)
    expect(photo.width).toBeGreaterThanOrEqual(200)
    expect(photo.bytes).toBeLessThanOrEqual(16_000)
    // Every larger size was tried at the lowest quality and did not fit.
    for (const [side] of renders.slice(0, -1)) {
      const atMin = fake.calls.find((c) => c.width === side && c.quality === 0.4)
      expect(atMin).toBeDefined()
      expect(fake.bytesFor(side, side, 0.4)).toBeGreaterThan(16_000)
    }
    // At the size it settled on, it still searched for the best quality.
    expect(fake.bytesFor(photo.width, photo.height, photo.quality + 0.01)).toBeGreaterThan(16_000)
  })

  it('fails clearly at minSide when nothing fits, having tried every size', async () => {
    const { result, renders } = run(5)
    const error = await result.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PhotoError)
    expect(error).toMatchObject({
      reason: 'over-budget',
      detail: { maxBytes: 16_000, width: 200, height: 200 },
    })
    expect((error as PhotoError).detail.bytes).toBeGreaterThan(16_000)
    expect(renders.map(([w]) => w)).toEqual([400, 336, 280, 232, 200])
  })

  it('keeps the aspect: 3:4 gives 300 x 400, and smaller sizes stay 3:4', async () => {
    const fits = await run(0.2, { aspect: 0.75 }).result
    expect([fits.width, fits.height]).toEqual([300, 400])
    const { result, renders } = run(0.8, { aspect: 0.75 })
    await result
    for (const [w, h] of renders) expect(w / h).toBeCloseTo(0.75, 1)
  })

  it('honours minQuality and a custom size range', async () => {
    const { result, fake } = run(0.5, { minQuality: 0.6, maxSide: 320, minSide: 160 })
    const photo = await result
    expect(photo.width).toBeLessThan(320)
    expect(Math.min(...fake.calls.map((c) => c.quality))).toBeGreaterThanOrEqual(0.6)
    expect(photo.quality).toBeGreaterThanOrEqual(0.6)
  })

  it('wraps an encoder failure in a PhotoError', async () => {
    const failing: JpegEncoder<FakeCanvas> = async () => {
      throw new Error('boom')
    }
    await expect(
      encodeWithinBudget((width, height) => ({ width, height }), {}, failing),
    ).rejects.toMatchObject({ reason: 'encode-failed' })
  })

  it('refuses an impossible range', async () => {
    const render = (width: number, height: number) => ({ width, height })
    await expect(
      encodeWithinBudget(render, { minSide: 500 }, fakeEncoder(1).encoder),
    ).rejects.toThrow(RangeError)
  })
})
