// The directory's name search as a plain module: search keys (accent-, width- and
// case-insensitive, Hangul-aware), an index in name order, and one ranked scan per query. The
// directory store keeps the list and wraps this; nothing here knows Vue or the API.
import type { UserSummary } from '@/api/types.ts'

// Search keys. NFKD splits accents and compatibility forms (full-width letters, ㈜), the
// combining accents are dropped, NFC puts Hangul syllables back together, and lowercasing on both
// sides catches letters that only become uppercase ASCII after decomposition (ℌ -> H).
const ACCENTS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g
const SPACES = /\s+/g
// A lone Hangul jamo at the end of a query is an IME half-way through a syllable ('김ㅁ').
const TRAILING_JAMO = /[\u1100-\u11ff\u3130-\u318f]+$/
// Characters after which a name part starts: 'Mary-Jane', 'O'Brien', 'Kim (Visitor)'.
const WORD_BREAK = /[\s\-'’.,_/()[\]]/

/** Case-, accent- and width-insensitive form of a name, id or query; whitespace collapsed. */
export function normalizeForSearch(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(ACCENTS, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(SPACES, ' ')
    .trim()
}

export interface SearchEntry {
  user: UserSummary
  name: string
  id: string
}

export interface SearchResult {
  /** The best `limit` matches, best first. */
  matches: UserSummary[]
  /** How many users match in all. */
  total: number
}

// Keys are computed once per user object; pages, refreshes and re-sorts reuse them.
const entries = new WeakMap<UserSummary, SearchEntry>()

/** The search keys of one user (computed once per user object). */
export function searchEntry(user: UserSummary): SearchEntry {
  let entry = entries.get(user)
  if (!entry) {
    entry = { user, name: normalizeForSearch(user.name), id: normalizeForSearch(user.userId) }
    entries.set(user, entry)
  }
  return entry
}

function compareIds(a: string, b: string): number {
  const numeric = /^\d+$/.test(a) && /^\d+$/.test(b)
  if (numeric && a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}

// Code-point order of the folded name is alphabetical for Latin and 가나다 order for Hangul, and
// much cheaper than Intl.Collator: the index is sorted once, so searches never sort.
function byName(a: SearchEntry, b: SearchEntry): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1
  return compareIds(a.user.userId, b.user.userId)
}

/** Search keys of a list, in name order: build once, then search it on every keystroke. */
export function buildSearchIndex(users: readonly UserSummary[]): SearchEntry[] {
  return users.map(searchEntry).sort(byName)
}

/** Merges two lists already in name order. */
export function mergeSearchIndex(a: SearchEntry[], b: SearchEntry[]): SearchEntry[] {
  if (a.length === 0) return b
  if (b.length === 0) return a
  const out: SearchEntry[] = new Array(a.length + b.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.length && j < b.length) {
    const x = a[i] as SearchEntry
    const y = b[j] as SearchEntry
    if (byName(x, y) <= 0) {
      out[k++] = x
      i++
    } else {
      out[k++] = y
      j++
    }
  }
  while (i < a.length) out[k++] = a[i++] as SearchEntry
  while (j < b.length) out[k++] = b[j++] as SearchEntry
  return out
}

function startsWord(name: string, query: string): boolean {
  for (let at = name.indexOf(query, 1); at > 0; at = name.indexOf(query, at + 1)) {
    if (WORD_BREAK.test(name.charAt(at - 1))) return true
  }
  return false
}

/**
 * Ranks: 0 the id is the query, 1 the name (or id) starts with it, 2 a later part of the name
 * starts with it, 3 the name contains it; -1 no match. Korean names have no spaces, so '민준'
 * finds '김민준' as a contained match.
 */
function rank(entry: SearchEntry, query: string): number {
  if (entry.id === query) return 0
  if (entry.name.startsWith(query) || entry.id.startsWith(query)) return 1
  const at = entry.name.indexOf(query)
  if (at < 0) return -1
  return startsWord(entry.name, query) ? 2 : 3
}

/** One scan over an index in name order: buckets per rank keep the order, nothing is sorted. */
export function searchIndex(
  index: readonly SearchEntry[],
  query: string,
  limit: number,
): SearchResult {
  const q = normalizeForSearch(query).replace(TRAILING_JAMO, '').trim()
  if (!q || limit <= 0) return { matches: [], total: 0 }
  const buckets: UserSummary[][] = [[], [], [], []]
  let total = 0
  for (const entry of index) {
    const r = rank(entry, q)
    if (r < 0) continue
    total++
    const bucket = buckets[r] as UserSummary[]
    if (bucket.length < limit) bucket.push(entry.user)
  }
  return { matches: buckets.flat().slice(0, limit), total }
}
