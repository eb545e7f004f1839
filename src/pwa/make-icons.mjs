// Writes the app icons (public/icons/*.png) from the logo in public/favicon.svg, with Node's zlib
// only: `node src/pwa/make-icons.mjs`. Not part of the app bundle; the PNGs are kept in the repo.
import { mkdirSync, writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const OUT = new URL('../../public/icons/', import.meta.url)
const PRIMARY = [0x1f, 0x4e, 0x79]
const WHITE = [0xff, 0xff, 0xff]

// --- the logo, in favicon.svg's 64-unit box -------------------------------------------------

function cubic(p0, p1, p2, p3, steps = 48) {
  const points = []
  for (let i = 1; i <= steps; i++) {
    const t = i / steps
    const u = 1 - t
    points.push([
      u * u * u * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t * t * t * p3[0],
      u * u * u * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t * t * t * p3[1],
    ])
  }
  return points
}

// "M12 54c3-11 11-16 20-16s17 5 20 16z"
const BODY = [
  [12, 54],
  ...cubic([12, 54], [15, 43], [23, 38], [32, 38]),
  ...cubic([32, 38], [41, 38], [49, 43], [52, 54]),
]

function insidePolygon(x, y, polygon) {
  let inside = false
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]
    const [xj, yj] = polygon[j]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

function insideRoundedRect(x, y, size, radius) {
  if (x < 0 || y < 0 || x > size || y > size) return false
  const cx = Math.min(Math.max(x, radius), size - radius)
  const cy = Math.min(Math.max(y, radius), size - radius)
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius
}

/**
 * The colour (or null: transparent) at a point of a `size` icon. `maskable`: a full-bleed square
 * with the figure inside the central safe circle (radius 40 %), as Android crops it.
 */
function paint(x, y, size, maskable) {
  const background = maskable
    ? x >= 0 && y >= 0 && x <= size && y <= size
    : insideRoundedRect(x, y, size, (size * 12) / 64)
  if (!background) return null
  // The figure spans y 15..54 of 64; maskable icons shrink it to fit the safe zone.
  const scale = maskable ? 0.72 : 1
  const u = ((x / size - 0.5) / scale) * 64 + 32
  const v = ((y / size - 0.5) / scale) * 64 + 32 + (maskable ? 2.5 : 0)
  const head = (u - 32) ** 2 + (v - 26) ** 2 <= 11 * 11
  if (head || (v >= 38 && v <= 54 && insidePolygon(u, v, BODY))) return WHITE
  return PRIMARY
}

/** RGBA pixels, 4x4 supersampled. */
function render(size, maskable) {
  const pixels = Buffer.alloc(size * size * 4)
  const n = 4
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0
      let g = 0
      let b = 0
      let a = 0
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = paint(px + (sx + 0.5) / n, py + (sy + 0.5) / n, size, maskable)
          if (!c) continue
          r += c[0]
          g += c[1]
          b += c[2]
          a++
        }
      }
      const o = (py * size + px) * 4
      if (a > 0) {
        pixels[o] = Math.round(r / a)
        pixels[o + 1] = Math.round(g / a)
        pixels[o + 2] = Math.round(b / a)
        pixels[o + 3] = Math.round((a / (n * n)) * 255)
      }
    }
  }
  return pixels
}

// --- PNG --------------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes) {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0 // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

mkdirSync(OUT, { recursive: true })
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['maskable-192.png', 192, true],
  ['maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
]) {
  const png = encodePng(size, render(size, maskable))
  writeFileSync(new URL(name, OUT), png)
  console.log(`${name}: ${size}x${size}, ${png.length} bytes`)
}
