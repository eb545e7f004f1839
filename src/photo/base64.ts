import { sniffImageType, type ImageType } from './sniff.ts'

const MIME: Partial<Record<ImageType, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  bmp: 'image/bmp',
  heic: 'image/heic',
  avif: 'image/avif',
  tiff: 'image/tiff',
  // No SVG: a data URL of server-sent SVG could run script if ever opened as a document.
}

/** The MIME type for a sniffed image type, or undefined when it should not be shown. */
export function mimeForType(type: ImageType): string | undefined {
  return MIME[type]
}

/** Raw base64 of a Blob (no `data:...;base64,` prefix), as BioStar's `photo` field wants. */
export function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'))
    reader.readAsDataURL(blob)
  })
}

/** Strips a `data:` prefix and any whitespace or line breaks from base64 text. */
export function cleanBase64(base64: string): string {
  const comma = base64.startsWith('data:') ? base64.indexOf(',') : -1
  return base64.slice(comma + 1).replace(/\s+/g, '')
}

/** The decoded byte count of base64 text, without decoding it. */
export function base64ByteLength(base64: string): number {
  const text = cleanBase64(base64)
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  return Math.max(0, Math.floor((text.length * 3) / 4) - padding)
}

/** Decodes base64 text (a `data:` prefix is allowed) to bytes. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(cleanBase64(base64))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** A Blob of base64 image bytes, typed by sniffing them unless `type` is given. */
export function base64ToBlob(base64: string, type?: string): Blob {
  const bytes = base64ToBytes(base64)
  const mime = type ?? mimeForType(sniffImageType(bytes)) ?? 'application/octet-stream'
  return new Blob([bytes], { type: mime })
}

/**
 * A `data:` URL for showing a photo the server sent as raw base64; the type comes from the
 * bytes (BioStar stores whatever it was given), `fallbackType` when they are not recognised.
 */
export function base64ToDataUrl(base64: string, fallbackType = 'image/jpeg'): string {
  const text = cleanBase64(base64)
  // 64 characters decode to 48 bytes: enough for every magic number except SVG's.
  const head = base64ToBytes(text.slice(0, 64))
  return `data:${mimeForType(sniffImageType(head)) ?? fallbackType};base64,${text}`
}
