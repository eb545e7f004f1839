// The batch store against fakes: a BioStar that answers search and PUT from a Map, a preparer
// that "prepares" instantly, and an in-memory queue storage that survives a new Pinia (a reload).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ApiError } from '@/api/errors.ts'
import type { UserPage } from '@/api/types.ts'
import { memoryStorage } from '@/batch/persist.ts'
import type { Preparer } from '@/batch/preparer.ts'
import { parseCsv } from '@/batch/csv.ts'
import { setBatchDeps, useBatchStore } from '@/stores/batch.ts'
import { useSessionStore } from '@/stores/session.ts'
import { useSettingsStore } from '@/stores/settings.ts'

interface FakeUser {
  name: string
  hasPhoto: boolean
}

function fakeServer(userCount: number) {
  const users = new Map<string, FakeUser>()
  for (let i = 1; i <= userCount; i++) users.set(String(i), { name: `User ${i}`, hasPhoto: false })
  const searches: string[][] = []
  const puts: Array<{ id: string; photo: string }> = []
  let inFlight = 0
  let maxInFlight = 0
  let hold: Promise<void> | null = null
  let release: () => void = () => {}
  const failures = new Map<string, ApiError>()
  return {
    users,
    searches,
    puts,
    failures,
    get maxInFlight() {
      return maxInFlight
    },
    get inFlight() {
      return inFlight
    },
    /** PUTs wait until release() (to look at the batch mid-flight). */
    holdPuts() {
      hold = new Promise((resolve) => (release = resolve))
    },
    release() {
      hold = null
      release()
    },
    async searchUsers(criteria: { userIds?: string[]; limit: number; offset: number }) {
      searches.push([...(criteria.userIds ?? [])])
      await tick()
      const rows = (criteria.userIds ?? [])
        .filter((id) => users.has(id))
        .map((id) => ({
          userId: id,
          name: users.get(id)!.name,
          group: null,
          hasPhoto: users.get(id)!.hasPhoto,
          disabled: false,
          expired: false,
        }))
      return { total: rows.length, rows } satisfies UserPage
    },
    async updatePhoto(id: string, photo: string) {
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      try {
        await tick()
        while (hold) await hold
        const failure = failures.get(id)
        if (failure) {
          failures.delete(id)
          throw failure
        }
        puts.push({ id, photo })
        users.get(id)!.hasPhoto = true
      } finally {
        inFlight--
      }
    },
  }
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1))

async function until(check: () => boolean, what = 'condition', ms = 10_000) {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await tick()
  }
}

const fakePreparer = (): Preparer => ({
  slots: 2,
  mode: 'main',
  async prepare(file) {
    await tick()
    const text = await file.text()
    if (text === 'corrupt')
      return { ok: false, problem: { kind: 'pipeline', reason: 'decode-failed', detail: {} } }
    return {
      ok: true,
      jpeg: new Blob([`jpeg of ${text}`], { type: 'image/jpeg' }),
      thumb: new Blob(['thumb'], { type: 'image/jpeg' }),
      bytes: 100 + text.length,
      width: 400,
      height: 400,
      quality: 0.9,
    }
  },
  dispose() {},
})

const file = (name: string, body = name) => ({ file: new File([body], name), path: name })

let server: ReturnType<typeof fakeServer>
let storage: ReturnType<typeof memoryStorage>

function freshApp() {
  setActivePinia(createPinia())
  const session = useSessionStore()
  session.operator = {
    userId: '1',
    loginId: 'admin',
    name: 'Administrator',
    permissionName: 'Administrator',
    canWriteUsers: true,
  }
  return { batch: useBatchStore(), session }
}

beforeEach(() => {
  server = fakeServer(400)
  storage = memoryStorage()
  setBatchDeps({
    searchUsers: (criteria) => server.searchUsers(criteria),
    updatePhoto: (id, photo) => server.updatePhoto(id, photo),
    toBase64: (blob) => blob.text(),
    createStorage: () => storage,
    mayHaveSaved: async () => storage.data.size > 0,
    createPreparer: fakePreparer,
    persistDebounceMs: 5,
  })
})

afterEach(() => setBatchDeps(null))

const settledRows = (batch: ReturnType<typeof useBatchStore>) =>
  batch.rows.every((r) => !['checking', 'preparing'].includes(batch.statusOf(r)))

describe('batch store', () => {
  it('checks IDs in chunks and flags problems before anything is sent', async () => {
    const { batch } = freshApp()
    server.users.get('20')!.hasPhoto = true
    const picked = [
      ...Array.from({ length: 250 }, (_, i) => file(`${i + 1}.jpg`)),
      file('20_second.jpg'), // 20 is already there: a duplicate
      file('9999 - Nobody.png'), // unknown
      file('IMG_0001.jpg'), // no ID
      file('30_b.jpg', 'corrupt'), // 30 twice, but this one is unreadable: not a duplicate
    ]
    batch.addFiles(picked)
    await until(() => settledRows(batch), 'checks and preparation')
    expect(server.searches.length).toBe(3)
    expect(server.searches.every((ids) => ids.length <= 100)).toBe(true)
    expect(server.puts).toEqual([])
    const statusOf = (name: string) => batch.statusOf(batch.rows.find((r) => r.file === name)!)
    expect(statusOf('20.jpg')).toBe('duplicate')
    expect(statusOf('20_second.jpg')).toBe('duplicate')
    expect(statusOf('9999 - Nobody.png')).toBe('unknown-user')
    expect(statusOf('IMG_0001.jpg')).toBe('no-id')
    expect(statusOf('30_b.jpg')).toBe('bad-file')
    expect(statusOf('30.jpg')).toBe('ready')
    expect(batch.counts.byStatus.ready).toBe(249)
  })

  it('with alphanumeric IDs, takes the longest reading of a name that BioStar knows', async () => {
    const { batch } = freshApp()
    useSettingsStore().update({ idType: 'alphanumeric' })
    for (const id of ['visitor_7', 'EMP-0042', 'A'])
      server.users.set(id, { name: id, hasPhoto: false })
    batch.addFiles([
      file('visitor_7_new.jpg'),
      file('EMP-0042 - Jane Doe.jpg'),
      file('A_b_c_d_e.jpg'),
      file('nobody_here.jpg'),
    ])
    await until(() => settledRows(batch))
    const byFile = (name: string) => batch.rows.find((r) => r.file === name)!
    expect(byFile('visitor_7_new.jpg')).toMatchObject({ userId: 'visitor_7', check: 'found' })
    expect(byFile('EMP-0042 - Jane Doe.jpg')).toMatchObject({ userId: 'EMP-0042', check: 'found' })
    // At most four readings are tried: A_b_c_d_e, A_b_c_d, A_b_c, A_b; "A" is not among them.
    expect(byFile('A_b_c_d_e.jpg')).toMatchObject({ userId: 'A_b_c_d_e', check: 'unknown' })
    expect(byFile('nobody_here.jpg')).toMatchObject({ userId: 'nobody_here', check: 'unknown' })
    expect(server.searches.flat()).toContain('visitor_7_new')
    useSettingsStore().reset()
  })

  it('sends with at most `concurrency` PUTs in flight, skips users with photos by default', async () => {
    const { batch } = freshApp()
    for (const id of ['3', '4']) server.users.get(id)!.hasPhoto = true
    batch.addFiles(Array.from({ length: 30 }, (_, i) => file(`${i + 1}.jpg`)))
    await until(() => settledRows(batch))
    expect(batch.counts.withPhoto).toBe(2)
    batch.setConcurrency(3)
    batch.uploadAll()
    await until(() => batch.runState === 'done', 'the end of the run')
    expect(server.maxInFlight).toBe(3)
    expect(server.puts.map((p) => p.id).sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => String(i + 1))
        .filter((id) => id !== '3' && id !== '4')
        .sort(),
    )
    expect(server.puts.find((p) => p.id === '7')?.photo).toBe('jpeg of 7.jpg')
    expect(batch.counts).toMatchObject({ saved: 28, skipped: 2, failed: 0 })

    // Overwrite on: the two are sent too, and nothing else again.
    batch.setOverwrite(true)
    batch.uploadAll()
    await until(() => batch.runState === 'done' && batch.counts.saved === 30)
    expect(server.puts).toHaveLength(30)

    const csv = parseCsv(batch.report((row, status) => (status === 'saved' ? '' : status)))
    expect(csv[0]).toEqual(['file', 'user ID', 'name', 'result', 'bytes', 'message'])
    expect(csv).toHaveLength(31)
    expect(csv[1]).toEqual(['1.jpg', '1', 'User 1', 'saved', String(100 + '1.jpg'.length), ''])
  })

  it('pauses, resumes and cancels without sending anything twice or skipping', async () => {
    const { batch } = freshApp()
    batch.addFiles(Array.from({ length: 40 }, (_, i) => file(`${i + 1}.jpg`)))
    await until(() => settledRows(batch))
    batch.setConcurrency(2)
    server.holdPuts()
    batch.uploadAll()
    await until(() => server.inFlight === 2)
    batch.pause()
    server.release()
    await until(() => server.inFlight === 0)
    await tick()
    expect(server.puts).toHaveLength(2)
    expect(batch.runState).toBe('paused')
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(server.puts).toHaveLength(2)

    batch.resume()
    await until(() => server.puts.length >= 10)
    batch.cancel()
    expect(batch.runState).toBe('cancelled')
    await until(() => server.inFlight === 0)
    const sent = server.puts.length
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(server.puts.length).toBe(sent)
    expect(batch.counts.notSent).toBe(40 - sent)
    expect(batch.counts.saved).toBe(sent)

    // "Upload all" sends the rest.
    batch.uploadAll()
    await until(() => batch.runState === 'done')
    const ids = server.puts.map((p) => p.id)
    expect(ids).toHaveLength(40)
    expect(new Set(ids).size).toBe(40)
  })

  it('holds new PUTs while the session is expired and carries on after sign-in', async () => {
    const { batch, session } = freshApp()
    batch.addFiles(Array.from({ length: 20 }, (_, i) => file(`${i + 1}.jpg`)))
    await until(() => settledRows(batch))
    batch.uploadAll()
    await until(() => server.puts.length >= 4)
    session.expired = true
    await until(() => server.inFlight === 0)
    const before = server.puts.length
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(server.puts.length).toBe(before)
    expect(batch.waitingForSignIn).toBe(true)
    session.expired = false
    await until(() => batch.runState === 'done')
    expect(new Set(server.puts.map((p) => p.id)).size).toBe(20)
    expect(server.puts).toHaveLength(20)
  })

  it('retries a failed row on its own, and stops the run on a permission error', async () => {
    const { batch } = freshApp()
    server.failures.set('5', new ApiError({ kind: 'server', status: 503 }))
    batch.addFiles(Array.from({ length: 10 }, (_, i) => file(`${i + 1}.jpg`)))
    await until(() => settledRows(batch))
    batch.uploadAll()
    await until(() => batch.runState === 'done')
    const failed = batch.rows.find((r) => r.userId === '5')!
    expect(batch.statusOf(failed)).toBe('failed')
    expect(failed.problem).toMatchObject({ kind: 'api', error: { kind: 'server', status: 503 } })
    expect(batch.counts.failed).toBe(1)
    batch.retryRow(failed.key)
    await until(() => batch.statusOf(failed) === 'saved')
    expect(server.puts.filter((p) => p.id === '5')).toHaveLength(1)
    expect(server.puts).toHaveLength(10)

    batch.addFiles([file('11.jpg'), file('12.jpg'), file('13.jpg')])
    await until(() => settledRows(batch))
    server.failures.set('11', new ApiError({ kind: 'permission', status: 403, code: '20' }))
    batch.setConcurrency(1)
    batch.uploadAll()
    await until(() => batch.runState === 'paused')
    expect(batch.halted).toMatchObject({ kind: 'api', error: { kind: 'permission' } })
  })

  it('survives a reload: sent rows stay sent, the rest is sent after Resume', async () => {
    let { batch } = freshApp()
    batch.addFiles([
      ...Array.from({ length: 12 }, (_, i) => file(`${i + 1}.jpg`)),
      file('IMG_0001.jpg'),
    ])
    await until(() => settledRows(batch))
    batch.setConcurrency(1)
    batch.uploadAll()
    await until(() => server.puts.length >= 5)
    server.holdPuts()
    await until(() => server.inFlight === 1)
    await batch.flush()
    // The tab goes away with one PUT in flight, which the server then completes. What the new
    // page finds is what was on disk; the old page does nothing more.
    const interrupted = batch.rows.find((r) => r.upload === 'sending')!.userId!
    const onDisk = new Map(storage.data)
    void batch.clearAll()
    server.release()
    await until(() => server.inFlight === 0)
    const sentBefore = server.puts.length
    storage = memoryStorage(onDisk)

    ;({ batch } = freshApp())
    await batch.restore()
    expect(batch.rows).toHaveLength(13)
    expect(batch.restored).toBe(13)
    expect(batch.runState).toBe('paused')
    await until(() => settledRows(batch))
    // The interrupted row's PUT landed: the check sees the photo and does not send it again.
    expect(batch.statusOf(batch.rows.find((r) => r.userId === interrupted)!)).toBe('saved')
    batch.resume()
    await until(() => batch.runState === 'done')
    const ids = server.puts.map((p) => p.id)
    expect(ids).toHaveLength(12)
    expect(new Set(ids).size).toBe(12)
    expect(sentBefore).toBeGreaterThanOrEqual(6)
    expect(batch.counts).toMatchObject({ saved: 12, skipped: 1 })
  })

  it('a different operator never sees the saved batch, and sign-out wipes it', async () => {
    const { batch, session } = freshApp()
    batch.addFiles([file('1.jpg'), file('2.jpg')])
    await until(() => settledRows(batch))
    await batch.flush()
    expect(storage.data.size).toBeGreaterThan(0)

    const other = freshApp()
    other.session.operator = { ...other.session.operator!, loginId: 'someone-else' }
    await other.batch.restore()
    expect(other.batch.rows).toHaveLength(0)
    expect(storage.data.size).toBe(0)
    // Removed, but said: whose, how many, how many never sent.
    expect(other.batch.removedOther).toEqual({ owner: 'admin', files: 2, unsent: 2 })

    batch.addFiles([file('3.jpg')])
    await until(() => settledRows(batch))
    await batch.flush()
    expect(storage.data.size).toBeGreaterThan(0)
    setActivePinia(undefined as never)
    await session.signOut()
    expect(storage.data.size).toBe(0)
    expect(batch.rows).toHaveLength(0)
  })
})
