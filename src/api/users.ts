import { request } from './client.ts'
import { int, toUserDetail, toUserSummary } from './parse.ts'
import type { UserDetail, UserPage } from './types.ts'
import { userPath } from './user-id.ts'
import { ApiError } from './errors.ts'

interface Opts {
  signal?: AbortSignal
}

/** GET /api/users/:id: the full record with the photo inline as base64. */
export async function getUser(userId: string, opts: Opts = {}): Promise<UserDetail> {
  try {
    const data = await request(userPath(userId), { signal: opts.signal })
    if (!data.User) throw new ApiError({ kind: 'bad-response', code: 'no-user' })
    return toUserDetail(data.User)
  } catch (error) {
    throw notFound(error)
  }
}

// Servers answer an unknown id with 400 and code "201" (one client) or some other non-"0" code.
function notFound(error: unknown): unknown {
  if (
    error instanceof ApiError &&
    error.kind === 'rejected' &&
    (error.status === 400 || error.status === 404 || error.code === '201')
  )
    return new ApiError({
      kind: 'not-found',
      status: error.status,
      code: error.code,
      serverMessage: error.serverMessage,
    })
  return error
}

function toPage(data: Awaited<ReturnType<typeof request>>): UserPage {
  const collection = data.UserCollection
  if (!collection) throw new ApiError({ kind: 'bad-response', code: 'no-collection' })
  const rows = (collection.rows ?? []).map(toUserSummary)
  return { total: int(collection.total, rows.length), rows }
}

/** GET /api/users: one page of users (rows carry no photo). */
export async function listUsers(
  page: { limit: number; offset: number; groupId?: string },
  opts: Opts = {},
): Promise<UserPage> {
  const query = {
    limit: page.limit,
    offset: page.offset,
    group_id: page.groupId ?? '1',
    order_by: 'user_id:false',
  }
  return toPage(await request('/users', { query, signal: opts.signal }))
}

/** POST /api/v2/users/search: users by id or group, paged to `total`. */
export async function searchUsers(
  criteria: { userIds?: string[]; groupIds?: string[]; limit: number; offset: number },
  opts: Opts = {},
): Promise<UserPage> {
  const body: Record<string, unknown> = { limit: criteria.limit, offset: criteria.offset }
  if (criteria.userIds) body.user_id_list = criteria.userIds
  if (criteria.groupIds) body.user_group_id_list = criteria.groupIds
  // A search is a read: retrying it is as safe as a GET.
  return toPage(
    await request('/v2/users/search', { method: 'POST', body, signal: opts.signal, maxTries: 3 }),
  )
}

/** PUT /api/users/:id with only the photo: raw base64 JPEG, no data: prefix. */
export async function updatePhoto(userId: string, base64: string, opts: Opts = {}): Promise<void> {
  await request(userPath(userId), {
    method: 'PUT',
    body: { User: { photo: base64 } },
    signal: opts.signal,
  })
}

/** PUT /api/users/:id with photo "": removes the profile photo. */
export async function removePhoto(userId: string, opts: Opts = {}): Promise<void> {
  await request(userPath(userId), {
    method: 'PUT',
    body: { User: { photo: '' } },
    signal: opts.signal,
  })
}
