import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import jpeg from 'jpeg-js'
import { encodePng } from './png.ts'
import { progressiveJpeg } from './progressive-jpeg.ts'

// The "realistic mess" of a site that has used BioStar for years (SimOptions.photoMess): real
// faces (face-api's sample photographs) framed by the desk's rule, and among them, always on the
// same users, photos too large for the reader's slot, progressive JPEGs, PNGs, 64 px thumbnails,
// one photo shared by two users, photos without a face and with two. Every photo's bytes are
// unique (a JPEG comment or PNG text naming the user) except the shared pair.

/** What a seeded photo is; 'ok' fits readers and shows one face. */
export type MessKind =
  'ok' | 'too-large' | 'progressive' | 'png' | 'tiny' | 'no-face' | 'two-faces' | 'duplicate'

/**
 * The kind of the k-th user with a photo (0-based, in seed order): a tenth too large, and a
 * few of each other kind in every hundred. The same rule serves 60 demo users and 20,000.
 */
export function messKind(k: number): MessKind {
  const r = k % 100
  if (r === 2) return 'progressive'
  if (r === 5) return 'png'
  if (r === 8) return 'tiny'
  if (r === 12) return 'no-face'
  if (r === 14) return 'two-faces'
  if (r === 16 || r === 17) return 'duplicate'
  if (r % 10 === 1) return 'too-large'
  return 'ok'
}

interface Rgba {
  width: number
  height: number
  data: Uint8Array
}

const samples = new Map<number, Rgba>()

function sample(n: number): Rgba {
  let photo = samples.get(n)
  if (!photo) {
    const require = createRequire(import.meta.url)
    const file = require.resolve(`@vladmandic/face-api/demo/sample${n}.jpg`)
    const decoded = jpeg.decode(readFileSync(file), { useTArray: true, formatAsRGBA: true })
    photo = { width: decoded.width, height: decoded.height, data: decoded.data }
    samples.set(n, photo)
  }
  return photo
}

/** A square region of a sample (original pixels), scaled to `size` by averaging 3x3 samples. */
interface Region {
  sample: number
  left: number
  top: number
  side: number
  mirror?: boolean
}

function render(region: Region, size: number): Rgba {
  const src = sample(region.sample)
  const data = new Uint8Array(size * size * 4)
  const scale = region.side / size
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const ox = region.mirror ? size - 1 - x : x
      let r = 0
      let g = 0
      let b = 0
      for (let j = 0; j < 3; j++) {
        for (let i = 0; i < 3; i++) {
          const sx = Math.round(region.left + (ox + (i + 0.5) / 3) * scale)
          const sy = Math.round(region.top + (y + (j + 0.5) / 3) * scale)
          const cx = Math.min(Math.max(sx, 0), src.width - 1)
          const cy = Math.min(Math.max(sy, 0), src.height - 1)
          const o = (cy * src.width + cx) * 4
          r += src.data[o]!
          g += src.data[o + 1]!
          b += src.data[o + 2]!
        }
      }
      const o = (y * size + x) * 4
      data[o] = r / 9
      data[o + 1] = g / 9
      data[o + 2] = b / 9
      data[o + 3] = 255
    }
  }
  return { width: size, height: size, data }
}

/** The desk's framing: eyes on the 40% line, the head (crown to chin) 60% of the height. */
function framed(s: number, eyeX: number, eyeY: number, head: number, mirror = false): Region {
  const side = head / 0.6
  return { sample: s, left: eyeX - side / 2, top: eyeY - 0.4 * side, side, mirror }
}

// Faces with no neighbour inside the frame (sample3's is the one face-lab.server.ts measured).
const PORTRAITS: Region[] = [
  framed(3, 674, 432, 339),
  framed(1, 1540, 330, 290),
  framed(3, 674, 432, 339, true),
  framed(1, 1540, 330, 290, true),
]
/** sample3's middle and right women side by side. */
const TWO_FACES: Region = { sample: 3, left: 1080, top: 158, side: 640 }
/** sample3's lower left corner: a sofa and a knee, no face. */
const NO_FACE: Region = { sample: 3, left: 0, top: 760, side: 480 }

const encodeJpeg = (image: Rgba, quality: number): Buffer =>
  Buffer.from(jpeg.encode({ ...image, data: Buffer.from(image.data) }, quality).data)

const variants = new Map<string, Buffer>()

function variant(key: string, make: () => Buffer): Buffer {
  let bytes = variants.get(key)
  if (!bytes) {
    bytes = make()
    variants.set(key, bytes)
  }
  return bytes
}

// Too-large photos: about 35, 110 and 280 KB.
const LARGE = [
  { size: 440, quality: 90 },
  { size: 640, quality: 90 },
  { size: 960, quality: 92 },
]

/** The bytes of kind `kind`, picture number `n` (before the per-user marker). */
function baseBytes(kind: MessKind, n: number): Buffer {
  const portrait = PORTRAITS[n % PORTRAITS.length]!
  const half = PORTRAITS[n % 2]!
  switch (kind) {
    case 'too-large': {
      const { size, quality } = LARGE[n % LARGE.length]!
      return variant(`large-${n % 3}`, () => encodeJpeg(render(portrait, size), quality))
    }
    case 'progressive':
      return variant(`prog-${n % 2}`, () => {
        const image = render(half, 480)
        return progressiveJpeg(image.data, image.width, image.height)
      })
    case 'png':
      return variant(`png-${n % 2}`, () => {
        const image = render(half, 240)
        return encodePng(image.data, image.width, image.height)
      })
    case 'tiny':
      return variant(`tiny-${n % 2}`, () => encodeJpeg(render(half, 64), 80))
    case 'no-face':
      return variant('no-face', () => encodeJpeg(render(NO_FACE, 240), 70))
    case 'two-faces':
      return variant('two-faces', () => encodeJpeg(render(TWO_FACES, 240), 70))
    default:
      return variant(`ok-${n % 4}`, () => encodeJpeg(render(portrait, 240), 70))
  }
}

/** A JPEG comment (or PNG text) right after the signature: same picture, different bytes. */
function marked(bytes: Buffer, text: string): Buffer {
  const note = Buffer.from(text, 'latin1')
  if (bytes[0] === 0x89) {
    // PNG: the signature and IHDR (8 + 25 bytes), then a tEXt chunk, then the rest.
    const withText = encodePngText(note)
    return Buffer.concat([bytes.subarray(0, 33), withText, bytes.subarray(33)])
  }
  const head = Buffer.from([0xff, 0xfe, (note.length + 2) >> 8, (note.length + 2) & 0xff])
  return Buffer.concat([bytes.subarray(0, 2), head, note, bytes.subarray(2)])
}

function encodePngText(note: Buffer): Buffer {
  // Reuse the encoder's chunk writer through a 1x1 picture carrying the text.
  const png = encodePng(new Uint8Array(4), 1, 1, note.toString('latin1'))
  const at = png.indexOf('tEXt', 8, 'latin1') - 4
  const length = png.readUInt32BE(at)
  return png.subarray(at, at + 12 + length)
}

/** Base64 of the k-th photo user's photo; `userId` makes its bytes its own. */
export function messPhoto(k: number, userId: string): string {
  const kind = messKind(k)
  // The two users of a shared photo get the very same bytes.
  const marker = kind === 'duplicate' ? `shared ${Math.floor(k / 100)}` : `user ${userId}`
  const n = kind === 'duplicate' ? k - (k % 100) : k
  return marked(baseBytes(kind, n), `photo-desk-sim ${marker}`).toString('base64')
}
