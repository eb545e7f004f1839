import { requestRaw } from './client.ts'
import { ApiError } from './errors.ts'

/**
 * Asks BioStar for one user row: the cheapest read there is. Resolves true when the server
 * answered at all (even 401: it is up, the session is another matter), false when unreachable.
 */
export async function ping(opts: { signal?: AbortSignal } = {}): Promise<boolean> {
  try {
    await requestRaw('/users', {
      query: { limit: 1, offset: 0 },
      signal: opts.signal,
      reauth: false,
      maxTries: 1,
    })
    return true
  } catch (error) {
    if (error instanceof ApiError && error.transient) return false
    return true
  }
}
