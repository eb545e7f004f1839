import type { Call, Handler, ParsedBody, SimState } from './context.ts'
import { fail, httpError, loginRequired, permissionDenied } from './envelope.ts'
import { login, logout } from './routes/auth.ts'
import { uploadPicture } from './routes/faces.ts'
import { getUser, listUsers, nextUserId, putUser, searchUsers } from './routes/users.ts'
import type { Reply, StoredUser } from './types.ts'

interface Route {
  method: string
  pattern: RegExp
  /** 'read'/'write' also require that right on the operator's User module. */
  access: 'public' | 'session' | 'read' | 'write'
  json: boolean
  handler: Handler
}

// Order matters: fixed paths before /api/users/:id.
const ROUTES: Route[] = [
  { method: 'POST', pattern: /^\/api\/login$/, access: 'public', json: true, handler: login },
  { method: 'POST', pattern: /^\/api\/logout$/, access: 'session', json: false, handler: logout },
  {
    method: 'GET',
    pattern: /^\/api\/users\/next_user_id$/,
    access: 'read',
    json: false,
    handler: nextUserId,
  },
  {
    method: 'PUT',
    pattern: /^\/api\/users\/check\/upload_picture$/,
    access: 'write',
    json: true,
    handler: uploadPicture,
  },
  { method: 'GET', pattern: /^\/api\/users$/, access: 'read', json: false, handler: listUsers },
  {
    method: 'GET',
    pattern: /^\/api\/users\/([^/]+)$/,
    access: 'read',
    json: false,
    handler: getUser,
  },
  {
    method: 'PUT',
    pattern: /^\/api\/users\/([^/]+)$/,
    access: 'write',
    json: true,
    handler: putUser,
  },
  {
    method: 'POST',
    pattern: /^\/api\/v2\/users\/search$/,
    access: 'read',
    json: true,
    handler: searchUsers,
  },
]

function can(operator: StoredUser, right: 'read' | 'write'): boolean {
  return operator.permission?.module.User?.[right] === 'true'
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

/** Routes one request: unsupported path, session, permission, JSON body, then the handler. */
export function dispatch(state: SimState, call: Call, body: ParsedBody): Reply {
  const { options } = state
  let route: Route | undefined
  let params: string[] = []
  for (const r of ROUTES) {
    const match = r.method === call.method ? r.pattern.exec(call.path) : null
    if (match) {
      route = r
      params = match.slice(1)
      break
    }
  }
  if (!route) return fail(400, options.unsupportedCode, 'Request is not supported')

  if (route.access !== 'public') {
    const id = header(call.headers['bs-session-id'])
    const { idleTimeoutMs, sessionMode } = options
    const session = state.sessions.use(id, call.now, idleTimeoutMs, sessionMode)
    const operator = session && state.store.get(session.userId)
    if (!session || !operator) return loginRequired()
    if (route.access !== 'session' && !can(operator, route.access)) return permissionDenied()
    call.sessionId = session.id
    call.operator = operator
  }

  if (route.json) {
    if (body.kind === 'invalid') {
      return fail(400, options.badRequestCode, 'The request body is not valid JSON.')
    }
    call.body = body.kind === 'json' ? body.value : undefined
  }
  call.params = params
  try {
    return route.handler(state, call)
  } catch (error) {
    options.log?.(`simulator error on ${call.method} ${call.path}: ${String(error)}`)
    return httpError(500, 'Internal simulator error.')
  }
}
