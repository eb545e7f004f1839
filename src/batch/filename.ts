import { checkUserId, type UserIdProblem, type UserIdType } from '@/api/user-id.ts'

/** Why a file name gives no user ID. */
export type NameProblem = 'no-id' | UserIdProblem

/**
 * The user ID a file name gives. `candidates` lists every reading, longest first: an
 * alphanumeric ID may itself hold "_", so `EMP_7_new.jpg` could be `EMP_7_new` or `EMP_7` or
 * `EMP`; the server check picks the longest that exists. Numeric IDs have one reading.
 */
export type ParsedName =
  { ok: true; id: string; candidates: string[] } | { ok: false; problem: NameProblem }

const IGNORED = new Set(['thumbs.db', 'desktop.ini', '.ds_store'])
const MAX_CANDIDATES = 4

/** The last path segment of `a/b/c.jpg` or `a\b\c.jpg`. */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)
}

/** The name without its extension: `12345 - Jane Doe.png` -> `12345 - Jane Doe`. */
export function stem(path: string): string {
  const base = baseName(path)
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(0, dot) : base
}

/** System files a folder brings along (hidden files, Thumbs.db): left out without a word. */
export function isIgnoredFile(path: string): boolean {
  const base = baseName(path)
  return base.startsWith('.') || IGNORED.has(base.toLowerCase())
}

// After the ID comes the end or a separator; a letter or digit would make it part of the ID.
const ENDS_ID = /^(?:$|[^\p{L}\p{N}])/u

/**
 * Reads the user ID at the start of a file name: `12345.jpg`, `12345_anything.jpg`,
 * `12345 - Jane Doe.png`; with alphanumeric IDs also `EMP-0042 Jane.jpg`. Full-width digits
 * become ASCII, and numeric IDs lose leading zeros (`00042.jpg` is user 42: BioStar's numeric
 * IDs have none).
 */
export function parseFileName(path: string, idType: UserIdType = 'numeric'): ParsedName {
  const text = stem(path).normalize('NFKC').trim()
  return idType === 'numeric' ? parseNumeric(text) : parseAlphanumeric(text)
}

function parseNumeric(text: string): ParsedName {
  const match = /^\d+/.exec(text)
  if (!match || !ENDS_ID.test(text.slice(match[0].length))) return { ok: false, problem: 'no-id' }
  const digits = match[0].replace(/^0+(?=\d)/, '')
  const checked = checkUserId(digits, 'numeric')
  if ('problem' in checked) return { ok: false, problem: checked.problem }
  return { ok: true, id: checked.id, candidates: [checked.id] }
}

function parseAlphanumeric(text: string): ParsedName {
  const match = /^[A-Za-z0-9_-]+/.exec(text)
  if (!match || !ENDS_ID.test(text.slice(match[0].length))) return { ok: false, problem: 'no-id' }
  const token = match[0]
  const readings = [token]
  for (let at = token.lastIndexOf('_'); at > 0; at = token.lastIndexOf('_', at - 1))
    readings.push(token.slice(0, at))
  const candidates: string[] = []
  let firstProblem: UserIdProblem | undefined
  for (const reading of readings) {
    const checked = checkUserId(reading, 'alphanumeric')
    if ('id' in checked) {
      if (!candidates.includes(checked.id)) candidates.push(checked.id)
    } else firstProblem ??= checked.problem
    if (candidates.length === MAX_CANDIDATES) break
  }
  if (candidates.length === 0) return { ok: false, problem: firstProblem ?? 'no-id' }
  return { ok: true, id: candidates[0]!, candidates }
}

/** The first candidate the server knows, else undefined. */
export function resolveCandidates(
  candidates: readonly string[],
  known: { has(id: string): boolean },
): string | undefined {
  return candidates.find((id) => known.has(id))
}
