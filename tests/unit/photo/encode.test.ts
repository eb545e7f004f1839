import { describe, expect, it } from 'vitest'
import {
  budgetSides,
  encodeWithinBudget,
  highestFitting,
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
  it('takes the top quality in two encodes when a plain picture fits', async () => {
    // 0.60 first (where faces land), then the top quality, which the bytes at 0.60 predict.
    const { result, fake, renders } = run(0.01)
    const photo = await result
    expect(photo).toMatchObject({ width: 400, height: 400, quality: 0.95, attempts: 2 })
    expect(fake.calls.map((c) => c.quality)).toEqual([0.6, 0.95])
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
    expect(photo.quality).toBeGreaterThanOrEqual(0.2)
    // A binary search over 20..95 takes 8 (the top quality, then 7 halvings).
    expect(photo.attempts).toBeLessThanOrEqual(6)
    expect(photo.tried).toHaveLength(photo.attempts)
  })

  it('never returns more than the budget, whatever the picture and the budget', async () => {
    for (const detail of [0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.6, 0.8, 1.2, 1.6, 2.4, 3.2]) {
      for (const maxBytes of [3_000, 6_000, 12_000, 16_000, 16_384]) {
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

  it('stays at full size at a quality the old 0.4 floor would have shrunk for', async () => {
    // Fits at 400 px only below 0.4 (0.29): a lower quality beats a smaller picture (bench).
    const { result, renders, fake } = run(0.7)
    const photo = await result
    expect(photo).toMatchObject({ width: 400, height: 400, quality: 0.29 })
    expect(fake.bytesFor(400, 400, 0.3)).toBeGreaterThan(16_000)
    expect(renders).toEqual([[400, 400]])
  })

  it('shrinks the picture only when even the lowest quality is too big', async () => {
    const { result, renders, fake } = run(1.2)
    const photo = await result
    expect(photo.width).toBeLessThan(400)
    expect(photo.width).toBeGreaterThanOrEqual(200)
    expect(photo.bytes).toBeLessThanOrEqual(16_000)
    // Every larger size was tried at the lowest quality and did not fit.
    for (const [side] of renders.slice(0, -1)) {
      const atMin = fake.calls.find((c) => c.width === side && c.quality === 0.2)
      expect(atMin).toBeDefined()
      expect(fake.bytesFor(side, side, 0.2)).toBeGreaterThan(16_000)
    }
    // At the size it settled on, it still searched for the best quality.
    expect(fake.bytesFor(photo.width, photo.height, photo.quality + 0.01)).toBeGreaterThan(16_000)
  })

  it('searches sizes in order: the full size from quality 0.60, then each smaller one from the lowest', async () => {
    const { result, fake } = run(1.2)
    const photo = await result
    const sides = fake.calls.map((c) => c.width)
    // No size is gone back to: the sides only ever get smaller.
    expect(sides).toEqual([...sides].sort((a, b) => b - a))
    expect(fake.calls[0]).toEqual({ width: 400, height: 400, quality: 0.6 })
    const firstSmaller = fake.calls.find((c) => c.width < 400)!
    expect(firstSmaller).toEqual({ width: 336, height: 336, quality: 0.2 })
    // What it reports is what it did.
    expect(photo.tried.map((t) => [t.width, t.quality])).toEqual(
      fake.calls.map((c) => [c.width, c.quality]),
    )
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
    const { result, renders } = run(1.6, { aspect: 0.75 })
    expect((await result).width).toBeLessThan(300)
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

describe('encodeWithinBudget: the second look at a slightly smaller size', () => {
  /** Scores a fake JPEG by its side, as `scoreFor` says; records what it was asked. */
  function scored(scoreFor: (side: number) => number) {
    const scoredSides: number[] = []
    const references: FakeCanvas[] = []
    const scorer = (full: FakeCanvas) => {
      references.push({ ...full })
      return async (jpeg: Blob) => {
        const side = sides.get(jpeg)!
        scoredSides.push(side)
        return scoreFor(side)
      }
    }
    // Fits 400 px at quality 0.37, 368 px at 0.42.
    const fake = fakeEncoder(0.5)
    const sides = new Map<Blob, number>()
    const encoder: JpegEncoder<FakeCanvas> = async (canvas, quality) => {
      const blob = await fake.encoder(canvas, quality)
      sides.set(blob, canvas.width)
      return blob
    }
    const renders: number[] = []
    const render = (width: number, height: number) => {
      renders.push(width)
      return { width, height }
    }
    return { encoder, render, scorer, scoredSides, references, renders, fake }
  }

  it('keeps 368 px at a higher quality when it scores better than 400 px at a low one', async () => {
    const s = scored((side) => (side === 368 ? 0.95 : 0.9))
    const photo = await encodeWithinBudget(s.render, {}, s.encoder, s.scorer)
    expect(photo.width).toBe(368)
    expect(photo.bytes).toBeLessThanOrEqual(16_000)
    // The 400 px search found a quality under 0.45, which is what asks for the second look.
    const full = photo.tried.filter((t) => t.width === 400 && t.bytes <= 16_000)
    expect(Math.max(...full.map((t) => t.quality))).toBeLessThan(0.45)
    expect(photo.quality).toBeGreaterThan(Math.max(...full.map((t) => t.quality)))
    expect(s.references).toEqual([{ width: 400, height: 400 }])
    expect(s.scoredSides.sort()).toEqual([368, 400])
    expect(s.renders).toEqual([400, 368])
  })

  it('keeps 400 px when the smaller one scores lower or the same', async () => {
    for (const scoreFor of [(side: number) => side / 1000, () => 0.9]) {
      const s = scored(scoreFor)
      const photo = await encodeWithinBudget(s.render, {}, s.encoder, s.scorer)
      expect(photo.width).toBe(400)
      expect(s.renders).toEqual([400, 368])
    }
  })

  it('takes no second look when 400 px fits at quality 0.45 or more, or without a scorer', async () => {
    const plain = scored(() => 1)
    const easy = await encodeWithinBudget(
      plain.render,
      { maxBytes: 40_000 },
      plain.encoder,
      plain.scorer,
    )
    expect(easy.quality).toBeGreaterThanOrEqual(0.5)
    expect(plain.renders).toEqual([400])
    expect(plain.scoredSides).toEqual([])

    // Just above the line (0.47) no second look; just below it (0.44) one.
    const above = scored(() => 1)
    const at47 = await encodeWithinBudget(
      above.render,
      { maxBytes: 22_500 },
      above.encoder,
      above.scorer,
    )
    expect(at47.quality).toBe(0.47)
    expect(above.renders).toEqual([400])
    expect(above.scoredSides).toEqual([])
    const below = scored(() => 1)
    await encodeWithinBudget(below.render, { maxBytes: 20_500 }, below.encoder, below.scorer)
    expect(below.renders).toEqual([400, 368])

    const unscored = scored(() => 1)
    const photo = await encodeWithinBudget(unscored.render, {}, unscored.encoder)
    expect(photo.width).toBe(400)
    expect(unscored.renders).toEqual([400])
  })
})

describe('highestFitting', () => {
  // Deterministic pseudo-random numbers, so a failure can be replayed.
  const random = (seed: number) => () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    return seed / 4294967296
  }

  /** Byte curves over quality 1..100: smooth, steep, flat, stepped, and JPEG-like with noise. */
  function curves(): Array<(q: number) => number> {
    const next = random(9)
    const list: Array<(q: number) => number> = [
      (q) => 2_000 + q * 150,
      (q) => 1_000 * 1.05 ** q,
      () => 15_000,
      (q) => (q < 60 ? 10_000 : 20_000),
      (q) => 15_999 + q,
    ]
    for (let i = 0; i < 200; i++) {
      // Increments of random size, some zero (plateaus), over a random base.
      const steps = Array.from({ length: 100 }, () => (next() < 0.2 ? 0 : next() * 900))
      const base = next() * 8_000
      list.push((q) => base + steps.slice(0, q).reduce((a, b) => a + b, 0))
    }
    return list
  }

  async function search(bytesFor: (q: number) => number, first: number, qMin = 20, qMax = 95) {
    const probed: number[] = []
    const q = await highestFitting(
      async (q) => {
        probed.push(q)
        return bytesFor(q)
      },
      { qMin, qMax, first, maxBytes: 16_000 },
    )
    return { q, probed }
  }

  it('finds the same quality as trying every one, and shows its proof', async () => {
    for (const bytesFor of curves()) {
      for (const first of [95, 20]) {
        const { q, probed } = await search(bytesFor, first)
        let expected: number | undefined
        for (let k = 95; k >= 20; k--)
          if (bytesFor(k) <= 16_000) {
            expected = k
            break
          }
        expect(q).toBe(expected)
        expect(probed[0]).toBe(first)
        // Never more than twice a binary search (7 halvings of 20..95, plus the first encode).
        expect(probed.length).toBeLessThanOrEqual(16)
        // No quality is encoded twice.
        expect(new Set(probed).size).toBe(probed.length)
        if (q === undefined) expect(probed).toContain(20)
        else {
          expect(probed).toContain(q)
          if (q < 95) expect(probed).toContain(q + 1)
        }
      }
    }
  })

  it('never picks an encode over the budget, even where bytes dip as quality rises', async () => {
    const next = random(4)
    for (let i = 0; i < 200; i++) {
      const bytes = Array.from({ length: 101 }, (_, q) => 4_000 + q * 160 + (next() - 0.5) * 2_000)
      const { q } = await search((k) => bytes[k]!, 95)
      if (q !== undefined) {
        expect(bytes[q]!).toBeLessThanOrEqual(16_000)
        if (q < 95) expect(bytes[q + 1]!).toBeGreaterThan(16_000)
      }
    }
  })

  it('lands on a JPEG-like curve in fewer encodes than a binary search', async () => {
    // Chromium's bytes for a real face photo at 400 px (bench: face-sample1), every tenth quality.
    const real = [
      2_228, 4_975, 7_907, 10_296, 12_229, 14_051, 15_999, 18_992, 23_677, 34_802, 140_941,
    ]
    const bytesFor = (q: number) => {
      const i = Math.floor(q / 10)
      const t = (q % 10) / 10
      return real[i]! + t * ((real[i + 1] ?? real[i]!) - real[i]!)
    }
    const { q, probed } = await search(bytesFor, 95)
    expect(bytesFor(q!)).toBeLessThanOrEqual(16_000)
    expect(bytesFor(q! + 1)).toBeGreaterThan(16_000)
    expect(probed.length).toBeLessThan(8)
    // From 60, where the full size starts: one step of the prior slope, then the proof.
    const fromSixty = await search(bytesFor, 60)
    expect(fromSixty.q).toBe(q)
    expect(fromSixty.probed.length).toBeLessThanOrEqual(4)
  })

  it('says undefined when even the lowest quality is over', async () => {
    const { q, probed } = await search(() => 20_000, 95)
    expect(q).toBeUndefined()
    expect(probed).toContain(20)
  })
})
