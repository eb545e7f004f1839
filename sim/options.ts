import type { Faults } from './faults.ts'

// Everything biostar-api.md marks as unknown is an option here, with the default documented.

export interface SimOptions {
  /** Settings > Server > User ID Type. Default 'numeric'. */
  idType?: 'numeric' | 'alphanumeric'
  /** Session timeout, default 60 min (BioStar's default). */
  idleTimeoutMs?: number
  /** 'sliding' (default) renews on every call; 'absolute' counts from login. */
  sessionMode?: 'sliding' | 'absolute'
  /** A new login of the same operator ends the old session (simultaneous login disabled). */
  singleSession?: boolean
  /** Failed logins that lock the account; 0 disables. Default 5. */
  lockoutAttempts?: number
  /** How long a locked account stays locked. Default 10 min. */
  lockoutMs?: number
  /** Unknown user on GET/PUT: status (default 400), code (default "201") and message. */
  notFoundStatus?: number
  notFoundCode?: string
  notFoundMessage?: string
  /** Code for photos that are not raw base64 JPEG/PNG. Default "65675" (Suprema's PUT example). */
  badPhotoCode?: string
  /** Code for malformed requests (bad JSON, missing wrapper, invalid id). Default "65675". */
  badRequestCode?: string
  /** Code for unknown paths and methods ("Request is not supported"). Default "103". */
  unsupportedCode?: string
  /** GET /api/users/:id without a photo: leave `photo` out (default) or send "". */
  photoWhenAbsent?: 'omit' | 'empty'
  /** JSON type of `total` in POST /api/v2/users/search. Default 'number'. */
  v2TotalType?: 'string' | 'number'
  /** Let v2 search filter names by `search_text` (unverified on real servers). Default false. */
  v2SearchText?: boolean
  /** Reject photos over 16,384 decoded bytes, the device buffer size. Default false. */
  deviceSafe?: boolean
  /** Generate this many deterministic users instead of the ~60 demo users. */
  userCount?: number
  /**
   * Seed the "realistic mess" among users with photos (sim/mess.ts): real faces, a tenth too
   * large, some progressive, PNG, 64 px, shared, faceless or with two faces. Default false: the
   * demo silhouettes that older tests compare against.
   */
  photoMess?: boolean
  /** With userCount: every n-th person has a photo (4 gives 5,000 of 20,000). Default: 3 in 5. */
  photoEvery?: number
  /** Answer GET /api/user_groups. Default true; false answers "Request is not supported". */
  userGroups?: boolean
  /** JSON file to load state from and save changes to (atomically). */
  dataFile?: string
  /** Delay before a change is written to dataFile; 0 writes on every change. Default 50 ms. */
  persistDebounceMs?: number
  /** PRNG seed for every random choice (faults, latency). Default 1. */
  seed?: number
  faults?: Partial<Faults>
  /** Bad login id or password: status (default 400), code (default "11") and message. */
  loginFailStatus?: number
  loginFailCode?: string
  loginFailMessage?: string
  /** Locked account (answered with loginFailStatus). Default code "12". */
  lockedCode?: string
  lockedMessage?: string
  /**
   * Bodies above this answer 413, except on the two photo uploads. Default 64 KiB: a login needs
   * a few hundred bytes, a v2 search by 100 ids about 2 kB.
   */
  bodyLimitBytes?: number
  /**
   * The same for `PUT /api/users/:id` and `upload_picture`, which carry pictures of up to 10 MB
   * (about 14 MB as base64 JSON). Default 20 MiB.
   */
  photoBodyLimitBytes?: number
  /**
   * Keep each request's parsed body in `sim.requests` (tests that check what the server received).
   * Default false: method, path, status and size only, so a flood of large bodies costs nothing.
   */
  recordBodies?: boolean
  /**
   * Base64 images (`photo`, `template_ex_picture`, visual-face images) holding line breaks or
   * spaces: whether BioStar accepts them is unknown, so the default refuses them (400, badPhotoCode).
   */
  base64Whitespace?: 'refuse' | 'accept'
  /**
   * Send the headers BioStar 2.9.12+ adds to every answer (X-Frame-Options, nosniff,
   * Cache-Control: no-store). Default true; false models older servers.
   */
  securityHeaders?: boolean
  /** upload_picture: minimum width and height (BioStar before 2.8.10 used 250). Default 0. */
  uploadMinSize?: number
  /** upload_picture: answer this error code (e.g. "30008" no face) instead of success. */
  uploadPictureCode?: string
  /** Reject visual faces whose templates are not 544 bytes or whose image was not issued. */
  strictVisualFace?: boolean
  log?: (line: string) => void
}

type Optional = 'faults' | 'userCount' | 'dataFile' | 'log' | 'uploadPictureCode' | 'photoEvery'

export type ResolvedOptions = Required<Omit<SimOptions, Optional>> &
  Pick<SimOptions, Exclude<Optional, 'faults'>>

export const DEFAULT_OPTIONS: Required<Omit<SimOptions, Optional>> = {
  idType: 'numeric',
  idleTimeoutMs: 60 * 60_000,
  sessionMode: 'sliding',
  singleSession: false,
  lockoutAttempts: 5,
  lockoutMs: 10 * 60_000,
  notFoundStatus: 400,
  notFoundCode: '201',
  notFoundMessage: 'User not found.',
  badPhotoCode: '65675',
  badRequestCode: '65675',
  unsupportedCode: '103',
  photoWhenAbsent: 'omit',
  v2TotalType: 'number',
  v2SearchText: false,
  deviceSafe: false,
  photoMess: false,
  userGroups: true,
  persistDebounceMs: 50,
  seed: 1,
  loginFailStatus: 400,
  loginFailCode: '11',
  loginFailMessage: 'Login failed. Invalid login id or password.',
  lockedCode: '12',
  lockedMessage: 'Account is locked after too many failed login attempts. Try again later.',
  bodyLimitBytes: 64 * 1024,
  photoBodyLimitBytes: 20 * 1024 * 1024,
  recordBodies: false,
  base64Whitespace: 'refuse',
  securityHeaders: true,
  uploadMinSize: 0,
  strictVisualFace: false,
}

export function resolveOptions(options: SimOptions): ResolvedOptions {
  // Faults live in their own object; undefined values must not hide the defaults.
  const defined = Object.fromEntries(
    Object.entries(options).filter(([k, v]) => k !== 'faults' && v !== undefined),
  )
  return { ...DEFAULT_OPTIONS, ...defined }
}
