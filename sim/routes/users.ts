import { isObject, scalar } from '../context.ts'
import type { Call, Handler, SimState } from '../context.ts'
import { SUCCESS, fail, ok } from '../envelope.ts'
import { decodeId, isValidUserId } from '../ids.ts'
import { mergeUser } from '../merge.ts'
import { compareIds } from '../store.ts'
import type { Reply, StoredUser } from '../types.ts'
import { fullRecord, listRow, searchRow } from '../wire.ts'

/** The user named by the path, or the reply explaining why there is none. */
function lookup(state: SimState, call: Call): StoredUser | Reply {
  const { options, store } = state
  const segment = call.params[0] ?? ''
  const id = decodeId(segment)
  if (id === undefined || !isValidUserId(id, options.idType)) {
    return fail(400, options.badRequestCode, `Invalid user id "${id ?? segment}".`)
  }
  return (
    store.get(id) ?? fail(options.notFoundStatus, options.notFoundCode, options.notFoundMessage)
  )
}

const isReply = (value: StoredUser | Reply): value is Reply => 'status' in value

/** A non-negative whole number from a query or body value; undefined when malformed. */
function count(value: unknown, fallback: number): number | undefined {
  if (value === undefined || value === null || value === '') return fallback
  const text = scalar(value)
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined
}

function page<T>(rows: T[], offset: number, limit: number): T[] {
  return rows.slice(offset, limit > 0 ? offset + limit : undefined)
}

/** GET /api/users/:id: the full record with the photo inline. */
export const getUser: Handler = (state, call) => {
  const user = lookup(state, call)
  if (isReply(user)) return user
  const record = fullRecord(user, call.now, state.options.photoWhenAbsent)
  const body = { User: record, Response: SUCCESS.Response, httpResponseStatus: 200 }
  return { status: 200, body }
}

/** `order_by=field:true|false`, true meaning descending. Default: user id ascending. */
function sorter(orderBy: string | null): ((a: StoredUser, b: StoredUser) => number) | undefined {
  if (!orderBy) return undefined
  const [field = '', desc] = orderBy.split(':')
  const sign = desc === 'true' ? -1 : 1
  if (field === 'user_id')
    return sign === 1 ? undefined : (a, b) => -compareIds(a.user_id, b.user_id)
  if (!/^[a-z_]+$/.test(field)) return undefined
  return (a, b) => {
    const x = String((a as unknown as Record<string, unknown>)[field] ?? '')
    const y = String((b as unknown as Record<string, unknown>)[field] ?? '')
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y)
    const c = numeric ? compareIds(x, y) : x.localeCompare(y)
    return sign * (c || compareIds(a.user_id, b.user_id))
  }
}

/** GET /api/users?limit&offset&group_id&order_by&last_modified */
export const listUsers: Handler = (state, call) => {
  const { options, store } = state
  const q = call.query
  const limit = count(q.get('limit'), 0)
  const offset = count(q.get('offset'), 0)
  const since = count(q.get('last_modified'), 0)
  if (limit === undefined || offset === undefined || since === undefined) {
    return fail(400, options.badRequestCode, 'limit, offset and last_modified must be numbers.')
  }
  const groupId = q.get('group_id') || '1'
  let rows = store.list()
  if (groupId !== '1') rows = rows.filter((u) => u.user_group_id.id === groupId)
  if (since > 0) rows = rows.filter((u) => Number(u.last_modified) >= since)
  const sort = sorter(q.get('order_by'))
  if (sort) rows = [...rows].sort(sort)
  return ok({
    UserCollection: {
      total: String(rows.length),
      rows: page(rows, offset, limit).map((u) => listRow(u, call.now)),
    },
  })
}

function idSet(value: unknown): Set<string> | undefined | false {
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value)) return false
  return new Set(value.map((v) => scalar(v)).filter((v): v is string => v !== undefined))
}

/** POST /api/v2/users/search {limit, offset, user_id_list?, user_group_id_list?} */
export const searchUsers: Handler = (state, call) => {
  const { options, store } = state
  const body = call.body === undefined ? {} : call.body
  if (!isObject(body)) return fail(400, options.badRequestCode, 'The body must be a JSON object.')
  const limit = count(body.limit, 0)
  const offset = count(body.offset, 0)
  const ids = idSet(body.user_id_list)
  const groups = idSet(body.user_group_id_list)
  if (limit === undefined || offset === undefined || ids === false || groups === false) {
    const message = 'limit and offset must be numbers; user_id_list and user_group_id_list lists.'
    return fail(400, options.badRequestCode, message)
  }
  let rows = store.list()
  if (ids) rows = rows.filter((u) => ids.has(u.user_id))
  if (groups && !groups.has('1')) rows = rows.filter((u) => groups.has(u.user_group_id.id))
  // Unknown fields such as search_text are ignored unless the option opts in.
  const text = options.v2SearchText ? scalar(body.search_text)?.trim().toLowerCase() : undefined
  if (text) rows = rows.filter((u) => u.name.toLowerCase().includes(text))
  const total = options.v2TotalType === 'number' ? rows.length : String(rows.length)
  return ok({
    UserCollection: { total, rows: page(rows, offset, limit).map((u) => searchRow(u, call.now)) },
  })
}

/** PUT /api/users/:id {"User":{...only the changed fields...}} */
export const putUser: Handler = (state, call) => {
  const { options, store, stats } = state
  const user = lookup(state, call)
  if (isReply(user)) return user
  const patch = isObject(call.body) ? call.body.User : undefined
  if (!isObject(patch)) {
    return fail(400, options.badRequestCode, 'The body must be {"User":{...changed fields...}}.')
  }
  const merged = mergeUser(user, patch, state)
  if (!merged.ok) return fail(400, merged.code, merged.message)
  store.save(merged.user, { bump: true })
  if (merged.password !== undefined) store.passwords.set(user.user_id, merged.password)
  stats.puts++
  if (merged.photoTouched) stats.photoPuts[user.user_id] = (stats.photoPuts[user.user_id] ?? 0) + 1
  state.changed()
  return ok()
}

/**
 * GET /api/user_groups: every group with its user count (a real client calls it before editing
 * photos; the row fields beyond id and name are inferred). Off with userGroups: false.
 */
export const listUserGroups: Handler = (state) => {
  const { options, store } = state
  if (!options.userGroups) return fail(400, options.unsupportedCode, 'Request is not supported')
  const counts = new Map<string, number>()
  for (const user of store.list())
    counts.set(user.user_group_id.id, (counts.get(user.user_group_id.id) ?? 0) + 1)
  const rows = store.groups.map((group) => ({
    id: group.id,
    name: group.name,
    description: '',
    depth: group.id === '1' ? '0' : '1',
    parent_id: group.id === '1' ? undefined : { id: '1', name: 'All Users' },
    user_count: String(group.id === '1' ? store.size : (counts.get(group.id) ?? 0)),
  }))
  return ok({ UserGroupCollection: { total: String(rows.length), rows } })
}

/** GET /api/users/next_user_id */
export const nextUserId: Handler = (state) => ok({ User: { user_id: state.store.nextUserId() } })
