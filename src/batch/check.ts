import type { UserPage, UserSummary } from '@/api/types.ts'
import type { BatchRow } from './rows.ts'

// Checking file names' IDs against BioStar: a chunk of the list per search.

/** IDs per `POST /api/v2/users/search`. */
export const CHECK_CHUNK = 100

/** `POST /api/v2/users/search` by user ID (api/users.ts searchUsers). */
export type SearchUsers = (
  criteria: { userIds: string[]; limit: number; offset: number },
  opts: { signal?: AbortSignal },
) => Promise<UserPage>

export interface CheckChunk {
  rows: BatchRow[]
  ids: string[]
}

/**
 * Takes the next rows waiting for their check (marked 'checking'), up to `max` IDs in all: an
 * alphanumeric name may bring a few readings. Undefined when none waits.
 */
export function claimCheckChunk(
  rows: readonly BatchRow[],
  max = CHECK_CHUNK,
): CheckChunk | undefined {
  const chunk: CheckChunk = { rows: [], ids: [] }
  for (const row of rows) {
    if (row.check !== 'pending' || row.userId === null) continue
    const fresh = row.candidates.filter((id) => !chunk.ids.includes(id))
    if (chunk.rows.length > 0 && chunk.ids.length + fresh.length > max) break
    row.check = 'checking'
    chunk.rows.push(row)
    chunk.ids.push(...fresh)
  }
  return chunk.rows.length ? chunk : undefined
}

/** The users BioStar knows among `ids`, by ID. Pages to `total`: a server may cap a page. */
export async function findUsers(
  search: SearchUsers,
  ids: string[],
  signal: AbortSignal,
): Promise<Map<string, UserSummary>> {
  const found = new Map<string, UserSummary>()
  for (let offset = 0; offset < ids.length;) {
    const page = await search({ userIds: ids, limit: ids.length, offset }, { signal })
    for (const user of page.rows) found.set(user.userId, user)
    offset += page.rows.length
    if (page.rows.length === 0 || offset >= page.total) break
  }
  return found
}
