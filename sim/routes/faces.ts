import { createHash } from 'node:crypto'
import jpeg from 'jpeg-js'
import { isObject } from '../context.ts'
import type { Handler } from '../context.ts'
import { fail, ok } from '../envelope.ts'
import { decodeImage, imageSize } from '../images.ts'
import type { ImageKind } from '../images.ts'
import { silhouetteJpeg } from '../photos.ts'

// PUT /api/users/check/upload_picture: photo -> normalised face image + two templates.
// No face detection: the "face" is the centred square, and failures are forced by option.

const MAX_BYTES = 10 * 1024 * 1024
const MAX_SIDE = 4000
const NORMALISED_SIDE = 256
/** Real templates are 544 bytes but come back in a larger fixed buffer (section 6). */
const TEMPLATE_BYTES = 544
const TEMPLATE_BUFFER = 550
/** Keep memory bounded: strict visual-face checks only need recent uploads. */
const ISSUED_LIMIT = 200

const FACE_ERRORS: Record<string, string> = {
  '30000': 'The resolution of the image is too low.',
  '30008': 'No face was detected in the image.',
  '30010': 'The face in the image is too small.',
  '30011': 'The face in the image is not straight.',
  '30012': 'The eyes are not looking at the centre.',
}

/** Centre square of a JPEG, resampled to 256 px; PNGs get a stand-in portrait. */
function normalise(bytes: Buffer, kind: ImageKind, seed: number): Buffer | undefined {
  if (kind === 'png') return silhouetteJpeg(seed, NORMALISED_SIDE)
  let decoded
  try {
    decoded = jpeg.decode(bytes, { useTArray: true, maxMemoryUsageInMB: 1024 })
  } catch {
    return undefined
  }
  const side = Math.min(decoded.width, decoded.height)
  const x0 = Math.floor((decoded.width - side) / 2)
  const y0 = Math.floor((decoded.height - side) / 2)
  const out = Buffer.alloc(NORMALISED_SIDE * NORMALISED_SIDE * 4)
  for (let y = 0; y < NORMALISED_SIDE; y++) {
    const sy = y0 + Math.floor((y * side) / NORMALISED_SIDE)
    for (let x = 0; x < NORMALISED_SIDE; x++) {
      const sx = x0 + Math.floor((x * side) / NORMALISED_SIDE)
      const from = (sy * decoded.width + sx) * 4
      const to = (y * NORMALISED_SIDE + x) * 4
      out[to] = decoded.data[from] ?? 0
      out[to + 1] = decoded.data[from + 1] ?? 0
      out[to + 2] = decoded.data[from + 2] ?? 0
      out[to + 3] = 255
    }
  }
  return jpeg.encode({ data: out, width: NORMALISED_SIDE, height: NORMALISED_SIDE }, 85).data
}

/** A deterministic 544-byte template (32-byte header + 512 data) derived from the image. */
function template(image: Buffer, binType: string): Buffer {
  const bytes = Buffer.alloc(TEMPLATE_BYTES)
  bytes.write(`BSVF${binType}`, 0, 'latin1')
  let block = createHash('sha256').update(binType).update(image).digest()
  for (let o = 32; o < TEMPLATE_BYTES; o += block.length) {
    block.copy(bytes, o)
    block = createHash('sha256').update(block).digest()
  }
  return bytes
}

export const uploadPicture: Handler = (state, call) => {
  const { options } = state
  const picture = isObject(call.body) ? call.body.template_ex_picture : undefined
  if (picture === undefined) {
    return fail(400, options.badRequestCode, 'The body must be {"template_ex_picture":"<base64>"}.')
  }
  const image = decodeImage(picture, options.base64Whitespace, 'template_ex_picture')
  if (!image.ok) return fail(400, options.badPhotoCode, image.message)
  if (image.bytes.length > MAX_BYTES) {
    return fail(400, options.badPhotoCode, 'The image is larger than 10 MB.')
  }
  const size = imageSize(image.bytes, image.kind)
  if (!size) return fail(400, options.badPhotoCode, 'The image data is corrupt.')
  if (size.width > MAX_SIDE || size.height > MAX_SIDE) {
    return fail(400, options.badPhotoCode, 'The image must be at most 4000 x 4000 pixels.')
  }
  const min = options.uploadMinSize
  if (min > 0 && (size.width < min || size.height < min)) {
    return fail(400, '30000', FACE_ERRORS['30000'] as string)
  }
  const forced = options.uploadPictureCode
  if (forced) return fail(400, forced, FACE_ERRORS[forced] ?? 'Face extraction failed.')

  const seed = image.bytes.readUInt32BE(image.bytes.length - 4)
  const normalised = normalise(image.bytes, image.kind, seed)
  if (!normalised) return fail(400, options.badPhotoCode, 'The image data is corrupt.')
  const t5 = template(normalised, '5')
  const t9 = template(normalised, '9')
  const padded = (t: Buffer) => Buffer.concat([t, Buffer.alloc(TEMPLATE_BUFFER - t.length)])
  const imageB64 = normalised.toString('base64')
  state.issuedImages.set(imageB64, { '5': t5, '9': t9 })
  if (state.issuedImages.size > ISSUED_LIMIT) {
    const oldest = state.issuedImages.keys().next().value
    if (oldest !== undefined) state.issuedImages.delete(oldest)
  }
  return ok({
    image: imageB64,
    image_template: padded(t5).toString('base64'),
    image_template_2: padded(t9).toString('base64'),
  })
}
