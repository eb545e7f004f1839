// The batch engine against fakes: a BioStar that answers search and PUT from a Map, a write path
// in front of it, a preparer that "prepares" at once, and an in-memory store that outlives the
// engine (a reload is a new engine on the same store).
import { beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from '@/api/errors.ts'
import { parseCsv } from '@/export/csv.ts'
import type { Preparer } from '@/batch/preparer.ts'
import { BatchQueue, type BatchLogEntry, type BatchSettings } from '@/batch/queue.ts'
import { memoryStore } from '@/storage/idb.ts'
import type { WriteOwner } from '@/writes/types.ts'
import {
  fakePreparer,
  fakeServer,
  fakeWriter,
  file,
  sleep,
  tick,
  until,
  type FakeServer,
} from '../../helpers/batch-fakes.ts'

const ADMIN: WriteOwner = { loginId: 'admin', server: 'https://desk.example/api', name: 'Admin' }

let server: FakeServer
let writer: ReturnType<typeof fakeWriter>
let storage: ReturnType<typeof memoryStore>
let expired: boolean
let owner: WriteOwner | null
let settings: BatchSettings
let logged: BatchLogEntry[]

beforeEach(() => {
  server = fakeServer(400)
  writer = fakeWriter(server)
  storage = memoryStore()
  expired = false
  owner = ADMIN
  settings = { aspect: 1, maxSide: 400, maxBytes: 16_000, idType: 'numeric' }
  logged = []
})

/** A new engine on the current fakes (a new page: same storage, same server). */
function newQueue() {
  return new BatchQueue({
    searchUsers: (criteria) => server.searchUsers(criteria),
    writer,
    createPreparer: fakePreparer,
    storage,
    owner: () => owner,
    isExpired: () => expired,
    settings: () => settings,
    log: (entry) => logged.push(entry),
    persistDebounceMs: 5,
  })
}

const files = (count: number, from = 1) =>
  Array.from({ length: count }, (_, i) => file(`${i + from}.jpg`))

const settled = (queue: BatchQueue) =>
  queue.state.rows.every((r) => !['checking', 'preparing'].includes(queue.statusOf(r)))

const rowOf = (queue: BatchQueue, userId: string) =>
  queue.state.rows.find((r) => r.userId === userId)!

describe('batch queue', () => {
  it('checks IDs in chunks and flags problems before anything is sent', async () => {
    const queue = newQueue()
    server.users.get('20')!.hasPhoto = true
    queue.addFiles([
      ...files(250),
      file('20_second.jpg'), // 20 is already there: a duplicate
      file('9999 - Nobody.png'), // unknown
      file('IMG_0001.jpg'), // no ID
      file('30_b.jpg', 'corrupt'), // 30 twice, but this one is unreadable: not a duplicate
    ])
    await until(() => settled(queue), 'checks and preparation')
    expect(server.searches.length).toBe(3)
    expect(server.searches.every((ids) => ids.length <= 100)).toBe(true)
    expect(writer.requests).toEqual([])
    const statusOf = (name: string) =>
      queue.statusOf(queue.state.rows.find((r) => r.file === name)!)
    expect(statusOf('20.jpg')).toBe('duplicate')
    expect(statusOf('20_second.jpg')).toBe('duplicate')
    expect(statusOf('9999 - Nobody.png')).toBe('unknown-user')
    expect(statusOf('IMG_0001.jpg')).toBe('no-id')
    expect(statusOf('30_b.jpg')).toBe('bad-file')
    expect(statusOf('30.jpg')).toBe('ready')
    expect(queue.counts.byStatus.ready).toBe(249)
    const ready = queue.state.rows.filter((r) => queue.statusOf(r) === 'ready')
    expect(ready.every((r) => queue.thumbs.has(r.key))).toBe(true)
  })

  it('with alphanumeric IDs, takes the longest reading of a name that BioStar knows', async () => {
    settings.idType = 'alphanumeric'
    const queue = newQueue()
    for (const id of ['visitor_7', 'EMP-0042', 'A'])
      server.users.set(id, { name: id, hasPhoto: false })
    queue.addFiles([
      file('visitor_7_new.jpg'),
      file('EMP-0042 - Jane Doe.jpg'),
      file('A_b_c_d_e.jpg'),
      file('nobody_here.jpg'),
    ])
    await until(() => settled(queue))
    const byFile = (name: string) => queue.state.rows.find((r) => r.file === name)!
    expect(byFile('visitor_7_new.jpg')).toMatchObject({ userId: 'visitor_7', check: 'found' })
    expect(byFile('EMP-0042 - Jane Doe.jpg')).toMatchObject({ userId: 'EMP-0042', check: 'found' })
    // At most four readings are tried: A_b_c_d_e, A_b_c_d, A_b_c, A_b; "A" is not among them.
    expect(byFile('A_b_c_d_e.jpg')).toMatchObject({ userId: 'A_b_c_d_e', check: 'unknown' })
    expect(byFile('nobody_here.jpg')).toMatchObject({ userId: 'nobody_here', check: 'unknown' })
    expect(server.searches.flat()).toContain('visitor_7_new')
  })

  it('sends with at most `concurrency` writes in flight, skips users with photos by default', async () => {
    const queue = newQueue()
    for (const id of ['3', '4']) server.users.get(id)!.hasPhoto = true
    queue.addFiles(files(30))
    await until(() => settled(queue))
    expect(queue.counts.withPhoto).toBe(2)
    queue.setConcurrency(3)
    queue.uploadAll()
    await until(() => queue.state.runState === 'done', 'the end of the run')
    expect(server.maxInFlight).toBe(3)
    expect(server.puts.map((p) => p.id).sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => String(i + 1))
        .filter((id) => id !== '3' && id !== '4')
        .sort(),
    )
    expect(server.puts.find((p) => p.id === '7')?.photo).toBe('jpeg of 7.jpg')
    expect(queue.counts).toMatchObject({ saved: 28, skipped: 2, failed: 0 })
    expect(queue.progress).toMatchObject({ done: 28, total: 28, saved: 28, open: 0 })
    expect(queue.state.etaMs).toBe(0)

    // Overwrite on: the two are sent too, and nothing else again.
    queue.setOverwrite(true)
    expect(queue.canUpload).toBe(true)
    queue.uploadAll()
    await until(() => queue.state.runState === 'done' && queue.counts.saved === 30)
    expect(server.puts).toHaveLength(30)
    expect(queue.canUpload).toBe(false)

    const csv = parseCsv(queue.report((row, status) => (status === 'saved' ? '' : status)))
    expect(csv[0]).toEqual(['file', 'user ID', 'name', 'result', 'bytes', 'message'])
    expect(csv).toHaveLength(31)
    expect(csv[1]).toEqual(['1.jpg', '1', 'User 1', 'saved', String(100 + '1.jpg'.length), ''])
  })

  it('hands each photo to the write path as a one-attempt batch write of its JPEG', async () => {
    const queue = newQueue()
    queue.addFiles([file('7 - Jane.jpg'), file('8.jpg')])
    await until(() => settled(queue))
    queue.uploadAll()
    await until(() => queue.state.runState === 'done')
    expect(writer.requests).toHaveLength(2)
    const request = writer.requests.find((r) => r.userId === '7')!
    expect(request).toMatchObject({
      userId: '7',
      name: 'User 7',
      kind: 'batch',
      bytes: 100 + '7 - Jane.jpg'.length,
      owner: ADMIN,
      durable: false,
      message: '7 - Jane.jpg',
    })
    // The JPEG itself: base64 is the writer's business, made when it sends.
    expect(request.photo && 'blob' in request.photo).toBe(true)
    expect(await (request.photo as { blob: Blob }).blob.text()).toBe('jpeg of 7 - Jane.jpg')
    expect(request.signal).toBeInstanceOf(AbortSignal)
    // The write path logs its own writes: the queue adds nothing for them.
    expect(logged).toEqual([])
  })

  it('pauses, resumes and cancels without sending anything twice or skipping', async () => {
    const queue = newQueue()
    queue.addFiles(files(40))
    await until(() => settled(queue))
    queue.setConcurrency(2)
    server.holdPuts()
    queue.uploadAll()
    await until(() => server.inFlight === 2)
    queue.pause()
    server.release()
    await until(() => server.inFlight === 0)
    await tick()
    expect(server.puts).toHaveLength(2)
    expect(queue.state.runState).toBe('paused')
    await sleep(30)
    expect(server.puts).toHaveLength(2)

    queue.resume()
    await until(() => server.puts.length >= 10)
    queue.cancel()
    expect(queue.state.runState).toBe('cancelled')
    await until(() => server.inFlight === 0)
    const sent = server.puts.length
    await sleep(30)
    expect(server.puts.length).toBe(sent)
    expect(queue.counts.notSent).toBe(40 - sent)
    expect(queue.counts.saved).toBe(sent)

    // "Upload all" sends the rest.
    queue.uploadAll()
    await until(() => queue.state.runState === 'done')
    const ids = server.puts.map((p) => p.id)
    expect(ids).toHaveLength(40)
    expect(new Set(ids).size).toBe(40)
  })

  it('holds new writes while the session is expired and carries on after sign-in', async () => {
    const queue = newQueue()
    queue.addFiles(files(20))
    await until(() => settled(queue))
    queue.uploadAll()
    await until(() => server.puts.length >= 4)
    expired = true
    // The writes already on their way end; no new one starts.
    await until(() => queue.counts.byStatus.sending === 0)
    const before = server.puts.length
    await sleep(30)
    expect(server.puts.length).toBe(before)
    expect(queue.waitingForSignIn).toBe(true)
    expired = false
    expect(queue.waitingForSignIn).toBe(false)
    queue.sessionResumed()
    await until(() => queue.state.runState === 'done')
    expect(new Set(server.puts.map((p) => p.id)).size).toBe(20)
    expect(server.puts).toHaveLength(20)
  })

  it('retries a failed row on its own, and stops the run on a permission error', async () => {
    const queue = newQueue()
    server.failures.set('5', new ApiError({ kind: 'server', status: 503 }))
    queue.addFiles(files(10))
    await until(() => settled(queue))
    queue.uploadAll()
    await until(() => queue.state.runState === 'done')
    const failed = rowOf(queue, '5')
    expect(queue.statusOf(failed)).toBe('failed')
    expect(failed.problem).toMatchObject({ kind: 'api', error: { kind: 'server', status: 503 } })
    expect(queue.counts.failed).toBe(1)
    queue.retryRow(failed.key)
    await until(() => queue.statusOf(failed) === 'saved')
    expect(server.puts.filter((p) => p.id === '5')).toHaveLength(1)
    expect(server.puts).toHaveLength(10)

    queue.addFiles(files(3, 11))
    await until(() => settled(queue))
    server.failures.set('11', new ApiError({ kind: 'permission', status: 403, code: '20' }))
    queue.setConcurrency(1)
    queue.uploadAll()
    await until(() => queue.state.runState === 'paused')
    expect(queue.state.halted).toMatchObject({ kind: 'api', error: { kind: 'permission' } })
    expect(queue.statusOf(rowOf(queue, '12'))).toBe('ready')
  })

  it('a write refused for lack of permission halts the run too', async () => {
    const queue = newQueue()
    queue.addFiles(files(4))
    await until(() => settled(queue))
    // As a write read back from disk would carry it: the error as data.
    writer.outcomes.set('1', { state: 'refused', error: { kind: 'permission', status: 403 } })
    queue.setConcurrency(1)
    queue.uploadAll()
    await until(() => queue.state.runState === 'paused')
    expect(queue.statusOf(rowOf(queue, '1'))).toBe('failed')
    expect(rowOf(queue, '1').problem).toEqual({
      kind: 'api',
      error: { kind: 'permission', status: 403 },
    })
    expect(queue.state.halted).toMatchObject({ kind: 'api', error: { kind: 'permission' } })
    expect(server.puts).toEqual([])
  })

  it('a write superseded by a newer photo is not sent, says so, and is not sent again', async () => {
    const queue = newQueue()
    queue.addFiles(files(3))
    await until(() => settled(queue))
    writer.outcomes.set('2', { state: 'superseded' })
    queue.uploadAll()
    await until(() => queue.state.runState === 'done')
    const row = rowOf(queue, '2')
    expect(queue.statusOf(row)).toBe('superseded')
    expect(queue.counts).toMatchObject({ saved: 2, notSent: 1, failed: 0 })
    expect(server.puts.map((p) => p.id).sort()).toEqual(['1', '3'])

    const csv = parseCsv(queue.report((_, status) => `message for ${status}`))
    expect(csv.find((line) => line[0] === '2.jpg')).toEqual([
      '2.jpg',
      '2',
      'User 2',
      'not sent',
      String(100 + '2.jpg'.length),
      'message for superseded',
    ])
    // Neither "Upload all" nor "Retry failed" sends it.
    queue.retryFailed()
    queue.uploadAll()
    await until(() => queue.state.runState === 'done')
    expect(writer.requests.filter((r) => r.userId === '2')).toHaveLength(1)
    await queue.flush()
    expect(storage.data.has(`jpeg:${row.key}`)).toBe(false)
  })

  it('a write aborted on its way goes again; one discarded waits for "Upload all"', async () => {
    const queue = newQueue()
    queue.addFiles(files(3))
    await until(() => settled(queue))
    writer.outcomes.set('1', { state: 'aborted' })
    writer.outcomes.set('2', { state: 'discarded' })
    queue.uploadAll()
    await until(() => queue.state.runState === 'done')
    expect(queue.statusOf(rowOf(queue, '1'))).toBe('saved')
    expect(queue.statusOf(rowOf(queue, '2'))).toBe('cancelled')
    expect(writer.requests.filter((r) => r.userId === '1')).toHaveLength(2)
    queue.uploadAll()
    await until(() => queue.state.runState === 'done')
    expect(queue.counts.saved).toBe(3)
  })

  it('"Clear list" stops the writes in flight through their signal', async () => {
    const queue = newQueue()
    queue.addFiles(files(4))
    await until(() => settled(queue))
    server.holdPuts()
    queue.uploadAll()
    await until(() => server.inFlight === 4)
    await queue.clearAll()
    expect(writer.requests.map((r) => r.signal?.aborted)).toEqual([true, true, true, true])
    // Their answers are not waited for: the server still holds them.
    expect(await Promise.all(writer.dones)).toEqual(Array(4).fill({ state: 'aborted' }))
    expect(server.inFlight).toBe(4)
    server.release()
    expect(queue.state.rows).toEqual([])
    expect(queue.state.runState).toBe('idle')
  })

  it('an upload that cannot be handed over (nobody signed in) fails and is logged', async () => {
    const queue = newQueue()
    queue.addFiles(files(1))
    await until(() => settled(queue))
    owner = null
    queue.uploadAll()
    await until(() => queue.state.runState === 'done')
    expect(rowOf(queue, '1').problem).toEqual({ kind: 'api', error: { kind: 'session' } })
    expect(writer.requests).toEqual([])
    expect(logged).toMatchObject([{ result: 'failed', userId: '1', message: '1.jpg' }])
  })

  it('survives a reload: sent rows stay sent, the rest is sent after Resume', async () => {
    let queue = newQueue()
    queue.addFiles([...files(12), file('IMG_0001.jpg')])
    await until(() => settled(queue))
    queue.setConcurrency(1)
    queue.uploadAll()
    await until(() => server.puts.length >= 5)
    server.holdPuts()
    await until(() => server.inFlight === 1)
    await queue.flush()
    // The tab goes away with one PUT in flight, which the server then completes. What the new
    // page finds is what was on disk; the old page does nothing more.
    const interrupted = queue.state.rows.find((r) => r.upload === 'sending')!.userId!
    const onDisk = new Map(storage.data)
    void queue.clearAll()
    server.release()
    await until(() => server.inFlight === 0)
    const sentBefore = server.puts.length
    storage = memoryStore(onDisk)

    queue = newQueue()
    await queue.restore()
    expect(queue.state.rows).toHaveLength(13)
    expect(queue.state.restored).toBe(13)
    expect(queue.state.runState).toBe('paused')
    await until(() => settled(queue))
    // The interrupted row's PUT landed: the check sees the photo and does not send it again.
    expect(queue.statusOf(rowOf(queue, interrupted))).toBe('saved')
    expect(logged).toMatchObject([{ result: 'ok', userId: interrupted }])
    queue.resume()
    await until(() => queue.state.runState === 'done')
    const ids = server.puts.map((p) => p.id)
    expect(ids).toHaveLength(12)
    expect(new Set(ids).size).toBe(12)
    expect(sentBefore).toBeGreaterThanOrEqual(6)
    expect(queue.counts).toMatchObject({ saved: 12, skipped: 1 })
  })

  it('a different operator never sees the saved batch; "Clear list" wipes it', async () => {
    const queue = newQueue()
    queue.addFiles([file('1.jpg'), file('2.jpg')])
    await until(() => settled(queue))
    await queue.flush()
    expect(storage.data.size).toBeGreaterThan(0)

    owner = { ...ADMIN, loginId: 'someone-else' }
    const other = newQueue()
    await other.restore()
    expect(other.state.rows).toHaveLength(0)
    expect(storage.data.size).toBe(0)
    // Removed, but said: whose, how many, how many never sent.
    expect(other.state.removedOther).toEqual({ owner: 'admin', files: 2, unsent: 2 })

    queue.addFiles([file('3.jpg')])
    await until(() => settled(queue))
    await queue.flush()
    expect(storage.data.size).toBeGreaterThan(0)
    await queue.clearAll()
    expect(storage.data.size).toBe(0)
    expect(queue.state.rows).toHaveLength(0)
    expect(queue.thumbs.size).toBe(0)
  })

  it('a held file gets the crop the supervisor fixed, prepared again, and waits for a look', async () => {
    // A preparer whose face look finds three faces in 'group' and crops at the centre; the
    // JPEG says where its crop was made.
    const asked: Array<{ focus: unknown; looked: boolean }> = []
    const preparer = (): Preparer => ({
      ...fakePreparer(),
      async prepare(picked, request, cropFor) {
        asked.push({ focus: request.focus ?? null, looked: !!cropFor })
        const focus = cropFor ? { cx: 0.5, cy: 0.5, size: 0.5 } : (request.focus ?? null)
        const body = await picked.text()
        return {
          ...(await fakePreparer().prepare(
            file('x', `${body} at ${JSON.stringify(focus)}`).file,
            request,
          )),
          ...(cropFor ? { faces: body === 'group' ? 3 : 1 } : {}),
          focus,
        }
      },
    })
    const queue = new BatchQueue({
      searchUsers: (criteria) => server.searchUsers(criteria),
      writer,
      createPreparer: preparer,
      storage,
      owner: () => owner,
      isExpired: () => false,
      settings: () => settings,
      log: (entry) => logged.push(entry),
      persistDebounceMs: 5,
    })
    queue.state.useFaceCrop = true
    queue.setCropFor(() => null)
    queue.addFiles([file('6.jpg', 'group'), file('7.jpg', 'single')])
    await until(() => settled(queue))
    const group = rowOf(queue, '6')
    expect(queue.statusOf(group)).toBe('needs-review')
    // Only a held file can be fixed: the other one went on without its original.
    expect(queue.recropSource(rowOf(queue, '7').key)).toBeNull()
    expect(queue.recrop(rowOf(queue, '7').key, { cx: 0.3, cy: 0.3 })).toBe(false)
    const source = queue.recropSource(group.key)!
    expect(await source.file.text()).toBe('group')
    expect(source.focus).toEqual({ cx: 0.5, cy: 0.5, size: 0.5 })

    const fixed = { cx: 0.25, cy: 0.4, size: 0.3, rotation: 90 as const }
    expect(queue.recrop(group.key, fixed)).toBe(true)
    expect(queue.statusOf(group)).toBe('preparing')
    await until(() => settled(queue))
    // Prepared with that crop and no face look; still held for the same reason until confirmed.
    expect(asked.at(-1)).toEqual({ focus: fixed, looked: false })
    expect(queue.statusOf(group)).toBe('needs-review')
    expect(queue.recropSource(group.key)!.focus).toEqual(fixed)
    queue.review(group.key, 'confirmed')
    queue.uploadAll()
    await until(() => queue.state.runState === 'done')
    expect(server.puts.find((p) => p.id === '6')?.photo).toBe(
      `jpeg of group at ${JSON.stringify(fixed)}`,
    )
    expect(queue.recropSource(group.key)).toBeNull()
  })

  it('makes the state, each row and the thumbnails observable through `observe`', () => {
    const observed: object[] = []
    const queue = new BatchQueue({
      searchUsers: (criteria) => server.searchUsers(criteria),
      writer,
      createPreparer: fakePreparer,
      storage,
      owner: () => owner,
      isExpired: () => expired,
      settings: () => settings,
      log: () => {},
      observe: (value) => {
        observed.push(value)
        return value
      },
    })
    queue.addFiles([file('1.jpg'), file('2.jpg')])
    expect(observed).toContain(queue.state)
    expect(observed).toContain(queue.thumbs)
    for (const row of queue.state.rows) expect(observed).toContain(row)
  })
})
