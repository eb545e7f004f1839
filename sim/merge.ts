import { scalar } from './context.ts'
import { toBioStarDate } from './dates.ts'
import { DEVICE_PHOTO_LIMIT, decodeImage } from './images.ts'
import type { ResolvedOptions } from './options.ts'
import type { UserStore } from './store.ts'
import type { StoredUser, VisualFace } from './types.ts'
import { stringifyScalars } from './wire.ts'

// PUT /api/users/:id: merge only the supplied fields, lenient about numbers vs strings and
// booleans vs "true"/"false", strict about anything that would corrupt the record.

export type MergeResult =
  | { ok: true; user: StoredUser; photoTouched: boolean; password?: string }
  | { ok: false; code: string; message: string }

const TEXT_LIMITS: Record<string, number> = {
  name: 48,
  email: 320,
  phone: 32,
  department: 64,
  user_title: 64,
  login_id: 32,
}
const INTEGER_FIELDS = ['gender', 'security_level', 'display_duration', 'display_count']
const BOOLEAN_FIELDS = ['disabled', 'inherited']
const DATE_FIELDS = ['start_datetime', 'expiry_datetime'] as const

type Text = keyof StoredUser & string

export function bool(value: unknown): string | undefined {
  if (value === true || value === 'true') return 'true'
  if (value === false || value === 'false') return 'false'
  return undefined
}

export interface MergeContext {
  store: UserStore
  options: ResolvedOptions
  /** Images upload_picture returned, with their 544-byte templates by credential_bin_type. */
  issuedImages: Map<string, Record<string, Buffer>>
}

export function mergeUser(
  current: StoredUser,
  patch: Record<string, unknown>,
  ctx: MergeContext,
): MergeResult {
  const { options } = ctx
  const bad = (message: string): MergeResult => ({
    ok: false,
    code: options.badRequestCode,
    message,
  })
  const next: StoredUser = { ...current }
  let photoTouched = false
  let password: string | undefined

  if ('user_id' in patch && scalar(patch.user_id) !== current.user_id) {
    return bad('user_id in the body does not match the user id in the path.')
  }
  for (const [field, limit] of Object.entries(TEXT_LIMITS)) {
    if (!(field in patch)) continue
    const value = scalar(patch[field])
    if (value === undefined) return bad(`${field} must be a string.`)
    if (value.length > limit) return bad(`${field} is longer than ${limit} characters.`)
    ;(next as unknown as Record<string, string>)[field as Text] = value
  }
  for (const field of INTEGER_FIELDS) {
    if (!(field in patch)) continue
    const value = scalar(patch[field])
    if (value === undefined || !/^\d+$/.test(value)) return bad(`${field} must be a number.`)
    ;(next as unknown as Record<string, string>)[field] = String(Number(value))
  }
  for (const field of BOOLEAN_FIELDS) {
    if (!(field in patch)) continue
    const value = bool(patch[field])
    if (value === undefined) return bad(`${field} must be true or false.`)
    ;(next as unknown as Record<string, string>)[field] = value
  }
  for (const field of DATE_FIELDS) {
    if (!(field in patch)) continue
    const value = scalar(patch[field])
    const time = value === undefined ? NaN : Date.parse(value)
    if (!Number.isFinite(time)) return bad(`${field} must be an ISO-8601 date-time.`)
    next[field] = toBioStarDate(new Date(time))
  }
  if (Date.parse(next.start_datetime) >= Date.parse(next.expiry_datetime)) {
    return bad('start_datetime must be before expiry_datetime.')
  }
  if ('user_group_id' in patch) {
    const raw = patch.user_group_id
    const id = scalar(raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : raw)
    const group = id === undefined ? undefined : ctx.store.group(id)
    if (!group) return bad(`User group ${id ?? '?'} does not exist.`)
    next.user_group_id = { ...group }
  }
  if ('password' in patch) {
    const value = scalar(patch.password)
    if (!value) return bad('password must be a non-empty string.')
    password = value
    next.password_exists = 'true'
  }
  if ('pin' in patch) next.pin_exists = scalar(patch.pin) ? 'true' : 'false'
  if ('access_groups' in patch) {
    if (!Array.isArray(patch.access_groups)) return bad('access_groups must be a list.')
    next.access_groups = stringifyScalars(patch.access_groups) as StoredUser['access_groups']
  }

  if ('photo' in patch) {
    photoTouched = true
    const photo = patch.photo
    if (photo === '' || photo === null) {
      delete next.photo
      next.photo_exists = 'false'
    } else {
      const image = decodeImage(photo, options.base64Whitespace)
      if (!image.ok) return { ok: false, code: options.badPhotoCode, message: image.message }
      if (options.deviceSafe && image.bytes.length > DEVICE_PHOTO_LIMIT) {
        return {
          ok: false,
          code: options.badPhotoCode,
          message: `Photo is ${image.bytes.length} bytes; devices accept at most ${DEVICE_PHOTO_LIMIT} bytes.`,
        }
      }
      next.photo = image.base64
      next.photo_exists = 'true'
    }
  }

  if ('credentials' in patch) {
    const credentials = patch.credentials
    if (!credentials || typeof credentials !== 'object')
      return bad('credentials must be an object.')
    const faces = (credentials as { visualFaces?: unknown }).visualFaces
    if (faces !== undefined) {
      const checked = checkVisualFaces(faces, ctx)
      if (typeof checked === 'string')
        return { ok: false, code: options.badPhotoCode, message: checked }
      next.credentials = { ...next.credentials, visualFaces: checked }
      next.visual_face_count = String(checked.length)
    }
  }
  return { ok: true, user: next, photoTouched, password }
}

/** Validated, string-typed visual faces, or the reason they are rejected. */
function checkVisualFaces(faces: unknown, ctx: MergeContext): VisualFace[] | string {
  if (!Array.isArray(faces)) return 'credentials.visualFaces must be a list.'
  const result: VisualFace[] = []
  for (const face of faces) {
    if (!face || typeof face !== 'object') return 'Each visual face must be an object.'
    const f = face as Record<string, unknown>
    const picture = f.template_ex_picture ?? f.template_ex_normalized_image
    if (picture === undefined) {
      return 'A visual face needs template_ex_picture or template_ex_normalized_image.'
    }
    const image = decodeImage(picture, ctx.options.base64Whitespace, 'Visual face image')
    if (!image.ok) return image.message
    if (ctx.options.strictVisualFace && f.template_ex_normalized_image !== undefined) {
      const problem = strictProblem(f, ctx)
      if (problem) return problem
    }
    result.push(stringifyScalars(f) as VisualFace)
  }
  return result
}

/** The mistakes that make a visual face fail on devices (biostar-api.md sections 6 and 8). */
function strictProblem(face: Record<string, unknown>, ctx: MergeContext): string | undefined {
  const issued = ctx.issuedImages.get(String(face.template_ex_normalized_image))
  if (!issued) return 'template_ex_normalized_image must be the image returned by upload_picture.'
  const templates = face.templates
  if (!Array.isArray(templates) || templates.length === 0) return 'templates are missing.'
  for (const t of templates as Record<string, unknown>[]) {
    const bytes = Buffer.from(String(t?.template_ex ?? ''), 'base64')
    if (bytes.length !== 544) return `Each template must be 544 bytes, got ${bytes.length}.`
    const expected = issued[String(t?.credential_bin_type)]
    if (!expected) return 'credential_bin_type must be "5" or "9".'
    if (!expected.equals(bytes)) {
      return `Template for credential_bin_type ${String(t?.credential_bin_type)} does not match.`
    }
  }
  return undefined
}
