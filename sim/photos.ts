import jpeg from 'jpeg-js'

// Deterministic demo portraits: a head-and-shoulders silhouette on a coloured background.
// A handful of variants is shared by every seeded user, so 20,000 users cost no extra memory.

type Rgb = [number, number, number]

const BACKGROUNDS: Rgb[] = [
  [196, 214, 232],
  [222, 206, 184],
  [200, 226, 206],
  [230, 200, 210],
  [210, 210, 226],
  [236, 226, 190],
]
const SKIN: Rgb[] = [
  [241, 204, 170],
  [214, 164, 126],
  [160, 112, 80],
  [246, 220, 196],
]
const SHIRTS: Rgb[] = [
  [48, 72, 120],
  [120, 40, 48],
  [40, 96, 72],
  [72, 72, 72],
  [150, 110, 40],
]

// Each jpeg-js encode rebuilds its 64K-entry tables (~20 ms), so keep the set small.
export const DEMO_PHOTO_VARIANTS = 6

function pick<T>(list: T[], i: number): T {
  return list[i % list.length] as T
}

/** Renders variant `n` as a JPEG of `size` x `size` pixels. */
export function silhouetteJpeg(n: number, size = 96): Buffer {
  const bg = pick(BACKGROUNDS, n)
  const skin = pick(SKIN, n * 7 + 1)
  const shirt = pick(SHIRTS, n * 3 + 2)
  const data = Buffer.alloc(size * size * 4)
  const cx = size / 2
  const headY = size * 0.4
  const headR = size * 0.19
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = x - cx
      const inHead = dx * dx + (y - headY) ** 2 <= headR * headR
      const inNeck = Math.abs(dx) < size * 0.07 && y > headY && y < size * 0.7
      const sy = (y - size * 1.02) / (size * 0.34)
      const inShoulders = (dx / (size * 0.42)) ** 2 + sy * sy <= 1
      const colour = inShoulders ? shirt : inHead || inNeck ? skin : bg
      const o = (y * size + x) * 4
      data[o] = colour[0]
      data[o + 1] = colour[1]
      data[o + 2] = colour[2]
      data[o + 3] = 255
    }
  }
  return jpeg.encode({ data, width: size, height: size }, 80).data
}

let cache: string[] | undefined

/** Base64 of every demo variant, rendered once per process. */
export function demoPhotos(): string[] {
  cache ??= Array.from({ length: DEMO_PHOTO_VARIANTS }, (_, n) =>
    silhouetteJpeg(n).toString('base64'),
  )
  return cache
}
