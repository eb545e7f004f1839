import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { listUsers } from '@/api/users.ts'
import { ApiError } from '@/api/errors.ts'
import type { UserSummary } from '@/api/types.ts'
import {
  buildSearchIndex,
  mergeSearchIndex,
  searchEntry,
  searchIndex,
  type SearchEntry,
  type SearchResult,
} from '@/directory/search-index.ts'
import { useSessionStore } from '@/stores/session.ts'

/** Rows per GET /api/users request. One big page silently truncates large sites (api doc §8). */
export const PAGE_SIZE = 500
/** Hard stop for servers that never run out of pages (ignored offset with fresh ids, bugs). */
export const MAX_PAGES = 2_000

/** The search index of one list, with the list it describes. */
interface Index {
  users: readonly UserSummary[]
  entries: SearchEntry[]
}

/** Applies users saved by the desk while a load was under way (the page may predate the save). */
function withUpserts(
  users: UserSummary[],
  upserts: Map<string, UserSummary>,
  addMissing: boolean,
): UserSummary[] {
  if (upserts.size === 0) return users
  const seen = new Set<string>()
  const out = users.map((user) => {
    const newer = upserts.get(user.userId)
    if (!newer) return user
    seen.add(user.userId)
    return newer
  })
  if (addMissing) for (const [id, user] of upserts) if (!seen.has(id)) out.push(user)
  return out
}

/**
 * Every user of the BioStar server, for the name search. BioStar has no documented free-text
 * search, so the list is paged in once per session (rows carry no photos) and searched here.
 */
export const useDirectoryStore = defineStore('directory', () => {
  /** What search() looks at: the complete list, or the part loaded so far on the first load. */
  const users = shallowRef<UserSummary[]>([])
  /** The server's total, as reported by the newest page. */
  const total = ref(0)
  /** Rows received by the current (or last) load; during a refresh `users` still holds the old list. */
  const loadedCount = ref(0)
  const loading = ref(false)
  /** When the last complete load finished (ms epoch); null until then. */
  const loadedAt = ref<number | null>(null)
  /** Why the last load failed (an ApiError, usually); null otherwise. */
  const error = ref<unknown>(null)

  /** Loaded, but the server stopped paging before its own total: some users may be missing. */
  const partial = computed(
    () => loadedAt.value !== null && !loading.value && loadedCount.value < total.value,
  )

  let index: Index = { users: [], entries: [] }
  let current: { controller: AbortController; promise: Promise<void> } | null = null
  /** Users the desk saved during the current load; they win over the rows being fetched. */
  let upsertsDuringLoad = new Map<string, UserSummary>()
  let signOutHooked = false

  function indexNow(): SearchEntry[] {
    if (index.users !== users.value) {
      index = { users: users.value, entries: buildSearchIndex(users.value) }
    }
    return index.entries
  }

  function publish(list: UserSummary[], entries: SearchEntry[]) {
    index = { users: list, entries }
    users.value = list
  }

  function hookSignOut() {
    if (signOutHooked) return
    signOutHooked = true
    useSessionStore().onSignOut(() => clear())
  }

  async function run(
    controller: AbortController,
    replaceAtEnd: boolean,
    before: { loaded: number; total: number },
  ): Promise<void> {
    const { signal } = controller
    const stale = () => signal.aborted || current?.controller !== controller
    const seen = new Set<string>()
    let rows: UserSummary[] = []
    let sorted: SearchEntry[] = []
    let offset = 0
    try {
      for (let pages = 0; pages < MAX_PAGES; pages++) {
        const page = await listUsers({ limit: PAGE_SIZE, offset }, { signal })
        if (stale()) return
        total.value = page.total
        // A server that ignores offset sends the same rows again: keep only new ids and stop
        // when a page brings none.
        const fresh = page.rows.filter((user) => !seen.has(user.userId))
        if (fresh.length === 0) break
        for (const user of fresh) seen.add(user.userId)
        offset += page.rows.length
        rows = rows.concat(fresh)
        if (!replaceAtEnd) {
          const shown = withUpserts(rows, upsertsDuringLoad, false)
          const entries = shown === rows ? mergeSearchIndex(sorted, buildSearchIndex(fresh)) : null
          publish(shown, entries ?? buildSearchIndex(shown))
        }
        sorted =
          index.users === rows ? index.entries : mergeSearchIndex(sorted, buildSearchIndex(fresh))
        // Progress last, so whoever watches it sees the rows already in place.
        loadedCount.value = rows.length
        if (rows.length >= page.total) break
      }
      const final = withUpserts(rows, upsertsDuringLoad, true)
      publish(
        final,
        final === rows && sorted.length === rows.length ? sorted : buildSearchIndex(final),
      )
      loadedAt.value = Date.now()
    } catch (caught) {
      if (stale()) return
      if (caught instanceof ApiError && caught.kind === 'aborted') return
      error.value = caught
      // A failed refresh leaves the old list in place: its counts go with it.
      if (replaceAtEnd) {
        loadedCount.value = before.loaded
        total.value = before.total
      }
    } finally {
      if (current?.controller === controller) {
        current = null
        loading.value = false
        upsertsDuringLoad = new Map()
      }
    }
  }

  function start(): Promise<void> {
    hookSignOut()
    const controller = new AbortController()
    const replaceAtEnd = users.value.length > 0
    const before = { loaded: loadedCount.value, total: total.value }
    loading.value = true
    error.value = null
    loadedCount.value = 0
    upsertsDuringLoad = new Map()
    const promise = run(controller, replaceAtEnd, before)
    current = { controller, promise }
    return promise
  }

  /** Loads the list once per session; concurrent callers share one load. Never rejects. */
  function ensureLoaded(): Promise<void> {
    if (current) return current.promise
    if (loadedAt.value !== null) return Promise.resolve()
    return start()
  }

  /**
   * Loads the list if it never loaded, or again when the last complete load is `maxAgeMs` old or
   * older (or failed since); a load under way is shared. For callers that refresh by themselves
   * (the desk's lookup on focus) instead of offering a button. Never rejects.
   */
  function ensureFresh(maxAgeMs: number): Promise<void> {
    if (current) return current.promise
    if (loadedAt.value === null || Date.now() - loadedAt.value >= maxAgeMs) return start()
    return Promise.resolve()
  }

  /**
   * Loads the list again. The old list stays searchable until the new one is complete; a load
   * already under way is shared. Never rejects: a failure lands in `error`.
   */
  function refresh(): Promise<void> {
    return current ? current.promise : start()
  }

  /** Matches with the total count, for "Showing 50 of 312". */
  function searchWithTotal(query: string, limit = 50): SearchResult {
    return searchIndex(indexNow(), query, limit)
  }

  /**
   * Case-, accent- and width-insensitive search on any part of the name, or on the start of the
   * user id. Best first: id exact, name starts with, a name part starts with, name contains;
   * alphabetical within each.
   */
  function search(query: string, limit = 50): UserSummary[] {
    return searchWithTotal(query, limit).matches
  }

  /** Adds or replaces one user (the desk calls this after loading or saving one). */
  function upsert(user: UserSummary) {
    if (current) upsertsDuringLoad.set(user.userId, user)
    const list = users.value
    const at = list.findIndex((u) => u.userId === user.userId)
    if (at < 0 && loadedAt.value === null && !current) return
    const next = [...list]
    next[at < 0 ? list.length : at] = user
    const old = at < 0 ? undefined : list[at]
    let entries = indexNow()
    if (old) entries = entries.filter((e) => e.user !== old)
    publish(next, mergeSearchIndex(entries, [searchEntry(user)]))
  }

  /** Forgets the list and stops a load under way (sign-out). */
  function clear() {
    const running = current
    current = null
    running?.controller.abort()
    upsertsDuringLoad = new Map()
    publish([], [])
    total.value = 0
    loadedCount.value = 0
    loading.value = false
    loadedAt.value = null
    error.value = null
  }

  return {
    users,
    total,
    loadedCount,
    loading,
    loadedAt,
    error,
    partial,
    ensureLoaded,
    ensureFresh,
    refresh,
    search,
    searchWithTotal,
    upsert,
    clear,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useDirectoryStore, import.meta.hot))
