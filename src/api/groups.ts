import { request } from './client.ts'
import { str } from './parse.ts'
import type { GroupRef } from './types.ts'

interface Opts {
  signal?: AbortSignal
}

/**
 * GET /api/user_groups: the server's user groups (a real client calls it; its reply's shape
 * beyond `UserGroupCollection.rows[].id/name` is inferred). Throws when the server does not
 * answer it, so callers can hide what needs it.
 */
export async function listUserGroups(opts: Opts = {}): Promise<GroupRef[]> {
  const data = await request('/user_groups', { signal: opts.signal })
  const collection = data.UserGroupCollection as { rows?: unknown } | undefined
  const rows = Array.isArray(collection?.rows) ? (collection.rows as Record<string, unknown>[]) : []
  return rows.map((row) => ({ id: str(row.id), name: str(row.name) })).filter((g) => g.id !== '')
}
