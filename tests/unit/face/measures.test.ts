// The pure face measures on generated landmarks and pixels: geometry (head height, roll, yaw),
// lighting (dark, bright, backlit) and sharpness (the variance of the Laplacian).
import { describe, expect, it } from 'vitest'
import {
  GUIDE_RULES,
  assessFrame,
  faceGeometry,
  geometryFromBox,
  headRect,
  innerFaceRect,
  laplacianVariance,
  lumaStats,
  measureLighting,
  scaleFace,
  sharpness,
  HEAD_PER_BOX_HEIGHT,
  type Pixels,
  type Rect,
} from '@/face/index.ts'
import { face } from '../../helpers/synthetic-face.ts'

describe('face geometry from landmarks', () => {
  it('reads the eye line, head height (twice eye to chin) and centre', () => {
    const g = faceGeometry(face({ cx: 300, eyeY: 180, eyeToChin: 120 }))
    expect(g.fromLandmarks).toBe(true)
    expect(g.eyeMid.x).toBeCloseTo(300, 6)
    expect(g.eyeMid.y).toBeCloseTo(180, 6)
    expect(g.eyeToChin).toBeCloseTo(120, 6)
    expect(g.headHeight).toBeCloseTo(240, 6)
    expect(g.centre).toEqual(g.eyeMid)
    expect(g.roll).toBeCloseTo(0, 6)
    expect(g.yaw).toBeCloseTo(0, 6)
  })

  it('measures roll, and eye-to-chin along the tilted face', () => {
    for (const roll of [-20, -8, 5, 15]) {
      const g = faceGeometry(face({ roll, eyeToChin: 100 }))
      expect(g.roll).toBeCloseTo(roll, 6)
      expect(g.eyeToChin).toBeCloseTo(100, 6)
    }
  })

  it('reads a turned head from the nose against the jaw, signed', () => {
    const frontal = faceGeometry(face()).yaw
    const right = faceGeometry(face({ noseShift: 20 })).yaw
    const left = faceGeometry(face({ noseShift: -20 })).yaw
    expect(Math.abs(frontal)).toBeLessThan(0.01)
    expect(right).toBeGreaterThan(0.2)
    expect(left).toBeCloseTo(-right, 6)
  })

  it('falls back to the box without landmarks, and scales with the frame', () => {
    const box = { x: 100, y: 50, width: 80, height: 100 }
    const g = faceGeometry({ box, score: 0.8, landmarks: [] })
    expect(g).toEqual(geometryFromBox(box))
    expect(g.fromLandmarks).toBe(false)
    expect(g.headHeight).toBeCloseTo(100 * HEAD_PER_BOX_HEIGHT, 6)
    const scaled = faceGeometry(scaleFace(face({ eyeToChin: 50 }), 2))
    expect(scaled.headHeight).toBeCloseTo(200, 6)
  })
})

// ---- pixels

/** Fills an RGBA buffer; `paint` returns [r, g, b]. */
function picture(
  width: number,
  height: number,
  paint: (x: number, y: number) => number[],
): Pixels & { data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = paint(x, y)
      const i = (y * width + x) * 4
      data[i] = r!
      data[i + 1] = g!
      data[i + 2] = b!
      data[i + 3] = 255
    }
  }
  return { width, height, data }
}

/** A deterministic pseudo-random generator. */
function random(seed: number) {
  return () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    return seed / 4294967296
  }
}

/**
 * A portrait-like picture at `scale` (1 = 320 x 240): backdrop `bg`, an oval face of `skin`
 * luma with eyes, brows, mouth and fine skin texture, hair strands above it.
 */
function portrait(scale = 1, { bg = 150, skin = 150 } = {}) {
  const w = 320 * scale
  const h = 240 * scale
  const next = random(5)
  const grain = Array.from({ length: 64 * 64 }, () => (next() - 0.5) * 24)
  return picture(w, h, (x, y) => {
    const u = x / scale
    const v = y / scale
    const fx = (u - 160) / 48
    const fy = (v - 120) / 62
    const inFace = fx * fx + fy * fy < 1
    const hair = (u - 160) ** 2 / 58 ** 2 + (v - 92) ** 2 / 55 ** 2 < 1 && !inFace
    let l = bg
    if (hair) l = 60 + 40 * Math.sin(u * 1.3)
    if (inFace) {
      l = skin + grain[(Math.floor(v) % 64) * 64 + (Math.floor(u) % 64)]!
      const eye = (cx: number) => (u - cx) ** 2 / 81 + (v - 108) ** 2 / 16 < 1
      if (eye(142) || eye(178)) l = 40
      if (Math.abs(v - 98) < 2 && (Math.abs(u - 142) < 12 || Math.abs(u - 178) < 12)) l = skin - 70
      if (Math.abs(v - 150) < 2.5 && Math.abs(u - 160) < 16) l = skin - 60
    }
    return [l * 1.05, l, l * 0.9]
  })
}

/** A separable box blur of radius `r` (focus or motion blur). */
function blurred(px: Pixels & { data: Uint8ClampedArray }, r: number) {
  const { width: w, height: h } = px
  const pass = (src: Uint8ClampedArray, dx: number, dy: number) => {
    const out = new Uint8ClampedArray(src.length)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let c = 0; c < 4; c++) {
          let sum = 0
          for (let k = -r; k <= r; k++) {
            const xx = Math.min(Math.max(x + k * dx, 0), w - 1)
            const yy = Math.min(Math.max(y + k * dy, 0), h - 1)
            sum += src[(yy * w + xx) * 4 + c]!
          }
          out[(y * w + x) * 4 + c] = sum / (2 * r + 1)
        }
    return out
  }
  return { width: w, height: h, data: pass(pass(px.data, 1, 0), 0, 1) }
}

const faceRect = (scale = 1): Rect => ({
  x: 120 * scale,
  y: 90 * scale,
  width: 80 * scale,
  height: 80 * scale,
})

describe('sharpness (variance of the Laplacian, size- and contrast-normalised)', () => {
  it('ranks a sharp picture above blurred versions of it, and flags the blur', () => {
    const sharp = portrait()
    const values = [0, 1, 2, 4].map((r) => sharpness(r ? blurred(sharp, r) : sharp, faceRect()))
    expect(values[0]).toBeGreaterThan(GUIDE_RULES.minSharpness)
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1]!)
    // A 4 px blur on an 80 px face (5 %): what a moving head or missed focus looks like.
    expect(values[3]).toBeLessThan(GUIDE_RULES.minSharpness)
    expect(values[0]! / values[3]!).toBeGreaterThan(5)
  })

  it('does not depend on how many pixels the face covers', () => {
    const small = sharpness(portrait(1), faceRect(1))
    const large = sharpness(portrait(2), faceRect(2))
    // The same picture at twice the size: each grain pixel covers four; the measure resamples.
    expect(large / small).toBeGreaterThan(0.75)
    expect(large / small).toBeLessThan(1.33)
  })

  it('does not call a dim face blurred', () => {
    const bright = sharpness(portrait(1, { skin: 170 }), faceRect())
    const dim = sharpness(portrait(1, { skin: 60, bg: 50 }), faceRect())
    expect(dim).toBeGreaterThan(GUIDE_RULES.minSharpness)
    expect(dim / bright).toBeGreaterThan(0.5)
  })

  it('is zero on a flat region and grows with detail', () => {
    const flat = picture(32, 32, () => [90, 90, 90])
    expect(sharpness(flat)).toBe(0)
    expect(laplacianVariance(new Float32Array(9).fill(4), 3, 3)).toBe(0)
    const stripes = picture(64, 64, (x) => (x % 2 ? [200, 200, 200] : [50, 50, 50]))
    expect(sharpness(stripes, undefined, 64)).toBeGreaterThan(1)
  })
})

describe('lighting: dark, bright, backlit', () => {
  // A face in the middle of a 320 x 240 frame, with landmarks to go with the pixels.
  const f = face({ cx: 160, eyeY: 110, eyeToChin: 60 })
  const g = faceGeometry(f)

  function lit(skin: number, bg: number) {
    const inner = innerFaceRect(g)
    const head = headRect(g)
    return picture(320, 240, (x, y) => {
      const inFace =
        x >= inner.x && x < inner.x + inner.width && y >= inner.y && y < inner.y + inner.height
      const inHead =
        x >= head.x && x < head.x + head.width && y >= head.y && y < head.y + head.height
      const l = inFace || inHead ? skin + ((x * 7 + y * 3) % 9) - 4 : bg
      return [l, l, l]
    })
  }

  function instruction(skin: number, bg: number) {
    const px = lit(skin, bg)
    const lighting = measureLighting(px, innerFaceRect(g), headRect(g))
    return {
      lighting,
      assessed: assessFrame({ faces: [f], width: 320, height: 240, lighting, sharpness: 1 }),
    }
  }

  it('passes a well lit face', () => {
    const { lighting, assessed } = instruction(140, 130)
    expect(lighting.face.mean).toBeGreaterThan(130)
    expect(assessed.checks.find((c) => c.id === 'exposure')?.state).toBe('pass')
    expect(assessed.checks.find((c) => c.id === 'backlight')?.state).toBe('pass')
  })

  it('flags a dark face: "More light"', () => {
    const { assessed } = instruction(40, 35)
    expect(assessed.checks.find((c) => c.id === 'exposure')).toMatchObject({
      state: 'fail',
      instruction: 'moreLight',
    })
  })

  it('flags a bright, washed-out face: "Less light"', () => {
    const { lighting, assessed } = instruction(250, 200)
    expect(lighting.face.blown).toBeGreaterThan(0.5)
    expect(assessed.checks.find((c) => c.id === 'exposure')?.instruction).toBe('lessLight')
  })

  it('flags a face against a bright window: "Light from the front"', () => {
    const { lighting, assessed } = instruction(95, 245)
    expect(lighting.backlight).toBeGreaterThan(GUIDE_RULES.maxBacklight)
    expect(assessed.instruction).toBe('lightFront')
  })

  it('counts crushed and blown pixels, skipping an excluded region', () => {
    const half = picture(10, 10, (x) => (x < 5 ? [0, 0, 0] : [255, 255, 255]))
    expect(lumaStats(half)).toMatchObject({ dark: 0.5, blown: 0.5, count: 100 })
    const right = lumaStats(half, undefined, 1, { x: 0, y: 0, width: 5, height: 10 })
    expect(right).toMatchObject({ mean: 255, count: 50 })
  })
})
