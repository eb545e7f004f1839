// The one IndexedDB helper against a real IndexedDB implementation (fake-indexeddb, in memory):
// records in and out, and a database that is deleted rather than left empty.
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { reactive } from 'vue'
import { databaseExists, deleteDatabase, idbStore, memoryStore } from '@/storage/idb.ts'

describe('idbStore', () => {
  it('keeps records by string key and says whether its database exists without creating it', async () => {
    const store = idbStore('test-a', 'items')
    expect(await store.exists()).toBe(false)
    expect(await databaseExists('test-a')).toBe(false)
    await store.setMany([
      ['one', { n: 1 }],
      ['two', { n: 2 }],
    ])
    await store.set('three', { n: 3 })
    await store.del('two')
    expect(await store.exists()).toBe(true)
    expect((await store.entries()).sort()).toEqual([
      ['one', { n: 1 }],
      ['three', { n: 3 }],
    ])
    await store.delMany(['one'])
    expect(await store.entries()).toEqual([['three', { n: 3 }]])
    await store.destroy()
    expect(await databaseExists('test-a')).toBe(false)
  })

  it('deletes its database when it is empty, and only then', async () => {
    const store = idbStore('test-b', 'items')
    await store.set('x', 1)
    await store.dropIfEmpty()
    expect(await databaseExists('test-b')).toBe(true)
    await store.del('x')
    await store.dropIfEmpty()
    expect(await databaseExists('test-b')).toBe(false)
    // Still usable afterwards: it opens a new database.
    await store.set('y', 2)
    expect(await store.entries()).toEqual([['y', 2]])
    await deleteDatabase('test-b')
  })

  it('refuses a reactive proxy, as the browser does', async () => {
    const store = idbStore('test-c', 'items')
    await expect(store.set('r', reactive({ a: { b: 1 } }))).rejects.toThrow()
    await store.destroy()
  })
})

describe('memoryStore', () => {
  it('stores copies, keeps Blobs as they are, and refuses a reactive proxy too', async () => {
    const store = memoryStore()
    const blob = new Blob(['jpeg'])
    const value = { photo: blob, list: [1, 2], nested: { a: 1 } }
    await store.set('k', value)
    value.nested.a = 2
    const stored = store.data.get('k') as typeof value
    expect(stored.nested.a).toBe(1)
    expect(stored.photo).toBe(blob)
    await expect(store.set('r', reactive({ a: 1 }))).rejects.toThrow(/cannot be cloned/)
  })
})
