import { promisifyRequest, type UseStore } from 'idb-keyval'
import * as kv from 'idb-keyval'
import { databaseExists, deleteDatabase } from './databases.ts'

export { databaseExists, deleteDatabase }

// The one place that opens IndexedDB. Each queue that must survive a reload (the photo writes,
// the batch) keeps its records in a small key-value database of its own, through idb-keyval.

/** The key-value operations the queues need; IndexedDB in the app, a Map in unit tests. */
export interface KeyValueStore {
  /** Whether the database may exist, without creating an empty one just by looking. */
  exists(): Promise<boolean>
  /** Every record; keys that are not strings are left out. */
  entries(): Promise<Array<[string, unknown]>>
  /** One record, undefined when there is none. */
  get(key: string): Promise<unknown>
  set(key: string, value: unknown): Promise<void>
  setMany(items: Array<[string, unknown]>): Promise<void>
  del(key: string): Promise<void>
  delMany(keys: string[]): Promise<void>
  /** Deletes the database itself (or empties the map). */
  destroy(): Promise<void>
  /** Deletes the database when nothing is left in it (another tab may still be writing). */
  dropIfEmpty(): Promise<void>
}

const stringKeys = (all: Array<[IDBValidKey, unknown]>): Array<[string, unknown]> =>
  all.filter((e): e is [string, unknown] => typeof e[0] === 'string')

/** One object store in its own database, opened on first use. */
export function idbStore(dbName: string, storeName: string): KeyValueStore {
  let connection: Promise<IDBDatabase> | null = null

  // idb-keyval's createStore keeps its connection private; this one can close it, so the
  // database can be deleted instead of an empty one being left behind.
  const db: UseStore = (txMode, callback) => {
    connection ??= (() => {
      const request = indexedDB.open(dbName)
      request.onupgradeneeded = () => request.result.createObjectStore(storeName)
      return promisifyRequest(request).then((d) => {
        // Another tab deleting the database: let it, rather than hold the delete until this
        // tab closes, when it could wipe records written since.
        d.onversionchange = () => {
          d.close()
          connection = null
        }
        return d
      })
    })()
    return connection.then((d) => callback(d.transaction(storeName, txMode).objectStore(storeName)))
  }

  async function close() {
    const open = connection
    connection = null
    if (open) (await open.catch(() => null))?.close()
  }

  return {
    exists: () => databaseExists(dbName),
    entries: async () => stringKeys(await kv.entries<IDBValidKey, unknown>(db)),
    get: (key) => kv.get(key, db),
    set: (key, value) => kv.set(key, value, db),
    setMany: (items) => kv.setMany(items, db),
    del: (key) => kv.del(key, db),
    delMany: (keys) => kv.delMany(keys, db),
    async destroy() {
      await close()
      await deleteDatabase(dbName)
    },
    async dropIfEmpty() {
      if (!(await databaseExists(dbName))) return
      const left = await kv.entries(db).catch(() => null)
      if (left === null || left.length > 0) return
      await close()
      await deleteDatabase(dbName)
    },
  }
}

/**
 * A structured copy, as IndexedDB stores it: Blobs are kept as they are (immutable, and
 * happy-dom cannot clone them), and a Vue proxy is refused, as IndexedDB refuses it.
 */
function copy(value: unknown): unknown {
  if (value instanceof Blob || value === null || typeof value !== 'object') return value
  if ((value as { __v_raw?: unknown }).__v_raw !== undefined)
    throw new DOMException('A reactive proxy cannot be cloned', 'DataCloneError')
  if (Array.isArray(value)) return value.map(copy)
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value)
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]))
}

/** A Map standing in for IndexedDB (unit tests); it stores copies, as IndexedDB does. */
export function memoryStore(
  data = new Map<string, unknown>(),
): KeyValueStore & { data: Map<string, unknown> } {
  return {
    data,
    exists: async () => data.size > 0,
    entries: async () => [...data.entries()],
    get: async (key) => data.get(key),
    async set(key, value) {
      data.set(key, copy(value))
    },
    async setMany(items) {
      for (const [key, value] of items) data.set(key, copy(value))
    },
    async del(key) {
      data.delete(key)
    },
    async delMany(keys) {
      for (const key of keys) data.delete(key)
    },
    async destroy() {
      data.clear()
    },
    async dropIfEmpty() {},
  }
}
