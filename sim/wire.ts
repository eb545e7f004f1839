import { deviceFaces, fingerprintTemplates } from './credentials.ts'
import { isExpired } from './dates.ts'
import type { StoredUser } from './types.ts'

// The three shapes a user takes on the wire: full record, list row, v2 search row.

/** `expired` follows the clock, not the moment the record was written. */
function live(user: StoredUser, now: number): StoredUser {
  const expired = isExpired(user.expiry_datetime, now) ? 'true' : 'false'
  return expired === user.expired ? user : { ...user, expired }
}

/**
 * GET /api/users/:id: everything, photo inline only when photo_exists is "true", and as many
 * fingerprint templates and device faces as the counts say.
 */
export function fullRecord(
  user: StoredUser,
  now: number,
  photoWhenAbsent: 'omit' | 'empty',
): Record<string, unknown> {
  const { photo, ...rest } = live(user, now)
  const record: Record<string, unknown> = {
    ...rest,
    fingerprint_templates: fingerprintTemplates(user),
    credentials: { ...user.credentials, faces: deviceFaces(user) },
  }
  if (photo) record.photo = photo
  else if (photoWhenAbsent === 'empty') record.photo = ''
  return record
}

/** GET /api/users rows: summary fields incl. photo_exists, never the photo itself. */
export function listRow(user: StoredUser, now: number): Record<string, unknown> {
  const row: Partial<StoredUser> = { ...live(user, now) }
  delete row.photo
  delete row.cards
  delete row.credentials
  return row
}

/** POST /api/v2/users/search rows. */
export function searchRow(user: StoredUser, now: number): Record<string, unknown> {
  const u = live(user, now)
  return {
    user_id: u.user_id,
    name: u.name,
    user_group_id: { ...u.user_group_id },
    card_count: u.card_count,
    face_count: u.face_count,
    visual_face_count: u.visual_face_count,
    fingerprint_template_count: u.fingerprint_template_count,
    photo_exists: u.photo_exists,
    disabled: u.disabled,
    expired: u.expired,
  }
}

/** The operator as the login reply describes it (no photo, no credentials). */
export function loginUser(user: StoredUser, now: number): Record<string, unknown> {
  return listRow(user, now)
}

/** Deep copy with every number and boolean turned into a string, as BioStar serialises. */
export function stringifyScalars(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stringifyScalars)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringifyScalars(v)]))
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return value
}
