import { ApiError } from './errors.ts'

/** Which user ids the server accepts (Settings > Server > User ID Type). */
export type UserIdType = 'numeric' | 'alphanumeric'

export type UserIdProblem =
  'empty' | 'not-a-number' | 'out-of-range' | 'all-zeros' | 'bad-characters' | 'too-long'

export const MAX_NUMERIC_ID = 4_294_967_294
export const MAX_ALPHANUMERIC_LENGTH = 32

/**
 * Checks a typed user id before any request. Numeric: 1-4294967294, not only zeros.
 * Alphanumeric: letters, digits, "-" and "_", up to 32 characters. Returns the trimmed id.
 */
export function checkUserId(
  input: string,
  type: UserIdType = 'numeric',
): { id: string } | { problem: UserIdProblem } {
  const id = input.trim()
  if (!id) return { problem: 'empty' }
  if (type === 'numeric') {
    if (!/^\d+$/.test(id)) return { problem: 'not-a-number' }
    if (/^0+$/.test(id)) return { problem: 'all-zeros' }
    if (id.length > 10 || Number(id) > MAX_NUMERIC_ID) return { problem: 'out-of-range' }
    return { id }
  }
  if (id.length > MAX_ALPHANUMERIC_LENGTH) return { problem: 'too-long' }
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return { problem: 'bad-characters' }
  if (/^0+$/.test(id)) return { problem: 'all-zeros' }
  return { id }
}

/**
 * The id as a path segment, always encoded. Whatever it came from (the keyboard, a file name,
 * BioStar's own answer, IndexedDB), an id no BioStar user can have (empty, ".", "..", a slash,
 * anything checkUserId refuses even for alphanumeric servers, or untrimmed) is refused before
 * any request is made.
 */
export function userPath(id: string): string {
  const checked = checkUserId(id, 'alphanumeric')
  if ('problem' in checked || checked.id !== id)
    throw new ApiError({ kind: 'invalid-id', code: 'invalid-user-id', serverMessage: id })
  return `/users/${encodeURIComponent(id)}`
}
