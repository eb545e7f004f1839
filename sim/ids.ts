import { MAX_NUMERIC_ID } from './store.ts'

/** Settings > Server > User ID Type rules (biostar-api.md section 7). */
export function isValidUserId(id: string, idType: 'numeric' | 'alphanumeric'): boolean {
  if (idType === 'alphanumeric') return /^[A-Za-z0-9_-]{1,32}$/.test(id)
  // Leading zeros would make "012" and "12" two spellings of one user, so they are refused.
  if (!/^[1-9]\d{0,9}$/.test(id)) return false
  return Number(id) <= MAX_NUMERIC_ID
}

/** The path segment decoded (alphanumeric ids arrive URL-encoded), or undefined if malformed. */
export function decodeId(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}
