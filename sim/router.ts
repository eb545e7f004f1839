import type { Call, Handler, ParsedBody, SimState } from './context.ts'
import { fail, httpError, loginRequired, permissionDenied } from './envelope.ts'
import { login, logout } from './routes/auth.ts'
import { uploadPicture } from './routes/faces.ts'
import {
  getUser,
  listUserGroups,
  listUsers,
  nextUserId,
  putUser,
  searchUsers,
} from './routes/users.ts'
import type { ResolvedOptions } from './options.ts'
import type { Reply, StoredUser } from './types.ts'

interface Route {
  method: string
  pattern: RegExp
  /** 'read'/'write' also require that right on the operator's User module. */
  access: 'public' | 'session' | 'read' | 'write'
  json: boolean
  /** Carries a picture: the larger body limit (photoBodyLimitBytes) applies. */
  photo?: boolean
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
    photo: true,
    handler: uploadPicture,
  },
  { method: 'GET', pattern: /^\/api\/users$/, access: 'read', json: false, handler: listUsers },
  {
    method: 'GET',
    pattern: /^\/api\/user_groups$/,
    access: 'read',
    json: false,
    handler: listUserGroups,
  },
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
    photo: true,
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

/** The route a request is for, with its path parameters; undefined when none matches. */
export interface Found {
  route: Route
  params: string[]
}

export function findRoute(method: string, path: string): Found | undefined {
  for (const route of ROUTES) {
    const match = route.method === method ? route.pattern.exec(path) : null
    if (match) return { route, params: match.slice(1) }
  }
  return undefined
}

/** The most body a request may send: pictures on the photo routes, a few kB elsewhere. */
export function bodyLimit(options: ResolvedOptions, found: Found | undefined): number {
  return found?.route.photo ? options.photoBodyLimitBytes : options.bodyLimitBytes
}

/**
 * The checks that need no body, in BioStar's order (biostar-api.md section 2): without a valid
 * session every path but /api/login is 401 code "10", implemented or not; then unsupported
 * paths, then the operator's rights. The route when the call may go on (and its body be read).
 */
export function admit(state: SimState, call: Call, found: Found | undefined): Found | Reply {
  const { options } = state
  if (call.path !== '/api/login') {
    const id = header(call.headers['bs-session-id'])
    const { idleTimeoutMs, sessionMode } = options
    const session = state.sessions.use(id, call.now, idleTimeoutMs, sessionMode)
    const operator = session && state.store.get(session.userId)
    if (!session || !operator) return loginRequired()
    call.sessionId = session.id
    call.operator = operator
  }
  if (!found) return fail(400, options.unsupportedCode, 'Request is not supported')
  const { access } = found.route
  if (call.operator && (access === 'read' || access === 'write') && !can(call.operator, access)) {
    return permissionDenied()
  }
  return found
}

/** Runs an admitted call: its JSON body, then the handler. */
export function dispatch(state: SimState, call: Call, found: Found, body: ParsedBody): Reply {
  const { options } = state
  if (found.route.json) {
    if (body.kind === 'invalid') {
      return fail(400, options.badRequestCode, 'The request body is not valid JSON.')
    }
    call.body = body.kind === 'json' ? body.value : undefined
  }
  call.params = found.params
  try {
    return found.route.handler(state, call)
  } catch (error) {
    options.log?.(`simulator error on ${call.method} ${call.path}: ${String(error)}`)
    return httpError(500, 'Internal simulator error.')
  }
}
