import { isObject, scalar } from '../context.ts'
import type { Handler } from '../context.ts'
import { SUCCESS, fail, ok, permissionDenied } from '../envelope.ts'
import { loginUser } from '../wire.ts'

/** POST /api/login: session id in the `bs-session-id` response header, never in the body. */
export const login: Handler = (state, call) => {
  const { options, store, guard, sessions, stats } = state
  const wrapper = isObject(call.body) ? call.body.User : undefined
  if (!isObject(wrapper)) {
    const message = 'The body must be {"User":{"login_id":"...","password":"..."}}.'
    return fail(400, options.badRequestCode, message)
  }
  const loginId = scalar(wrapper.login_id)
  const password = scalar(wrapper.password)
  if (!loginId || password === undefined) {
    return fail(400, options.badRequestCode, 'login_id and password are required.')
  }
  const locked = fail(options.loginFailStatus, options.lockedCode, options.lockedMessage)
  if (guard.isLocked(loginId, call.now)) return locked

  const user = store.findByLoginId(loginId)
  const valid =
    user !== undefined && user.disabled !== 'true' && store.passwords.get(user.user_id) === password
  if (!valid) {
    stats.failedLogins++
    const nowLocked = guard.fail(loginId, call.now, options.lockoutAttempts, options.lockoutMs)
    return nowLocked
      ? locked
      : fail(options.loginFailStatus, options.loginFailCode, options.loginFailMessage)
  }
  guard.succeed(loginId)
  // Operator level None: the account exists but has no console rights.
  if (!user.permission) return permissionDenied()

  const session = sessions.create(user.user_id, call.now, options.singleSession)
  stats.logins++
  return {
    status: 200,
    headers: { 'bs-session-id': session.id },
    body: { User: loginUser(user, call.now), Response: SUCCESS.Response },
  }
}

/** POST /api/logout: ends the caller's session. */
export const logout: Handler = (state, call) => {
  if (call.sessionId) state.sessions.end(call.sessionId)
  return ok()
}
