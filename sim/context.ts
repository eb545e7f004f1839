import type { IncomingHttpHeaders } from 'node:http'
import type { ResolvedOptions } from './options.ts'
import type { LoginGuard, SessionStore } from './session.ts'
import type { UserStore } from './store.ts'
import type { Reply, SimStats, StoredUser } from './types.ts'

/** The simulator's state as handlers see it. */
export interface SimState {
  options: ResolvedOptions
  store: UserStore
  sessions: SessionStore
  guard: LoginGuard
  stats: SimStats
  /** Images upload_picture returned, with their 544-byte templates by credential_bin_type. */
  issuedImages: Map<string, Record<string, Buffer>>
  /** Schedules a save when persistence is on. */
  changed(): void
}

export type ParsedBody =
  { kind: 'empty' } | { kind: 'json'; value: unknown } | { kind: 'invalid'; text: string }

/** One request on its way through the router. */
export interface Call {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: unknown
  /** Raw (still URL-encoded) path parameters. */
  params: string[]
  now: number
  sessionId?: string
  operator?: StoredUser
}

export type Handler = (state: SimState, call: Call) => Reply

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Requests may send ids and counts as numbers or strings ("with or without quotes"). */
export function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}
