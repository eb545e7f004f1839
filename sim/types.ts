// Shapes shared by the simulator modules. Wire records keep every scalar as a string, as real
// BioStar 2 servers do (see biostar-api.md section 3).

export interface NamedRef {
  id: string
  name: string
}

export interface Permission {
  id: string
  name: string
  description: string
  module: Record<string, { read: string; write: string }>
}

export interface VisualFace {
  [key: string]: unknown
}

/** A user as the simulator stores it: the full wire record, photo as raw base64. */
export interface StoredUser {
  user_id: string
  name: string
  gender: string
  email: string
  phone: string
  department: string
  user_title: string
  photo_exists: string
  photo?: string
  pin_exists: string
  password_exists: string
  login_id: string
  updated_count: string
  last_modified: string
  start_datetime: string
  expiry_datetime: string
  security_level: string
  display_duration: string
  display_count: string
  inherited: string
  user_group_id: NamedRef
  disabled: string
  expired: string
  fingerprint_template_count: string
  face_count: string
  visual_face_count: string
  card_count: string
  access_groups: NamedRef[]
  cards: unknown[]
  credentials: { faces: unknown[]; visualFaces: VisualFace[] }
  /** Only operators carry one; without it the account has operator level None. */
  permission?: Permission
}

/** What a handler answers; the server turns it into an HTTP response. */
export interface Reply {
  status: number
  body: unknown
  headers?: Record<string, string>
}

export interface RecordedRequest {
  time: number
  method: string
  path: string
  query: string
  /** 0 when the connection was dropped without an answer. */
  status: number
  headers: { 'bs-session-id'?: string; 'content-type'?: string; origin?: string; cookie?: string }
  /** Body bytes received; for a body the simulator never read (e.g. a 401), its Content-Length. */
  size: number
  /**
   * Only with the recordBodies option: parsed JSON, the start of the text when it was not JSON,
   * undefined when empty or not read.
   */
  body: unknown
  fault?: 'error' | 'drop'
  /** True when an 'after' fault hid a reply whose change was applied. */
  applied?: boolean
  durationMs: number
}

export interface SimStats {
  requests: number
  logins: number
  failedLogins: number
  puts: number
  /** Successful PUTs per user id that set or removed the photo. */
  photoPuts: Record<string, number>
}
