// Paging of the directory store against a fake GET /api/users: page size, progress, the guards
// against servers that ignore offset, sharing, refresh, clear and sign-out.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { UserSummary } from '@/api/types.ts'
import { ApiError } from '@/api/errors.ts'
import { listUsers } from '@/api/users.ts'
import { PAGE_SIZE, useDirectoryStore } from '@/stores/directory.ts'
import { useSessionStore } from '@/stores/session.ts'

vi.mock('@/api/users.ts', () => ({ listUsers: vi.fn() }))
vi.mock('@/api/auth.ts', () => ({ login: vi.fn(), logout: vi.fn(async () => undefined) }))

const mockList = vi.mocked(listUsers)

function person(i: number, extra: Partial<UserSummary> = {}): UserSummary {
  return {
    userId: String(i),
    name: `Person ${i}`,
    group: null,
    hasPhoto: false,
    disabled: false,
    expired: false,
    ...extra,
  }
}

const people = (count: number) => Array.from({ length: count }, (_, i) => person(i + 1))

/** A well-behaved server over `list`, optionally slowed by a gate the test opens. */
function serve(list: () => UserSummary[], gate?: () => Promise<void>) {
  mockList.mockImplementation(async ({ limit, offset }, opts = {}) => {
    await gate?.()
    if (opts.signal?.aborted) throw new ApiError({ kind: 'aborted' })
    const all = list()
    return { total: all.length, rows: all.slice(offset, offset + limit) }
  })
}

/** Calls wait here until the test releases them one at a time. */
function gated() {
  const waiting: Array<() => void> = []
  return {
    gate: () => new Promise<void>((resolve) => waiting.push(resolve)),
    async release() {
      await vi.waitFor(() => expect(waiting.length).toBeGreaterThan(0))
      waiting.shift()?.()
      await new Promise((resolve) => setTimeout(resolve, 0))
    },
  }
}

const offsets = () => mockList.mock.calls.map(([page]) => page.offset)

beforeEach(() => {
  setActivePinia(createPinia())
  mockList.mockReset()
})

describe('ensureLoaded', () => {
  it('pages with offset += rows.length until total, PAGE_SIZE at a time', async () => {
    serve(() => people(1234))
    const store = useDirectoryStore()
    await store.ensureLoaded()
    expect(PAGE_SIZE).toBe(500)
    expect(mockList.mock.calls.map(([page]) => page.limit)).toEqual([500, 500, 500])
    expect(offsets()).toEqual([0, 500, 1000])
    expect(store.users).toHaveLength(1234)
    expect(store.total).toBe(1234)
    expect(store.loadedCount).toBe(1234)
    expect(store.loading).toBe(false)
    expect(store.loadedAt).toEqual(expect.any(Number))
    expect(store.partial).toBe(false)
  })

  it('follows a server that sends fewer rows than asked', async () => {
    const all = people(700)
    mockList.mockImplementation(async ({ offset }) => ({
      total: all.length,
      rows: all.slice(offset, offset + 300),
    }))
    const store = useDirectoryStore()
    await store.ensureLoaded()
    expect(offsets()).toEqual([0, 300, 600])
    expect(store.users).toHaveLength(700)
  })

  it('stops at an empty page and reports the shortfall', async () => {
    const all = people(600)
    mockList.mockImplementation(async ({ offset, limit }) => ({
      total: 900,
      rows: all.slice(offset, offset + limit),
    }))
    const store = useDirectoryStore()
    await store.ensureLoaded()
    expect(offsets()).toEqual([0, 500, 600])
    expect(store.users).toHaveLength(600)
    expect(store.partial).toBe(true)
  })

  it('stops when a server ignores offset and repeats the first page', async () => {
    const all = people(2000)
    mockList.mockImplementation(async ({ limit }) => ({ total: 2000, rows: all.slice(0, limit) }))
    const store = useDirectoryStore()
    await store.ensureLoaded()
    expect(mockList).toHaveBeenCalledTimes(2)
    expect(store.users).toHaveLength(500)
    expect(new Set(store.users.map((u) => u.userId)).size).toBe(500)
    expect(store.partial).toBe(true)
  })

  it('shows each page as it arrives, searchable before the load ends', async () => {
    const { gate, release } = gated()
    serve(() => people(1200), gate)
    const store = useDirectoryStore()
    const done = store.ensureLoaded()
    expect(store.loading).toBe(true)
    await release()
    expect(store.loadedCount).toBe(500)
    expect(store.total).toBe(1200)
    expect(store.users).toHaveLength(500)
    expect(store.search('person 42').map((u) => u.userId)).toContain('42')
    await release()
    expect(store.loadedCount).toBe(1000)
    await release()
    await done
    expect(store.users).toHaveLength(1200)
    expect(store.search('person 1100').map((u) => u.userId)).toEqual(['1100'])
  })

  it('loads once: concurrent and later calls share it', async () => {
    serve(() => people(800))
    const store = useDirectoryStore()
    const a = store.ensureLoaded()
    const b = store.ensureLoaded()
    await Promise.all([a, b])
    await store.ensureLoaded()
    expect(mockList).toHaveBeenCalledTimes(2)
  })

  it('keeps the error and tries again on the next call', async () => {
    mockList.mockRejectedValueOnce(new ApiError({ kind: 'server', status: 500 }))
    const store = useDirectoryStore()
    await store.ensureLoaded()
    expect(store.error).toBeInstanceOf(ApiError)
    expect(store.loading).toBe(false)
    expect(store.loadedAt).toBeNull()
    serve(() => people(3))
    await store.ensureLoaded()
    expect(store.error).toBeNull()
    expect(store.users).toHaveLength(3)
  })
})

describe('refresh', () => {
  it('keeps the old list searchable until the new one is complete', async () => {
    let list = people(600)
    serve(() => list)
    const store = useDirectoryStore()
    await store.ensureLoaded()
    const old = store.users
    const { gate, release } = gated()
    list = [...people(1000), person(5000, { name: 'Newcomer' })]
    serve(() => list, gate)
    const done = store.refresh()
    const again = store.refresh()
    await release()
    expect(store.loading).toBe(true)
    expect(store.loadedCount).toBe(500)
    expect(store.users).toBe(old)
    expect(store.search('newcomer')).toEqual([])
    await release()
    await release()
    await Promise.all([done, again])
    expect(mockList).toHaveBeenCalledTimes(2 + 3)
    expect(store.users).toHaveLength(1001)
    expect(store.search('newcomer').map((u) => u.userId)).toEqual(['5000'])
  })

  it('keeps a user the desk saved during the refresh', async () => {
    serve(() => people(10))
    const store = useDirectoryStore()
    await store.ensureLoaded()
    const { gate, release } = gated()
    serve(() => people(10), gate)
    const done = store.refresh()
    store.upsert(person(3, { hasPhoto: true }))
    await release()
    await done
    expect(store.users.find((u) => u.userId === '3')?.hasPhoto).toBe(true)
  })
  it('a failed refresh keeps the old list and its counts, with the error', async () => {
    serve(() => people(700))
    const store = useDirectoryStore()
    await store.ensureLoaded()
    const old = store.users
    const all = people(900)
    mockList.mockImplementation(async ({ offset, limit }) => {
      if (offset > 0) throw new ApiError({ kind: 'unreachable' })
      return { total: all.length, rows: all.slice(offset, offset + limit) }
    })
    await store.refresh()
    expect(store.error).toMatchObject({ kind: 'unreachable' })
    expect(store.users).toBe(old)
    expect(store.loadedCount).toBe(700)
    expect(store.total).toBe(700)
    expect(store.partial).toBe(false)
    expect(store.loading).toBe(false)
  })
})

describe('ensureFresh', () => {
  const MINUTE = 60_000

  it('loads the first time, then again only once the list is maxAge old', async () => {
    let clock = 1_000_000
    vi.spyOn(Date, 'now').mockImplementation(() => clock)
    serve(() => people(3))
    const store = useDirectoryStore()
    await store.ensureFresh(5 * MINUTE)
    expect(mockList).toHaveBeenCalledTimes(1)
    clock += 5 * MINUTE - 1
    await store.ensureFresh(5 * MINUTE)
    expect(mockList).toHaveBeenCalledTimes(1)
    serve(() => [...people(3), person(9, { name: 'Newcomer' })])
    clock += 1
    await store.ensureFresh(5 * MINUTE)
    expect(mockList).toHaveBeenCalledTimes(2)
    expect(store.search('newcomer').map((u) => u.userId)).toEqual(['9'])
    expect(store.loadedAt).toBe(clock)
    vi.restoreAllMocks()
  })

  it('never runs two loads at once: callers during a load share it', async () => {
    const { gate, release } = gated()
    serve(() => people(3), gate)
    const store = useDirectoryStore()
    const a = store.ensureFresh(0)
    const b = store.ensureFresh(0)
    await release()
    await Promise.all([a, b])
    expect(mockList).toHaveBeenCalledTimes(1)
  })

  it('tries again after a failed refresh, keeping the old list meanwhile', async () => {
    let clock = 1_000_000
    vi.spyOn(Date, 'now').mockImplementation(() => clock)
    serve(() => people(3))
    const store = useDirectoryStore()
    await store.ensureFresh(MINUTE)
    mockList.mockRejectedValueOnce(new ApiError({ kind: 'unreachable' }))
    clock += MINUTE
    await store.ensureFresh(MINUTE)
    expect(store.error).toMatchObject({ kind: 'unreachable' })
    expect(store.users).toHaveLength(3)
    await store.ensureFresh(MINUTE)
    expect(store.error).toBeNull()
    expect(mockList).toHaveBeenCalledTimes(3)
    vi.restoreAllMocks()
  })
})

describe('clear and sign-out', () => {
  it('clear() aborts a load under way and forgets the list', async () => {
    const { gate, release } = gated()
    serve(() => people(1500), gate)
    const store = useDirectoryStore()
    const done = store.ensureLoaded()
    await release()
    expect(store.users).toHaveLength(500)
    await vi.waitFor(() => expect(mockList).toHaveBeenCalledTimes(2))
    const inFlight = mockList.mock.calls[1]?.[1]?.signal
    store.clear()
    expect(inFlight?.aborted).toBe(true)
    await release()
    await done
    expect(store.users).toEqual([])
    expect(store.loading).toBe(false)
    expect(store.loadedAt).toBeNull()
    expect(store.error).toBeNull()
    expect(mockList).toHaveBeenCalledTimes(2)
  })

  it('signing out clears the list, so the next operator loads afresh', async () => {
    serve(() => people(5))
    const store = useDirectoryStore()
    await store.ensureLoaded()
    expect(store.users).toHaveLength(5)
    await useSessionStore().signOut()
    expect(store.users).toEqual([])
    expect(store.loadedAt).toBeNull()
    await store.ensureLoaded()
    expect(mockList).toHaveBeenCalledTimes(2)
  })

  it('upsert before any load does not invent a one-user list', () => {
    const store = useDirectoryStore()
    store.upsert(person(1))
    expect(store.users).toEqual([])
  })
})
