import { request } from './client.ts'
import { ApiError } from './errors.ts'
import { str } from './parse.ts'
import { userPath } from './user-id.ts'

// Visual Face from a photo (biostar-api.md section 6): BioStar checks and normalises the
// picture, returns two templates, and the normalised image is attached to the user.

interface Opts {
  signal?: AbortSignal
}

/** The real template length: 32-byte header + 512 data; BioStar pads it in a larger buffer. */
export const VISUAL_FACE_TEMPLATE_BYTES = 544

/** What upload_picture answered: the normalised face JPEG and its templates (trimmed). */
export interface CheckedPicture {
  /** BioStar's normalised (cropped) face image, raw base64. The one to attach, never the original. */
  image: string
  templates: {
    /** `image_template` -> credential_bin_type "5" (FaceStation F2). */
    fiveBase64: string
    /** `image_template_2` -> credential_bin_type "9" (BioStation 3, BioEntry W3). */
    nineBase64: string
  }
}

/** Why BioStar refused a picture, for the UI (`face.visual.errors.*`). */
export type VisualFaceReason =
  | 'resolution' // 30000
  | 'noFace' // 30008
  | 'tooSmall' // 30010
  | 'notStraight' // 30011
  | 'eyes' // 30012
  | 'noTemplate' // a 200 with empty templates
  | 'tooLarge' // over 10 MB or 4000 x 4000 (checked before sending)

export const VISUAL_FACE_CODES: Readonly<Record<string, VisualFaceReason>> = {
  '30000': 'resolution',
  '30008': 'noFace',
  '30010': 'tooSmall',
  '30011': 'notStraight',
  '30012': 'eyes',
}

/** Code on the ApiError thrown when the reply carries no usable template. */
export const NO_TEMPLATE_CODE = 'no-face-template'

/** The visual-face reason behind an error from checkPicture / attachVisualFace, else null. */
export function visualFaceReason(error: unknown): VisualFaceReason | null {
  if (!(error instanceof ApiError) || error.code === undefined) return null
  if (error.code === NO_TEMPLATE_CODE) return 'noTemplate'
  return VISUAL_FACE_CODES[error.code] ?? null
}

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64.replace(/\s+/g, ''))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

function base64Of(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

/** A template cut to its real length (BioStar returns it padded; devices reject the padding). */
export function trimTemplate(base64: string, length = VISUAL_FACE_TEMPLATE_BYTES): string {
  const bytes = bytesOf(base64)
  return bytes.length <= length ? base64Of(bytes) : base64Of(bytes.subarray(0, length))
}

/**
 * PUT /api/users/check/upload_picture: BioStar finds the face in a JPEG/PNG (raw base64, at
 * most 10 MB and 4000 x 4000) and answers the normalised image and two templates. Refusals come
 * as ApiError with code "30000" / "30008" / "30010" / "30011" / "30012" (visualFaceReason).
 */
export async function checkPicture(base64: string, opts: Opts = {}): Promise<CheckedPicture> {
  const data = await request('/users/check/upload_picture', {
    method: 'PUT',
    body: { template_ex_picture: base64 },
    signal: opts.signal,
  })
  // Attached again as it came, so kept compact: BioStar may refuse base64 with line breaks.
  const image = str(data.image).replace(/\s+/g, '')
  const five = str(data.image_template)
  const nine = str(data.image_template_2)
  // A 200 with empty templates means no usable face (biostar-api.md section 6).
  if (!image || !five || !nine)
    throw new ApiError({
      kind: 'rejected',
      status: 200,
      code: NO_TEMPLATE_CODE,
      serverMessage: 'BioStar returned no face template.',
    })
  return { image, templates: { fiveBase64: trimTemplate(five), nineBase64: trimTemplate(nine) } }
}

/**
 * PUT /api/users/:id with credentials.visualFaces: attaches the normalised image and its
 * templates (shape (b) of biostar-api.md section 6). This replaces the user's visual faces.
 */
export async function attachVisualFace(
  userId: string,
  result: CheckedPicture,
  opts: Opts = {},
): Promise<void> {
  await request(userPath(userId), {
    method: 'PUT',
    body: {
      User: {
        credentials: {
          visualFaces: [
            {
              template_ex_normalized_image: result.image,
              templates: [
                { template_ex: result.templates.nineBase64, credential_bin_type: '9' },
                { template_ex: result.templates.fiveBase64, credential_bin_type: '5' },
              ],
              flag: '1',
              useProfile: 'true',
            },
          ],
          check_visualFace_img_validation: false,
        },
      },
    },
    signal: opts.signal,
  })
}

/**
 * Both steps of a Visual Face enrollment in order: upload_picture, then the PUT that attaches
 * BioStar's normalised image and templates to the user. Returns what upload_picture answered.
 */
export async function enrollVisualFace(
  userId: string,
  base64: string,
  opts: Opts = {},
): Promise<CheckedPicture> {
  const result = await checkPicture(base64, opts)
  await attachVisualFace(userId, result, opts)
  return result
}
