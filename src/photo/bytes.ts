/** Binary input the header readers accept. */
export type BytesLike = Uint8Array | ArrayBuffer

/** A Uint8Array view over `data` without copying. */
export function toBytes(data: BytesLike): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data)
}

/** Big-endian unsigned 16-bit at `at`, or -1 past the end. */
export function u16be(b: Uint8Array, at: number): number {
  if (at + 2 > b.length) return -1
  return (b[at]! << 8) | b[at + 1]!
}

/** Big-endian unsigned 32-bit at `at`, or -1 past the end. */
export function u32be(b: Uint8Array, at: number): number {
  if (at + 4 > b.length) return -1
  return ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!
}

/** Little-endian unsigned 16-bit at `at`, or -1 past the end. */
export function u16le(b: Uint8Array, at: number): number {
  if (at + 2 > b.length) return -1
  return b[at]! | (b[at + 1]! << 8)
}

/** Little-endian unsigned 24-bit at `at`, or -1 past the end. */
export function u24le(b: Uint8Array, at: number): number {
  if (at + 3 > b.length) return -1
  return b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)
}

/** The bytes at `at` read as ASCII (for four-character codes). */
export function ascii(b: Uint8Array, at: number, length: number): string {
  let s = ''
  for (let i = at; i < at + length && i < b.length; i++) s += String.fromCharCode(b[i]!)
  return s
}
