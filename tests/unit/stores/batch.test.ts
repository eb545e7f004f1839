// The batch store wires the engine (tests/unit/batch/queue.test.ts) to the app: the API, the
// temporary writer (base64 made when sent), the session (operator, expiry, sign-out), the
// settings and the session log, with Vue reactivity row by row. happy-dom has no IndexedDB:
// the storage helper gives a Map that outlives a store (a reload is a new Pinia).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { computed, nextTick } from 'vue'
import { createTestingPinia } from '@pinia/testing'
import { getUser, searchUsers, updatePhoto } from '@/api/users.ts'
import type { UserDetail } from '@/api/types.ts'
import { describePhoto } from '@/face/frame.ts'
import { parseCsv } from '@/export/csv.ts'
import { useBatchStore } from '@/stores/batch.ts'
import { useSessionStore } from '@/stores/session.ts'
import { useSessionLogStore } from '@/stores/session-log.ts'
import { useSettingsStore } from '@/stores/settings.ts'
import { fakeServer, file, sleep, until, type FakeServer } from '../../helpers/batch-fakes.ts'

const disk = vi.hoisted(() => new Map<string, unknown>())

vi.mock('@/api/auth.ts', () => ({ login: vi.fn(), logout: vi.fn(async () => undefined) }))
vi.mock('@/api/users.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api/users.ts')>()),
  searchUsers: vi.fn(),
  updatePhoto: vi.fn(),
  getUser: vi.fn(),
}))
// Same person? A picture's face is known by its text: the stored photo of user 1 and the files
// of users 1 and 3 show one person, user 2's file another.
vi.mock('@/workers/face-detector.ts', () => ({ getFaceDetector: async () => ({}) }))
vi.mock('@/face/frame.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/face/frame.ts')>()),
  describePhoto: vi.fn(async (_detector: unknown, blob: Blob) => {
    const text = await blob.text()
    const other = text === 'jpeg of 2.jpg'
    return { faces: 1, descriptor: other ? [1, 0] : [0, 0.1], ms: 1 }
  }),
}))
vi.mock('@/batch/preparer.ts', async (importOriginal) => {
  const { fakePreparer } = await import('../../helpers/batch-fakes.ts')
  return {
    ...(await importOriginal<typeof import('@/batch/preparer.ts')>()),
    createPreparer: fakePreparer,
  }
})
vi.mock('@/storage/idb.ts', async (importOriginal) => {
  const idb = await importOriginal<typeof import('@/storage/idb.ts')>()
  return { ...idb, idbStore: () => idb.memoryStore(disk) }
})

let server: FakeServer

beforeEach(() => {
  server = fakeServer(50)
  disk.clear()
  vi.mocked(searchUsers).mockImplementation((criteria) => server.searchUsers(criteria))
  vi.mocked(updatePhoto).mockImplementation((id, photo, opts) =>
    server.updatePhoto(id, photo, opts),
  )
})

afterEach(() => vi.clearAllMocks())

/** A fresh page: a new Pinia, an operator signed in. */
function freshApp(loginId = 'admin') {
  createTestingPinia({ createSpy: vi.fn, stubActions: false })
  const session = useSessionStore()
  session.sessionId = 'session-1'
  session.operator = {
    userId: '1',
    loginId,
    name: 'Administrator',
    permissionName: 'Administrator',
    canWriteUsers: true,
  }
  return { batch: useBatchStore(), session }
}

const settled = (batch: ReturnType<typeof useBatchStore>) =>
  batch.rows.every((r) => !['checking', 'preparing'].includes(batch.statusOf(r)))

describe('batch store', () => {
  it('sends each prepared JPEG as base64, made when sent, and logs every result', async () => {
    const { batch } = freshApp()
    batch.addFiles([file('1.jpg'), file('2 - Jo.jpg'), file('IMG_0001.jpg')])
    await until(() => settled(batch))
    expect(batch.counts).toMatchObject({ total: 3, skipped: 1, pending: 2 })
    expect(batch.canUpload).toBe(true)
    batch.uploadAll()
    await until(() => batch.runState === 'done')
    const base64 = (text: string) => Buffer.from(text).toString('base64')
    expect(vi.mocked(updatePhoto).mock.calls.map(([id, photo]) => [id, photo])).toEqual([
      ['1', base64('jpeg of 1.jpg')],
      ['2', base64('jpeg of 2 - Jo.jpg')],
    ])
    expect(batch.progress).toMatchObject({ done: 2, total: 2, saved: 2 })
    expect(useSessionLogStore().entries).toMatchObject([
      { action: 'batch', result: 'ok', operator: 'admin', userId: '1', message: '1.jpg' },
      { action: 'batch', result: 'ok', operator: 'admin', userId: '2', message: '2 - Jo.jpg' },
    ])
    const csv = parseCsv(batch.report((_, status) => status))
    expect(csv.map((line) => line[3])).toEqual(['result', 'saved', 'saved', 'skipped'])
  })

  it('reads user IDs the way Settings say', async () => {
    const { batch } = freshApp()
    useSettingsStore().update({ idType: 'alphanumeric' })
    server.users.set('visitor_7', { name: 'Visitor', hasPhoto: false })
    batch.addFiles([file('visitor_7_new.jpg')])
    await until(() => settled(batch))
    expect(batch.rows[0]).toMatchObject({ userId: 'visitor_7', check: 'found' })
    useSettingsStore().reset()
  })

  it('waits while the session is expired and carries on after sign-in', async () => {
    const { batch, session } = freshApp()
    batch.addFiles(Array.from({ length: 12 }, (_, i) => file(`${i + 1}.jpg`)))
    await until(() => settled(batch))
    batch.setConcurrency(2)
    batch.uploadAll()
    await until(() => server.puts.length >= 2)
    session.expired = true
    // The writes already on their way end; no new one starts.
    await until(() => batch.counts.byStatus.sending === 0)
    const before = server.puts.length
    await sleep(30)
    expect(server.puts.length).toBe(before)
    expect(batch.waitingForSignIn).toBe(true)
    session.expired = false
    await until(() => batch.runState === 'done')
    expect(batch.waitingForSignIn).toBe(false)
    expect(server.puts).toHaveLength(12)
  })

  it("a row's progress re-renders that row, not the table", async () => {
    const { batch } = freshApp()
    batch.addFiles([file('1.jpg'), file('2.jpg'), file('3.jpg')])
    await until(() => settled(batch))
    // What the table and a row read: the list, and one row's status.
    let tableRuns = 0
    let rowRuns = 0
    const table = computed(() => {
      tableRuns++
      return batch.rows.slice(0, 100).map((r) => r.key)
    })
    const row = computed(() => {
      rowRuns++
      return batch.statusOf(batch.rows[0]!)
    })
    expect([table.value.length, row.value]).toEqual([3, 'ready'])
    batch.uploadAll()
    await until(() => batch.runState === 'done')
    await nextTick()
    expect(row.value).toBe('saved')
    expect(rowRuns).toBe(2)
    expect(table.value).toHaveLength(3)
    expect(tableRuns).toBe(1)
    batch.removeRow(batch.rows[2]!.key)
    expect(table.value).toHaveLength(2)
    expect(tableRuns).toBe(2)
  })

  it('keeps a saved batch for its operator only, and sign-out wipes it', async () => {
    const first = freshApp()
    first.batch.addFiles([file('1.jpg'), file('2.jpg')])
    await until(() => settled(first.batch))
    await first.batch.flush()
    expect(disk.size).toBeGreaterThan(0)

    // A reload, same operator: it comes back.
    const again = freshApp()
    await again.batch.restore()
    expect(again.batch.rows.map((r) => r.file)).toEqual(['1.jpg', '2.jpg'])
    expect(again.batch.restored).toBe(2)
    await again.batch.flush()

    // Another operator: removed unseen, but said.
    const other = freshApp('someone-else')
    await other.batch.restore()
    expect(other.batch.rows).toHaveLength(0)
    expect(other.batch.removedOther).toEqual({ owner: 'admin', files: 2, unsent: 2 })
    expect(disk.size).toBe(0)

    other.batch.addFiles([file('3.jpg')])
    await until(() => settled(other.batch))
    await other.batch.flush()
    expect(disk.size).toBeGreaterThan(0)
    await other.session.signOut()
    expect(disk.size).toBe(0)
    expect(other.batch.rows).toHaveLength(0)
  })

  it('asks whether a file shows the user of the current photo, looked up then, with the check on', async () => {
    const { batch } = freshApp()
    for (const id of ['1', '2', '3']) server.users.get(id)!.hasPhoto = true
    vi.mocked(getUser).mockImplementation(async (userId) => {
      const photo = userId === '3' ? null : btoa(`photo of ${userId}`)
      return { userId, name: `User ${userId}`, photo, hasPhoto: !!photo } as UserDetail
    })
    // One face per file, seen once the server has said who has a photo (the queue asks then).
    batch.setCropFor(async () => {
      await until(() => batch.rows.every((r) => r.check !== 'pending' && r.check !== 'checking'))
      return { faces: 1, crop: null }
    })
    batch.setSamePersonCheck(true)
    batch.useFaceCrop = true
    batch.addFiles([file('1.jpg'), file('2.jpg'), file('3.jpg')])
    await until(() => settled(batch))
    expect(batch.rows.map((r) => [r.userId, r.samePerson ?? null])).toEqual([
      ['1', 'same'],
      ['2', 'different'],
      // No current photo by the time the file is ready: nothing to compare.
      ['3', null],
    ])
    batch.setOverwrite(true)
    expect(batch.statusOf(batch.rows[1]!)).toBe('different-person')
    expect(vi.mocked(getUser).mock.calls.map(([id]) => id)).toEqual(['1', '2', '3'])

    // Off in Settings: no lookup, no verdict.
    batch.setOverwrite(false)
    vi.mocked(getUser).mockClear()
    vi.mocked(describePhoto).mockClear()
    useSettingsStore().update({ samePersonCheck: false })
    batch.clearAll()
    batch.addFiles([file('2.jpg')])
    await until(() => settled(batch))
    expect(batch.rows[0]!.samePerson ?? null).toBeNull()
    expect(getUser).not.toHaveBeenCalled()
    useSettingsStore().reset()
  })

  it('compares a file prepared before BioStar said the user has a photo, and holds it until then', async () => {
    const { batch } = freshApp()
    for (const id of ['1', '2']) server.users.get(id)!.hasPhoto = true
    vi.mocked(getUser).mockImplementation(
      async (userId) =>
        ({
          userId,
          name: `User ${userId}`,
          photo: btoa(`photo of ${userId}`),
          hasPhoto: true,
        }) as UserDetail,
    )
    // The check answers only once both files are prepared (a slow BioStar, a fast worker).
    vi.mocked(searchUsers).mockImplementation(async (criteria) => {
      await until(() => batch.rows.every((r) => r.prep === 'done'))
      return server.searchUsers(criteria)
    })
    batch.setCropFor(async () => ({ faces: 1, crop: null }))
    batch.setSamePersonCheck(true)
    batch.useFaceCrop = true
    batch.setOverwrite(true)
    batch.addFiles([file('1.jpg'), file('2.jpg')])
    await until(() => settled(batch))
    expect(batch.rows.map((r) => [r.userId, r.samePerson ?? null])).toEqual([
      ['1', 'same'],
      ['2', 'different'],
    ])
    expect(batch.rows.map((r) => batch.statusOf(r))).toEqual(['ready', 'different-person'])
    batch.uploadAll()
    await until(() => batch.runState === 'done')
    expect(vi.mocked(updatePhoto).mock.calls.map(([id]) => id)).toEqual(['1'])
  })
})
