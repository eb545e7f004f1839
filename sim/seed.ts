import { DEFAULT_EXPIRY, DEFAULT_START } from './dates.ts'
import { messPhoto } from './mess.ts'
import { demoPhotos } from './photos.ts'
import type { NamedRef, Permission, StoredUser } from './types.ts'

// Deterministic demo data: the same ids, names and photos on every start.

export const DEMO_OPERATOR = { loginId: 'admin', password: 'Demo-1234!' } as const
/** A User Operator whose User module is read-only: every PUT gets 403 code 20. */
export const DEMO_VIEWER = { loginId: 'viewer', password: 'View-1234!' } as const
/** An account with operator level None: it cannot log in. */
export const DEMO_NO_LEVEL = { loginId: 'nolevel', password: 'None-1234!' } as const

export const ALL_USERS: NamedRef = { id: '1', name: 'All Users' }
export const GROUPS: NamedRef[] = [
  ALL_USERS,
  { id: '1002', name: 'Engineering' },
  { id: '1003', name: 'Front Office' },
  { id: '1004', name: 'Facilities' },
  { id: '1005', name: 'Visitors' },
]

function permission(id: string, name: string, write: boolean): Permission {
  const rw = { read: 'true', write: String(write) }
  return {
    id,
    name,
    description: `this is a permission for ${name}`,
    module: { User: { ...rw }, Preference: { ...rw } },
  }
}

export const ADMIN_PERMISSION = permission('1', 'Administrator', true)
export const VIEWER_PERMISSION = permission('2', 'User Operator', false)

const KOREAN_SURNAMES = '김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 홍'.split(' ')
// prettier-ignore
const KOREAN_GIVEN = [
  '민준', '서연', '지호', '서윤', '도윤', '하은', '예준', '지우', '시우', '수아',
  '주원', '지민', '하준', '유나', '민서', '건우', '채원', '현우', '다은', '준서',
]
// prettier-ignore
const FIRST = [
  'James', 'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Ethan', 'Sophia', 'Lucas', 'Mia',
  'Mason', 'Amelia', 'Logan', 'Harper', 'Elijah', 'Evelyn', 'Daniel', 'Grace', 'Henry', 'Chloe',
]
// prettier-ignore
const LAST = [
  'Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young',
  'Allen', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Carter', 'Mitchell',
]
const TITLES = ['Engineer', 'Receptionist', 'Technician', 'Manager', 'Analyst', 'Guard', '']

const at = <T>(list: T[], i: number): T => list[i % list.length] as T

function personName(i: number): { name: string; email: string } {
  const k = Math.floor(i / 2)
  // Walk the given-name list at a shifted pace so pairs repeat only after 400 names.
  const j = k + Math.floor(k / 20)
  if (i % 2 === 0) return { name: at(KOREAN_SURNAMES, k) + at(KOREAN_GIVEN, j), email: '' }
  const first = at(FIRST, k)
  const last = at(LAST, j)
  return { name: `${first} ${last}`, email: `${first}.${last}@example.com`.toLowerCase() }
}

export function baseUser(userId: string, name: string): StoredUser {
  return {
    user_id: userId,
    name,
    gender: '0',
    email: '',
    phone: '',
    department: '',
    user_title: '',
    photo_exists: 'false',
    pin_exists: 'false',
    password_exists: 'false',
    login_id: '',
    updated_count: '0',
    last_modified: '0',
    start_datetime: DEFAULT_START,
    expiry_datetime: DEFAULT_EXPIRY,
    security_level: '0',
    display_duration: '0',
    display_count: '0',
    inherited: 'true',
    user_group_id: { ...ALL_USERS },
    disabled: 'false',
    expired: 'false',
    fingerprint_template_count: '0',
    face_count: '0',
    visual_face_count: '0',
    card_count: '0',
    access_groups: [],
    cards: [],
    credentials: { faces: [], visualFaces: [] },
  }
}

/** Person number `i` (0-based) with id `userId`; everything derives from `i`. */
function person(i: number, userId: string, photos: string[], photoEvery?: number): StoredUser {
  const { name, email } = personName(i)
  const group = i % 5 === 4 ? ALL_USERS : at(GROUPS.slice(1), i)
  const user = baseUser(userId, name)
  user.gender = String(i % 2)
  user.email = email || `user${userId}@example.kr`
  user.phone = `010-${String(1000 + ((i * 37) % 9000))}-${String(1000 + ((i * 91) % 9000))}`
  user.department = group === ALL_USERS ? '' : group.name
  user.user_title = at(TITLES, i)
  user.user_group_id = { ...group }
  user.fingerprint_template_count = String(i % 3)
  user.face_count = String(i % 4 === 0 ? 1 : 0)
  user.card_count = String(i % 2)
  const hasPhoto = photoEvery ? i % photoEvery === 0 : i % 5 !== 2 && i % 5 !== 4
  if (hasPhoto) {
    user.photo = at(photos, i)
    user.photo_exists = 'true'
  }
  return user
}

function operator(user: StoredUser, loginId: string, perm: Permission | undefined): StoredUser {
  user.login_id = loginId
  user.password_exists = 'true'
  if (perm) user.permission = structuredClone(perm)
  return user
}

export interface SeedState {
  users: StoredUser[]
  passwords: Record<string, string>
  lastModified: number
}

const DISABLED_ID = '7'
const EXPIRED_ID = '8'
const EXTRA_IDS = ['1000', '20240001', '4294967294']
const EXTRA_ALPHANUMERIC_IDS = ['EMP-0042', 'visitor_7']

/**
 * Ids 1..count (default: 57 demo users plus a few high ids). Ids 1-3 are the operators,
 * 7 is disabled and 8 is expired.
 */
export function seedState(options: {
  userCount?: number
  idType: string
  photoMess?: boolean
  photoEvery?: number
}): SeedState {
  const photos = demoPhotos()
  const count = options.userCount ?? 57
  const ids = Array.from({ length: count }, (_, i) => String(i + 1))
  if (options.userCount === undefined) {
    ids.push(...EXTRA_IDS)
    if (options.idType === 'alphanumeric') ids.push(...EXTRA_ALPHANUMERIC_IDS)
  }
  const users = ids.map((id, i) => {
    if (id === '1') return operator(baseUser(id, 'Administrator'), 'admin', ADMIN_PERMISSION)
    if (id === '2') return operator(baseUser(id, 'Front Desk Viewer'), 'viewer', VIEWER_PERMISSION)
    if (id === '3') return operator(baseUser(id, 'Night Guard'), 'nolevel', undefined)
    // People are numbered from 0 after the three operators, so id 4 is 김민준.
    return person(i - 3, id, photos, options.userCount ? options.photoEvery : undefined)
  })
  // The mess goes on the k-th user with a photo, in id order: the same users on every start.
  if (options.photoMess) {
    let k = 0
    for (const user of users)
      if (user.photo_exists === 'true') user.photo = messPhoto(k++, user.user_id)
  }
  users.forEach((user, i) => {
    user.last_modified = String(i + 1)
    if (user.user_id === DISABLED_ID) user.disabled = 'true'
    if (user.user_id === EXPIRED_ID) {
      user.expiry_datetime = '2020-12-31T23:59:00.00Z'
      user.expired = 'true'
    }
  })
  const passwords = {
    '1': DEMO_OPERATOR.password,
    '2': DEMO_VIEWER.password,
    '3': DEMO_NO_LEVEL.password,
  }
  return { users, passwords, lastModified: users.length }
}
