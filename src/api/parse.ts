import type { GroupRef, Operator, RawRef, RawUser, UserDetail, UserSummary } from './types.ts'

// BioStar's string typing ends here: "true"/"false", "8", numbers or strings on either side.

export function str(value: unknown): string {
  if (value === null || value === undefined) return ''
  return String(value)
}

export function bool(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true')
}

export function int(value: unknown, fallback = 0): number {
  const n = typeof value === 'number' ? value : Number.parseInt(str(value), 10)
  return Number.isFinite(n) ? n : fallback
}

function group(value: RawUser['user_group_id']): GroupRef | null {
  if (value && typeof value === 'object') {
    const ref = value as RawRef
    return { id: str(ref.id), name: str(ref.name) }
  }
  return value === undefined || value === null || value === '' ? null : { id: str(value), name: '' }
}

export function toUserSummary(raw: RawUser): UserSummary {
  return {
    userId: str(raw.user_id),
    name: str(raw.name),
    group: group(raw.user_group_id),
    hasPhoto: bool(raw.photo_exists),
    disabled: bool(raw.disabled),
    expired: bool(raw.expired),
  }
}

export function toUserDetail(raw: RawUser): UserDetail {
  const summary = toUserSummary(raw)
  // A server may wrap base64 in lines (whether BioStar does is unknown) but may refuse it so:
  // the photo is kept compact, so an undo sends back what BioStar will take.
  const photo = str(raw.photo).replace(/\s+/g, '')
  // Servers differ on whether a missing photo is omitted or "": trust the bytes, not the flag.
  const hasPhoto = photo.length > 0
  return {
    ...summary,
    hasPhoto,
    photo: hasPhoto ? photo : null,
    email: str(raw.email),
    department: str(raw.department),
    expiryDatetime: str(raw.expiry_datetime),
    visualFaceCount: int(raw.visual_face_count),
  }
}

export function toOperator(raw: RawUser | undefined, loginId: string): Operator {
  const permission = raw?.permission ?? null
  const userModule = permission?.module?.User
  const write = userModule?.write
  const read = userModule?.read
  return {
    userId: str(raw?.user_id),
    loginId: str(raw?.login_id) || loginId,
    name: str(raw?.name) || loginId,
    permissionName: str(permission?.name),
    canWriteUsers: write === undefined ? null : bool(write),
    // Writing implies reading; a level that only says it cannot write leaves reading unknown.
    canReadUsers: bool(write) || (read === undefined ? null : bool(read)),
  }
}
