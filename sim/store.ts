import { GROUPS } from './seed.ts'
import type { SeedState } from './seed.ts'
import type { NamedRef, StoredUser } from './types.ts'

export const MAX_NUMERIC_ID = 4294967294

/** Numeric ids compare as numbers (without parsing, so 4294967294 stays exact), then the rest. */
export function compareIds(a: string, b: string): number {
  const an = /^\d+$/.test(a)
  const bn = /^\d+$/.test(b)
  if (an && bn && a.length !== b.length) return a.length - b.length
  if (an !== bn) return an ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Users by id, kept as wire records. Records are replaced, never mutated, so a reply that
 * is still being serialised cannot see half an update.
 */
export class UserStore {
  private users = new Map<string, StoredUser>()
  private sortedIds: string[] | undefined
  passwords = new Map<string, string>()
  /** BioStar's global change counter, copied into each changed user's last_modified. */
  lastModified = 0
  readonly groups: NamedRef[] = GROUPS

  load(state: SeedState): void {
    this.users = new Map(state.users.map((u) => [u.user_id, u]))
    this.passwords = new Map(Object.entries(state.passwords))
    this.lastModified = state.lastModified
    this.sortedIds = undefined
  }

  snapshot(): SeedState {
    return {
      users: [...this.users.values()],
      passwords: Object.fromEntries(this.passwords),
      lastModified: this.lastModified,
    }
  }

  get size(): number {
    return this.users.size
  }

  get(id: string): StoredUser | undefined {
    return this.users.get(id)
  }

  findByLoginId(loginId: string): StoredUser | undefined {
    if (!loginId) return undefined
    for (const user of this.users.values()) if (user.login_id === loginId) return user
    return undefined
  }

  group(id: string): NamedRef | undefined {
    return this.groups.find((g) => g.id === id)
  }

  /** All users ordered by id (numeric ascending). */
  list(): StoredUser[] {
    this.sortedIds ??= [...this.users.keys()].sort(compareIds)
    return this.sortedIds.map((id) => this.users.get(id) as StoredUser)
  }

  /** Inserts or replaces `user` and stamps it as changed. */
  save(user: StoredUser, opts: { bump: boolean }): StoredUser {
    if (!this.users.has(user.user_id)) this.sortedIds = undefined
    const saved = opts.bump
      ? {
          ...user,
          updated_count: String(Number(user.updated_count) + 1),
          last_modified: String(++this.lastModified),
        }
      : user
    this.users.set(saved.user_id, saved)
    return saved
  }

  /** Highest numeric id + 1, or the lowest free id once the top of the range is taken. */
  nextUserId(): string {
    let max = 0
    for (const id of this.users.keys()) if (/^\d+$/.test(id)) max = Math.max(max, Number(id))
    if (max < MAX_NUMERIC_ID) return String(max + 1)
    let id = 1
    while (this.users.has(String(id))) id++
    return String(id)
  }
}
