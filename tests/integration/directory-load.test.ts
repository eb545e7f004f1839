// The directory store against the simulator over real HTTP: 2,345 users paged in 500 at a time,
// progress, one shared load, refresh and clear() cancelling a load in flight.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { watch } from 'vue'
import { createSimulator, DEMO_OPERATOR, type Simulator } from '../../sim/index.ts'
import { clientConfig, setSessionExpiredHandler, setSessionId } from '../../src/api/client.ts'
import { login } from '../../src/api/auth.ts'
import { useDirectoryStore } from '../../src/stores/directory.ts'

const USER_COUNT = 2345

let sim: Simulator
let server: { url: string; close(): Promise<void> }

/** What the simulator answered for GET /api/users, oldest first. */
function listCalls() {
  return sim.requests
    .filter((r) => r.method === 'GET' && r.path === '/api/users')
    .map((r) => {
      const query = new URLSearchParams(r.query)
      return { offset: Number(query.get('offset')), limit: Number(query.get('limit')) }
    })
}

beforeAll(async () => {
  sim = createSimulator({ seed: 11, userCount: USER_COUNT })
  server = await sim.listen({ port: 0 })
  clientConfig.baseURL = `${server.url}/api`
  clientConfig.retryBaseMs = 5
})

afterAll(async () => {
  setSessionExpiredHandler(null)
  setSessionId(null)
  await server.close()
  await sim.close()
})

beforeEach(async () => {
  sim.reset()
  setActivePinia(createPinia())
  const { sessionId } = await login(DEMO_OPERATOR.loginId, DEMO_OPERATOR.password)
  setSessionId(sessionId)
})

describe('directory store with the simulator', () => {
  it('loads all 2,345 users in pages of 500 with visible progress', async () => {
    const store = useDirectoryStore()
    const progress: Array<{ loaded: number; total: number; shown: number }> = []
    const stop = watch(
      () => store.loadedCount,
      (loaded) => progress.push({ loaded, total: store.total, shown: store.users.length }),
      { flush: 'sync' },
    )
    await store.ensureLoaded()
    stop()

    expect(listCalls()).toEqual(
      [0, 500, 1000, 1500, 2000].map((offset) => ({ offset, limit: 500 })),
    )
    expect(progress.filter((p) => p.loaded > 0)).toEqual([
      { loaded: 500, total: USER_COUNT, shown: 500 },
      { loaded: 1000, total: USER_COUNT, shown: 1000 },
      { loaded: 1500, total: USER_COUNT, shown: 1500 },
      { loaded: 2000, total: USER_COUNT, shown: 2000 },
      { loaded: 2345, total: USER_COUNT, shown: 2345 },
    ])
    expect(store.users).toHaveLength(USER_COUNT)
    expect(new Set(store.users.map((u) => u.userId)).size).toBe(USER_COUNT)
    expect(store.loading).toBe(false)
    expect(store.partial).toBe(false)
    expect(store.error).toBeNull()

    // The seeded names: Korean given names match inside the full name, ids exactly.
    const minjun = store.search('민준', 500)
    expect(minjun.length).toBeGreaterThan(0)
    expect(minjun.every((u) => u.name.includes('민준'))).toBe(true)
    expect(store.search('2345')[0]).toMatchObject({ userId: '2345' })
    expect(store.search('admin')[0]).toMatchObject({ userId: '1', name: 'Administrator' })
  })

  it('a second ensureLoaded() during the load shares it: no extra requests', async () => {
    const store = useDirectoryStore()
    const first = store.ensureLoaded()
    const second = store.ensureLoaded()
    await Promise.all([first, second])
    await store.ensureLoaded()
    expect(listCalls()).toHaveLength(5)
    expect(store.users).toHaveLength(USER_COUNT)
  })

  it('refresh() replaces the list, keeping the old one until the new one is complete', async () => {
    const store = useDirectoryStore()
    await store.ensureLoaded()
    const old = store.users
    const withoutPhoto = old.find((u) => !u.hasPhoto && u.userId !== '1')
    expect(withoutPhoto).toBeDefined()
    sim.addUser({ user_id: '9001', name: 'Zelda Newcomer' })
    sim.setPhoto(withoutPhoto?.userId ?? '', sim.getUser('4')?.photo ?? null)

    const during: Array<{ loaded: number; sameList: boolean }> = []
    const stop = watch(
      () => store.loadedCount,
      (loaded) => during.push({ loaded, sameList: store.users === old }),
      { flush: 'sync' },
    )
    await store.refresh()
    stop()

    // Progress moved from 0 to 2,346 while searches still saw the old list.
    expect(during).toEqual(
      [0, 500, 1000, 1500, 2000, USER_COUNT + 1].map((loaded) => ({ loaded, sameList: true })),
    )
    expect(listCalls().map((c) => c.offset)).toEqual([
      0, 500, 1000, 1500, 2000, 0, 500, 1000, 1500, 2000,
    ])
    expect(store.users).not.toBe(old)
    expect(store.users).toHaveLength(USER_COUNT + 1)
    expect(store.search('newcomer').map((u) => u.userId)).toEqual(['9001'])
    expect(store.users.find((u) => u.userId === withoutPhoto?.userId)?.hasPhoto).toBe(true)
  })

  it('clear() aborts a load in flight: it ends before the server answers', async () => {
    const store = useDirectoryStore()
    sim.setFaults({ latencyMs: [1000, 1000] })
    const before = sim.stats.requests
    const load = store.ensureLoaded()
    // The first page request has reached the simulator, which is still holding it.
    await expect.poll(() => sim.stats.requests).toBe(before + 1)
    store.clear()
    await load
    expect(listCalls()).toEqual([])
    expect(store.loading).toBe(false)
    expect(store.users).toEqual([])
    expect(store.loadedAt).toBeNull()
    expect(store.error).toBeNull()

    // The load has ended, so nothing follows the aborted request; a new load starts from zero.
    expect(sim.stats.requests).toBe(before + 1)
    sim.setFaults({ latencyMs: [0, 0] })
    await store.ensureLoaded()
    expect(store.users).toHaveLength(USER_COUNT)
  })
})
