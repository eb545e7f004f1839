import { requestRaw, request, SESSION_HEADER } from './client.ts'
import { ApiError } from './errors.ts'
import { toOperator } from './parse.ts'
import type { Operator } from './types.ts'

export interface LoginResult {
  sessionId: string
  operator: Operator
}

/** POST /api/login: the session id arrives in the bs-session-id response header. */
export async function login(
  loginId: string,
  password: string,
  opts: { signal?: AbortSignal } = {},
): Promise<LoginResult> {
  try {
    const { data, response } = await requestRaw('/login', {
      method: 'POST',
      body: { User: { login_id: loginId, password } },
      signal: opts.signal,
      reauth: false,
    })
    const sessionId = response.headers.get(SESSION_HEADER)
    // Without the header the page cannot authenticate; usually a proxy that strips it.
    if (!sessionId)
      throw new ApiError({
        kind: 'bad-response',
        status: response.status,
        code: 'no-session-header',
      })
    return { sessionId, operator: toOperator(data.User, loginId) }
  } catch (error) {
    throw loginError(error)
  }
}

// BioStar's codes for a failed login are undocumented: read status, code and message together.
function loginError(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error
  const { status, code, serverMessage } = error
  if (/lock/i.test(serverMessage ?? ''))
    return new ApiError({ kind: 'locked', status, code, serverMessage })
  if (error.kind === 'rejected' || error.kind === 'session' || status === 400 || status === 401)
    return new ApiError({ kind: 'credentials', status, code, serverMessage })
  return error
}

/** POST /api/logout: ends the session on the server (the current one, or `sessionId`). */
export async function logout(
  opts: { signal?: AbortSignal; sessionId?: string } = {},
): Promise<void> {
  await request('/logout', {
    method: 'POST',
    signal: opts.signal,
    reauth: false,
    sessionId: opts.sessionId,
  })
}
