import { describe, expect, it } from 'vitest'
import {
  applyMatrix,
  clampCrop,
  cropViewMatrix,
  dragToPan,
  fromRotated,
  initialCrop,
  panCrop,
  rotateQuarter,
  sourceRect,
  sourceToView,
  toRotated,
  viewToCropSpace,
  viewToSource,
  zoomCrop,
  type Crop,
  type QuarterTurn,
  type Size,
} from '@/photo/index.ts'

const FULL_HD: Size = { width: 1920, height: 1080 }
const centre = (c: Crop) => ({ x: c.x + c.width / 2, y: c.y + c.height / 2 })

// Every crop must lie inside its rotated source and keep a positive size.
function expectInside(crop: Crop, bounds: Size) {
  const turned = crop.rotation === 90 || crop.rotation === 270
  const w = turned ? bounds.height : bounds.width
  const h = turned ? bounds.width : bounds.height
  expect(crop.x).toBeGreaterThanOrEqual(0)
  expect(crop.y).toBeGreaterThanOrEqual(0)
  expect(crop.x + crop.width).toBeLessThanOrEqual(w + 1e-9)
  expect(crop.y + crop.height).toBeLessThanOrEqual(h + 1e-9)
  expect(crop.width).toBeGreaterThan(0)
}

describe('initialCrop', () => {
  it('takes the largest centred square by default', () => {
    expect(initialCrop(1920, 1080)).toEqual({
      x: 420,
      y: 0,
      width: 1080,
      height: 1080,
      rotation: 0,
    })
    expect(initialCrop(1000, 3000)).toEqual({
      x: 0,
      y: 1000,
      width: 1000,
      height: 1000,
      rotation: 0,
    })
  })

  it('takes the largest centred 3:4 rect', () => {
    expect(initialCrop(4000, 3000, 0.75)).toEqual({
      x: 875,
      y: 0,
      width: 2250,
      height: 3000,
      rotation: 0,
    })
    // A 3:4 portrait source is the crop.
    expect(initialCrop(3000, 4000, 0.75)).toEqual({
      x: 0,
      y: 0,
      width: 3000,
      height: 4000,
      rotation: 0,
    })
    // A tall narrow source: the width limits.
    expect(initialCrop(600, 2000, 0.75)).toEqual({
      x: 0,
      y: 600,
      width: 600,
      height: 800,
      rotation: 0,
    })
  })

  it('centres on a focus point and sizes by it', () => {
    const crop = initialCrop(4000, 3000, 1, { cx: 2500, cy: 1200, size: 800 })
    expect(crop).toEqual({ x: 2100, y: 800, width: 800, height: 800, rotation: 0 })
    const portrait = initialCrop(4000, 3000, 0.75, { cx: 2000, cy: 1500, size: 1200 })
    expect(portrait).toMatchObject({ width: 900, height: 1200, x: 1550, y: 900 })
  })

  it('clamps a focus near the edge inside the picture', () => {
    expect(initialCrop(4000, 3000, 1, { cx: 100, cy: 50, size: 1000 })).toMatchObject({
      x: 0,
      y: 0,
      width: 1000,
    })
    expect(initialCrop(4000, 3000, 1, { cx: 3990, cy: 2990, size: 1000 })).toMatchObject({
      x: 3000,
      y: 2000,
    })
    // A focus size larger than the picture allows falls back to the largest crop.
    expect(initialCrop(1920, 1080, 1, { cx: 1800, cy: 500, size: 5000 })).toEqual({
      x: 840,
      y: 0,
      width: 1080,
      height: 1080,
      rotation: 0,
    })
  })
})

describe('panCrop and clampCrop', () => {
  const start = initialCrop(1920, 1080)

  it('moves the crop', () => {
    expect(panCrop(start, -100, 0, FULL_HD)).toMatchObject({ x: 320, y: 0 })
  })

  it('stops at every edge', () => {
    expect(panCrop(start, 5000, 5000, FULL_HD)).toMatchObject({ x: 840, y: 0, width: 1080 })
    expect(panCrop(start, -5000, -5000, FULL_HD)).toMatchObject({ x: 0, y: 0 })
  })

  it('shrinks an oversized crop around its centre, keeping the aspect', () => {
    const big: Crop = { x: -50, y: 100, width: 2000, height: 1500, rotation: 0 }
    const clamped = clampCrop(big, FULL_HD)
    expect(clamped.width / clamped.height).toBeCloseTo(2000 / 1500, 10)
    expect(clamped.height).toBe(1080)
    expectInside(clamped, FULL_HD)
  })
})

describe('zoomCrop', () => {
  const start = initialCrop(1920, 1080)

  it('zooms in around the centre into a smaller rect', () => {
    const zoomed = zoomCrop(start, 2, centre(start), FULL_HD)
    expect(zoomed).toMatchObject({ x: 690, y: 270, width: 540, height: 540 })
  })

  it('keeps the anchor point where it is in the view', () => {
    const anchor = { x: 700, y: 300 }
    const zoomed = zoomCrop(start, 1.5, anchor, FULL_HD)
    const before = { x: (anchor.x - start.x) / start.width, y: (anchor.y - start.y) / start.height }
    const after = {
      x: (anchor.x - zoomed.x) / zoomed.width,
      y: (anchor.y - zoomed.y) / zoomed.height,
    }
    expect(after.x).toBeCloseTo(before.x, 10)
    expect(after.y).toBeCloseTo(before.y, 10)
    expect(zoomed.width).toBeCloseTo(720, 10)
  })

  it('stays inside the picture and keeps the aspect when zooming out near an edge', () => {
    const small = { x: 1700, y: 800, width: 200, height: 200, rotation: 0 } as const
    const out = zoomCrop(small, 0.25, { x: 1890, y: 1070 }, FULL_HD)
    expect(out.width).toBe(800)
    expect(out.height).toBe(800)
    expectInside(out, FULL_HD)
    // Zooming far out ends at the largest crop.
    expect(zoomCrop(small, 0.01, { x: 0, y: 0 }, FULL_HD)).toMatchObject({
      width: 1080,
      height: 1080,
    })
  })

  it('stops at minSize, measured on the short side', () => {
    expect(zoomCrop(start, 1000, centre(start), FULL_HD, 100).width).toBe(100)
    const portrait = initialCrop(4000, 3000, 0.75)
    const zoomed = zoomCrop(portrait, 1000, centre(portrait), { width: 4000, height: 3000 }, 150)
    expect(zoomed.width).toBeCloseTo(150, 10)
    expect(zoomed.height).toBeCloseTo(200, 10)
  })

  it('ignores a nonsensical factor', () => {
    expect(zoomCrop(start, 0, centre(start), FULL_HD)).toEqual(start)
    expect(zoomCrop(start, Number.NaN, centre(start), FULL_HD)).toEqual(start)
  })
})

describe('rotateQuarter', () => {
  it('swaps the effective source size and keeps a square crop on the same content', () => {
    const zoomed = zoomCrop(initialCrop(1920, 1080), 2, { x: 960, y: 540 }, FULL_HD)
    const turned = rotateQuarter(zoomed, FULL_HD)
    expect(turned.rotation).toBe(90)
    expectInside(turned, FULL_HD)
    // The source point under the crop's centre is unchanged by the turn.
    expect(fromRotated(centre(turned), FULL_HD, 90)).toEqual(centre(zoomed))
    expect(turned.width).toBe(zoomed.width)
  })

  it('goes full circle in four turns, and -90 undoes 90', () => {
    const start = panCrop(
      initialCrop(1920, 1080, 1, { cx: 900, cy: 500, size: 600 }),
      0,
      0,
      FULL_HD,
    )
    let crop = start
    for (let i = 0; i < 4; i++) crop = rotateQuarter(crop, FULL_HD)
    expect(crop).toEqual(start)
    expect(rotateQuarter(rotateQuarter(start, FULL_HD, 90), FULL_HD, -90)).toEqual(start)
    expect(rotateQuarter(start, FULL_HD, 180).rotation).toBe(180)
  })

  it('shrinks a 3:4 crop that no longer fits after turning, keeping 3:4', () => {
    const bounds = { width: 1080, height: 1920 }
    const start = initialCrop(1080, 1920, 0.75)
    expect(start).toMatchObject({ width: 1080, height: 1440 })
    const turned = rotateQuarter(start, bounds)
    expect(turned.height).toBe(1080)
    expect(turned.width).toBe(810)
    expectInside(turned, bounds)
  })

  it('maps the crop back to the unrotated source rect', () => {
    const crop: Crop = { x: 100, y: 200, width: 300, height: 400, rotation: 90 }
    // Rotated space is 1080 x 1920; its corners (100, 200) and (400, 600) are source
    // (200, 1080 - 100) and (600, 1080 - 400).
    expect(sourceRect(crop, FULL_HD)).toEqual({ x: 200, y: 680, width: 400, height: 300 })
    expect(sourceRect({ ...crop, rotation: 180 }, FULL_HD)).toEqual({
      x: 1520,
      y: 480,
      width: 300,
      height: 400,
    })
  })
})

describe('view mapping', () => {
  const viewport = { width: 320, height: 320 }

  it.each([0, 90, 180, 270] as QuarterTurn[])('round-trips points at rotation %i', (rotation) => {
    const crop = clampCrop({ x: 300, y: 100, width: 640, height: 640, rotation }, FULL_HD)
    for (const p of [
      { x: 0, y: 0 },
      { x: 160, y: 40 },
      { x: 320, y: 320 },
    ]) {
      const source = viewToSource(p, crop, viewport, FULL_HD)
      const back = sourceToView(source, crop, viewport, FULL_HD)
      expect(back.x).toBeCloseTo(p.x, 9)
      expect(back.y).toBeCloseTo(p.y, 9)
      // The matrix agrees with the point functions.
      const m = applyMatrix(cropViewMatrix(crop, FULL_HD, viewport), source)
      expect(m.x).toBeCloseTo(p.x, 9)
      expect(m.y).toBeCloseTo(p.y, 9)
    }
  })

  it('puts the crop rect exactly on the viewport', () => {
    const crop: Crop = { x: 420, y: 0, width: 1080, height: 1080, rotation: 0 }
    expect(viewToCropSpace({ x: 0, y: 0 }, crop, viewport)).toEqual({ x: 420, y: 0 })
    expect(viewToCropSpace({ x: 320, y: 320 }, crop, viewport)).toEqual({ x: 1500, y: 1080 })
    expect(cropViewMatrix(crop, FULL_HD, viewport)).toEqual([
      320 / 1080,
      0,
      0,
      320 / 1080,
      -420 * (320 / 1080),
      0,
    ])
  })

  it('turns a drag into a pan the other way, scaled to source pixels', () => {
    const crop = initialCrop(1920, 1080)
    const pan = dragToPan(32, -16, crop, viewport)
    expect(pan.x).toBeCloseTo(-108, 9)
    expect(pan.y).toBeCloseTo(54, 9)
  })

  it('keeps toRotated and fromRotated inverse for every turn', () => {
    for (const rotation of [0, 90, 180, 270] as QuarterTurn[]) {
      const p = { x: 123, y: 456 }
      expect(fromRotated(toRotated(p, FULL_HD, rotation), FULL_HD, rotation)).toEqual(p)
    }
    // A clockwise quarter turn takes the top-left corner to the top-right.
    expect(toRotated({ x: 0, y: 0 }, FULL_HD, 90)).toEqual({ x: 1080, y: 0 })
  })
})
