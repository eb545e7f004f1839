// Where the detector looks: tiles that hold every small face whole, merging the faces found
// twice, dropping a face cut by a tile's inner edge, and the live sweep that finds a small face
// within one pass and then follows it.
import { describe, expect, it } from 'vitest'
import {
  LiveSweep,
  aroundBox,
  cutByTile,
  livePlan,
  mergeFaces,
  stillPlans,
  tiles,
} from '@/face/search.ts'
import type { DetectedFace, Rect } from '@/face/types.ts'

const face = (box: Rect, score = 0.8): DetectedFace => ({ box, score, landmarks: [] })

describe('tiles', () => {
  it('covers the frame with squares overlapping by the asked share', () => {
    const t = tiles(960, 540, 540, 416, 0.3)
    expect(t.map((r) => r.x)).toEqual([0, 210, 420])
    expect(t.every((r) => r.y === 0 && r.width === 540 && r.height === 540)).toBe(true)
    // Every face up to the overlap (162 px) lies whole in one tile, wherever it is.
    for (let x = 0; x + 162 <= 960; x += 7) {
      expect(t.some((r) => r.x <= x && x + 162 <= r.x + r.width)).toBe(true)
    }
  })

  it('a square or portrait frame is one region', () => {
    expect(livePlan(480, 640)).toHaveLength(2)
    expect(livePlan(960, 540)).toHaveLength(5)
    expect(stillPlans(1280, 720)[0]).toHaveLength(3)
  })
})

describe('merging faces', () => {
  it('keeps one face per person, the better scored box', () => {
    const a = face({ x: 100, y: 100, width: 80, height: 80 }, 0.9)
    const b = face({ x: 104, y: 98, width: 84, height: 82 }, 0.7)
    const other = face({ x: 400, y: 100, width: 80, height: 80 }, 0.6)
    expect(mergeFaces([b, a, other])).toEqual([a, other])
  })

  it('a box inside a face and not much smaller is a part of it; a face beside it is not', () => {
    const whole = face({ x: 100, y: 100, width: 200, height: 200 }, 0.6)
    const part = face({ x: 110, y: 110, width: 110, height: 110 }, 0.9)
    expect(mergeFaces([whole, part])).toEqual([whole])
    expect(mergeFaces([part, whole])).toEqual([whole])
    // …but a face only partly inside stays, and so does a much smaller face inside a large box
    const beside = face({ x: 280, y: 100, width: 60, height: 60 }, 0.9)
    expect(mergeFaces([whole, beside])).toHaveLength(2)
    const poster = face({ x: 0, y: 0, width: 400, height: 400 }, 0.9)
    expect(mergeFaces([poster, part])).toHaveLength(2)
  })

  it('a face touching a tile edge inside the picture is cut; at the picture edge it is not', () => {
    const region = { x: 210, y: 0, width: 540, height: 540 }
    expect(cutByTile({ x: 211, y: 100, width: 60, height: 60 }, region, 960, 540)).toBe(true)
    expect(cutByTile({ x: 300, y: 0, width: 60, height: 60 }, region, 960, 540)).toBe(false)
    expect(cutByTile({ x: 300, y: 100, width: 60, height: 60 }, region, 960, 540)).toBe(false)
  })
})

describe('LiveSweep', () => {
  it('looks at one tile per round until a small face shows, then follows it', () => {
    const sweep = new LiveSweep()
    const seenTiles = [0, 1, 2].map(() => {
      const plan = sweep.next(960, 540)
      expect(plan[0]).toMatchObject({ x: 0, y: 0, width: 960, height: 540, inputSize: 320 })
      expect(plan[1]).toMatchObject({ x: 0, y: 0, width: 960, height: 540, inputSize: 192 })
      sweep.seen([], 960)
      return plan[2]!.x
    })
    expect(seenTiles).toEqual([0, 210, 420])
    // Followed: the square around it every round, and every other round the whole frame at 320
    // for anyone else (no 192, no tile).
    const small = { x: 700, y: 200, width: 77, height: 77 }
    const plans = [0, 1, 2, 3].map(() => {
      sweep.seen([face(small)], 960)
      return sweep.next(960, 540)
    })
    for (const plan of plans) expect(plan.at(-1)).toEqual(aroundBox(small, 960, 540))
    expect(plans.map((p) => p.length).sort()).toEqual([1, 1, 2, 2])
    expect(plans.find((p) => p.length === 2)![0]).toEqual({
      x: 0,
      y: 0,
      width: 960,
      height: 540,
      inputSize: 320,
    })
  })

  it('beside a large face, looks at a tile every other round; lost, every round again', () => {
    const sweep = new LiveSweep()
    sweep.next(960, 540)
    const large = face({ x: 300, y: 100, width: 300, height: 300 })
    const lengths = [0, 1, 2, 3].map(() => {
      sweep.seen([large], 960)
      return sweep.next(960, 540).length
    })
    expect(lengths.sort()).toEqual([2, 2, 3, 3])
    // The tiles still come in turn, so the pass is whole in six rounds.
    sweep.seen([], 960)
    expect(sweep.next(960, 540)[2]).toMatchObject({ x: 0, width: 540, height: 540 })
    sweep.seen([], 960)
    expect(sweep.next(960, 540)[2]).toMatchObject({ x: 210 })
  })

  it('follows inside the frame', () => {
    const r = aroundBox({ x: 900, y: 500, width: 50, height: 40 }, 960, 540)
    expect(r.x + r.width).toBeLessThanOrEqual(960)
    expect(r.y + r.height).toBeLessThanOrEqual(540)
    expect(r.width).toBe(175)
  })
})
