/** Largest file accepted for a photo (25 MiB); checked on `Blob.size`, before any read. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024

/** Largest picture accepted, from the header, before decoding (50 megapixels). */
export const MAX_PIXELS = 50_000_000

/** Largest canvas iPad Safari renders (larger ones come out blank), so the pipeline stays below. */
export const MAX_CANVAS_PIXELS = 16_777_216

/** The reader's photo slot (device SDK `BS2_USER_PHOTO_SIZE = 16 * 1024`); a hard ceiling. */
export const DEVICE_PHOTO_LIMIT = 16_384

/** Whether a photo of `bytes` bytes fits the device slot. */
export function fitsDevice(bytes: number): boolean {
  return bytes > 0 && bytes <= DEVICE_PHOTO_LIMIT
}
