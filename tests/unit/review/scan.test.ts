import { describe, expect, it } from 'vitest'
import type { UserDetail, UserRow } from '@/api/types.ts'
import { ApiError } from '@/api/errors.ts'
import { PhotoScan, type ScanDeps } from '@/review/scan.ts'
import { memoryStore } from '@/storage/idb.ts'
import { tinyJpegBase64 } from '../../helpers/tiny-jpeg.ts'

interface FakeUser {
  id: string
  photo: string
  stamp: string
}

/** A directory behind listRows/getUser, counting the photo fetches and the most at once. */
function directory(users: FakeUser[]) {
  const fetched: string[] = []
  let inFlight = 0
  let most = 0
  let gate: Promise<void> | null = null
  const deps = {
    async listRows({ limit, offset }: { limit: number; offset: number }) {
      const rows: UserRow[] = users.slice(offset, offset + limit).map((u) => ({
        userId: u.id,
        name: `User ${u.id}`,
        group: { id: '1002', name: 'Engineering' },
        hasPhoto: u.photo !== '',
        disabled: false,
        expired: false,
        changeStamp: u.stamp,
      }))
      return { total: users.length, rows }
    },
    async getUser(id: string, { signal }: { signal: AbortSignal }): Promise<UserDetail> {
      inFlight++
      most = Math.max(most, inFlight)
      try {
        await new Promise((r) => setTimeout(r, 1))
        if (gate) await gate
        if (signal.aborted) throw new DOMException('aborted', 'AbortError')
        const user = users.find((u) => u.id === id)
        if (!user) throw new ApiError({ kind: 'not-found', status: 400, code: '201' })
        fetched.push(id)
        return {
          userId: id,
          name: `User ${id}`,
          group: null,
          hasPhoto: user.photo !== '',
          disabled: false,
          expired: false,
          photo: user.photo || null,
          email: '',
          department: '',
          expiryDatetime: '',
          visualFaceCount: 0,
        }
      } finally {
        inFlight--
      }
    },
  }
  return {
    deps,
    fetched,
    most: () => most,
    hold() {
      let release = () => {}
      gate = new Promise<void>((r) => (release = r))
      return () => {
        gate = null
        release()
      }
    },
  }
}

const red = tinyJpegBase64([200, 0, 0], 16)
const blue = tinyJpegBase64([0, 0, 200], 16)

function users(n: number): FakeUser[] {
  return Array.from({ length: n }, (_, i) => ({
    id: String(i + 1),
    photo: i % 3 === 2 ? '' : i === 4 ? red : tinyJpegBase64([i * 10, 50, 50], 16),
    stamp: `m${i + 1}`,
  }))
}

function scanOf(
  d: ReturnType<typeof directory>,
  stores = { rows: memoryStore(), photos: memoryStore() },
) {
  const deps: ScanDeps = { ...d.deps, ...stores, pageSize: 4, flushMs: 1 }
  return { scan: new PhotoScan(deps), stores }
}

describe('PhotoScan', () => {
  it('pages the list, fetches only users with a photo, four at a time, and checks them', async () => {
    const all = users(12)
    all[7]!.photo = red // the same bytes as user 5
    const d = directory(all)
    const { scan, stores } = scanOf(d)
    await scan.start()
    expect(scan.progress).toMatchObject({ phase: 'done', listed: 12, total: 8, checked: 8 })
    expect(d.fetched.sort()).toEqual(['1', '10', '11', '2', '4', '5', '7', '8'])
    expect(d.most()).toBe(4)
    expect(scan.row('3')).toMatchObject({ hasPhoto: false, problems: ['no-photo'] })
    // Every photo is 16 px: too small to tell a face.
    expect(scan.row('1')).toMatchObject({ type: 'jpeg', width: 16, problems: ['low-resolution'] })
    expect(scan.row('5')!.sha256).toBe(scan.row('8')!.sha256)
    expect(await scan.photo('5')).toBeInstanceOf(Blob)
    expect(stores.photos.data.size).toBe(8)
    expect(stores.rows.data.get('meta')).toMatchObject({ phase: 'done' })
  })

  it('rescans only users whose list row changed, and drops users who are gone', async () => {
    const all = users(9)
    const d = directory(all)
    const { scan, stores } = scanOf(d)
    await scan.start()
    d.fetched.length = 0
    all[0]!.photo = blue
    all[0]!.stamp = 'm100'
    all.splice(3, 1) // user 4
    await scan.start()
    expect(d.fetched).toEqual(['1'])
    expect(scan.row('4')).toBeUndefined()
    expect(stores.rows.data.has('u:4')).toBe(false)
    expect(stores.photos.data.has('4')).toBe(false)
  })

  it('fetches everyone again when the list rows carry no change stamp', async () => {
    const all = users(6).map((u) => ({ ...u, stamp: '' }))
    const d = directory(all)
    const { scan } = scanOf(d)
    await scan.start()
    d.fetched.length = 0
    await scan.start()
    expect(d.fetched.sort()).toEqual(['1', '2', '4', '5'])
  })

  it('resumes after a reload where it stopped, fetching no stored photo again', async () => {
    const all = users(30)
    const d = directory(all)
    const first = scanOf(d)
    void first.scan.start()
    while (first.scan.progress.checked < 6) await new Promise((r) => setTimeout(r, 1))
    const release = d.hold()
    await first.scan.flush()
    // What the storage holds when the page goes away mid-scan.
    const stored = [...first.stores.rows.data.entries()]
      .filter(
        ([k, v]) => k.startsWith('u:') && (v as { checked: boolean; hasPhoto: boolean }).checked,
      )
      .map(([k]) => k.slice(2))
    const storedPhotos = stored.filter((id) => first.stores.photos.data.has(id))
    expect(storedPhotos.length).toBeGreaterThanOrEqual(6)
    // A new engine on the same storage, as after a reload.
    const again = scanOf(d, first.stores)
    expect(await again.scan.restore()).toBe(true)
    expect(again.scan.progress.phase).toBe('paused')
    void first.scan.cancel()
    release()
    const from = d.fetched.length
    await again.scan.start()
    expect(again.scan.progress.phase).toBe('done')
    const refetched = d.fetched.slice(from).filter((id) => storedPhotos.includes(id))
    expect(refetched).toEqual([])
    expect(again.scan.rows.filter((r) => r.hasPhoto && !r.checked)).toEqual([])
    expect(again.scan.rows).toHaveLength(30)
  })

  it('pauses and resumes', async () => {
    const d = directory(users(30))
    const { scan } = scanOf(d)
    const running = scan.start()
    while (scan.progress.checked < 3) await new Promise((r) => setTimeout(r, 1))
    await scan.pause()
    await running
    expect(scan.progress.phase).toBe('paused')
    const done = d.fetched.length
    expect(done).toBeLessThan(20)
    await scan.resume()
    expect(scan.progress.phase).toBe('done')
    expect(new Set(d.fetched).size).toBe(20)
  })
})
