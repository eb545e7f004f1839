import { request } from './client.ts'
import { ApiError } from './errors.ts'
import { int, str, toUserSummary } from './parse.ts'
import type { RawUser, UserRow, UserRowPage } from './types.ts'

// The photo review's list rows, apart from users.ts so the first screen does not carry them.

/**
 * A list row with its change stamp: last_modified (BioStar's global counter copied onto the user
 * on every update), else updated_count, else '' (then every rescan fetches the user again).
 */
export function toUserRow(raw: RawUser): UserRow {
  const modified = str(raw.last_modified)
  const updated = str(raw.updated_count)
  const changeStamp = modified ? `m${modified}` : updated ? `u${updated}` : ''
  return { ...toUserSummary(raw), changeStamp }
}

/** GET /api/users: one page of list rows with their change stamps (the photo review). */
export async function listUserRows(
  page: { limit: number; offset: number },
  opts: { signal?: AbortSignal } = {},
): Promise<UserRowPage> {
  const query = { limit: page.limit, offset: page.offset, group_id: '1', order_by: 'user_id:false' }
  const data = await request('/users', { query, signal: opts.signal })
  const collection = data.UserCollection
  if (!collection) throw new ApiError({ kind: 'bad-response', code: 'no-collection' })
  const rows = (collection.rows ?? []).map(toUserRow)
  return { total: int(collection.total, rows.length), rows }
}
