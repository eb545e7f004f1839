import { describe, expect, it } from 'vitest'
import { QueuePersister, reviveRow, type QueueMeta } from '@/batch/persist.ts'
import { newRow, type BatchRow } from '@/batch/rows.ts'
import { memoryStore } from '@/storage/idb.ts'

function meta(order: string[], patch: Partial<QueueMeta> = {}): QueueMeta {
  return {
    version: 1,
    owner: 'admin',
    order,
    overwrite: false,
    concurrency: 4,
    running: false,
    nextKey: order.length + 1,
    ...patch,
  }
}

function setup() {
  const storage = memoryStore()
  const rows = new Map<string, BatchRow>()
  const persister = new QueuePersister(storage, (key) => rows.get(key), 10_000)
  const add = (key: string, file: string, patch: Partial<BatchRow> = {}) => {
    const row = { ...newRow(key, file, 1000), userId: file.split('.')[0]!, ...patch }
    rows.set(key, row)
    persister.row(key)
    return row
  }
  return { storage, rows, persister, add }
}

describe('queue persistence', () => {
  it('writes rows, prepared JPEGs and thumbnails together, and loads them back in order', async () => {
    const { storage, persister, add } = setup()
    add('1', '10.jpg', { prep: 'done', check: 'found', name: 'Ann' })
    const row2 = add('2', '11.jpg')
    persister.jpeg('1', new Blob(['jpeg-1'], { type: 'image/jpeg' }))
    persister.thumb('1', new Blob(['thumb-1'], { type: 'image/jpeg' }))
    persister.setMeta(meta(['2', '1']))
    // Debounced: nothing is written until the flush.
    expect(storage.data.size).toBe(0)
    row2.name = 'changed before the write'
    await persister.flush()
    expect([...storage.data.keys()].sort()).toEqual(['jpeg:1', 'meta', 'row:1', 'row:2', 'thumb:1'])

    const saved = await persister.load()
    expect(saved?.rows.map((r) => r.key)).toEqual(['2', '1'])
    expect(saved?.rows[0]?.name).toBe('changed before the write')
    expect(await saved?.jpegs.get('1')?.text()).toBe('jpeg-1')
    expect(await saved?.thumbs.get('1')?.text()).toBe('thumb-1')
    expect(saved?.jpegs.has('2')).toBe(false)
  })

  it('deletes a sent JPEG and a removed row', async () => {
    const { storage, persister, add } = setup()
    add('1', '10.jpg')
    add('2', '11.jpg')
    persister.jpeg('1', new Blob(['a']))
    persister.jpeg('2', new Blob(['b']))
    persister.setMeta(meta(['1', '2']))
    await persister.flush()
    persister.jpeg('1', null)
    persister.removeRow('2')
    persister.setMeta(meta(['1']))
    await persister.flush()
    expect([...storage.data.keys()].sort()).toEqual(['meta', 'row:1'])
  })

  it('wipes everything (sign-out) and has nothing to load afterwards', async () => {
    const { storage, persister, add } = setup()
    add('1', '10.jpg')
    persister.setMeta(meta(['1']))
    await persister.flush()
    add('2', '11.jpg')
    await persister.wipe()
    expect(storage.data.size).toBe(0)
    expect(await persister.load()).toBeNull()
    // Writes work again after a wipe.
    add('3', '12.jpg')
    persister.setMeta(meta(['3']))
    await persister.flush()
    expect((await persister.load())?.rows.map((r) => r.key)).toEqual(['3'])
  })

  it('revives a row after a reload: lost originals, checks and PUTs in flight', () => {
    const base = { ...newRow('1', '10.jpg', 5), userId: '10', candidates: ['10'] }
    expect(reviveRow({ ...base, prep: 'working' }, false)).toMatchObject({
      prep: 'missing',
      problem: { kind: 'missing-file' },
    })
    expect(reviveRow({ ...base, check: 'checking' }, false).check).toBe('pending')
    expect(
      reviveRow({ ...base, prep: 'done', check: 'found', upload: 'sending' }, true),
    ).toMatchObject({ upload: 'idle', interrupted: true, check: 'pending', prep: 'done' })
    // Leased (on disk as "may be sent") but not known to be saved: checked before resending.
    expect(
      reviveRow({ ...base, prep: 'done', check: 'found', upload: 'idle', leased: true }, true),
    ).toMatchObject({ upload: 'idle', interrupted: true, check: 'pending', leased: false })
    expect(
      reviveRow({ ...base, prep: 'done', upload: 'failed', leased: true }, true),
    ).toMatchObject({
      upload: 'failed',
      interrupted: false,
    })
    expect(reviveRow({ ...base, prep: 'done', upload: 'saved' }, false)).toMatchObject({
      prep: 'done',
      upload: 'saved',
    })
    // BioStar's answer is read back as error data; damaged data becomes an unknown error.
    const failed = (error: unknown) =>
      ({ ...base, prep: 'done', upload: 'failed', problem: { kind: 'api', error } }) as BatchRow
    expect(reviveRow(failed({ kind: 'server', status: 503, junk: 1 }), true).problem).toEqual({
      kind: 'api',
      error: { kind: 'server', status: 503 },
    })
    expect(reviveRow(failed({ kind: 'no-such-kind' }), true).problem).toEqual({
      kind: 'api',
      error: { kind: 'other', message: '' },
    })
    // A skipped name stays as it was.
    const skipped = {
      ...newRow('2', 'IMG_1.jpg', 5),
      problem: { kind: 'name', problem: 'no-id' },
    } as BatchRow
    expect(reviveRow(skipped, false)).toMatchObject({ userId: null, problem: skipped.problem })
  })
})
