// DTOs. BioStar serialises almost every scalar as a JSON string ("true", "8", "0"); the Raw*
// types describe the wire, the others are what the rest of the app works with.

type Scalar = string | number | boolean | null | undefined

export interface RawEnvelope {
  code?: Scalar
  message?: Scalar
  link?: Scalar
}

export interface RawRef {
  id?: Scalar
  name?: Scalar
}

export interface RawPermission extends RawRef {
  module?: Record<string, { read?: Scalar; write?: Scalar } | undefined>
}

export interface RawUser {
  user_id?: Scalar
  name?: Scalar
  login_id?: Scalar
  email?: Scalar
  department?: Scalar
  user_title?: Scalar
  photo_exists?: Scalar
  photo?: Scalar
  disabled?: Scalar
  expired?: Scalar
  start_datetime?: Scalar
  expiry_datetime?: Scalar
  user_group_id?: RawRef | Scalar
  permission?: RawPermission | null
  visual_face_count?: Scalar
  face_count?: Scalar
  card_count?: Scalar
  /** BioStar's change counter, stamped on a user by every update (list rows carry it). */
  last_modified?: Scalar
  updated_count?: Scalar
}

export interface RawUserCollection {
  total?: Scalar
  rows?: RawUser[] | null
}

export interface RawReply {
  Response?: RawEnvelope
  User?: RawUser
  UserCollection?: RawUserCollection
  [key: string]: unknown
}

export interface GroupRef {
  id: string
  name: string
}

export interface Operator {
  userId: string
  loginId: string
  name: string
  permissionName: string
  /** null when the server did not say (older servers); the app then tries and reports a 403. */
  canWriteUsers: boolean | null
  /** The same for reading users (the photo review); null when the server did not say. */
  canReadUsers?: boolean | null
}

export interface UserSummary {
  userId: string
  name: string
  group: GroupRef | null
  hasPhoto: boolean
  disabled: boolean
  expired: boolean
}

export interface UserDetail extends UserSummary {
  /** Raw base64 as BioStar stores it (no data: prefix), or null. */
  photo: string | null
  email: string
  department: string
  expiryDatetime: string
  visualFaceCount: number
}

export interface UserPage {
  total: number
  rows: UserSummary[]
}

/** A list row with what changes on every update ('' when the server sends neither). */
export interface UserRow extends UserSummary {
  changeStamp: string
}

export interface UserRowPage {
  total: number
  rows: UserRow[]
}
