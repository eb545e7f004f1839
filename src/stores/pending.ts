import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { del, entries, promisifyRequest, set, type UseStore } from 'idb-keyval'
import { updatePhoto } from '@/api/users.ts'
import { ApiError } from '@/api/errors.ts'
import { useSessionStore } from './session.ts'
import { useSessionLogStore } from './session-log.ts'

/** A photo saved while the device was offline, waiting in IndexedDB to be sent. */
export interface PendingSave {
  userId: string
  name: string
  base64: string
  bytes: number
  createdAt: number
}

/** While photos wait, how often to try again even without an "online" event (ms). */
export const FLUSH_INTERVAL_MS = 15_000

const DB_NAME = 'photo-desk-pending'
const STORE_NAME = 'saves'
let connection: Promise<IDBDatabase> | null = null

// idb-keyval's own createStore keeps its connection private; this one can close it, so sign-out
// can delete the whole database instead of leaving an empty one behind.
function db(): UseStore {
  return (txMode, callback) => {
    connection ??= (() => {
      const request = indexedDB.open(DB_NAME)
      request.onupgradeneeded = () => request.result.createObjectStore(STORE_NAME)
      return promisifyRequest(request)
    })()
    return connection.then((d) =>
      callback(d.transaction(STORE_NAME, txMode).objectStore(STORE_NAME)),
    )
  }
}

async function deleteDatabase() {
  if (connection) (await connection.catch(() => null))?.close()
  connection = null
  await promisifyRequest(indexedDB.deleteDatabase(DB_NAME)).catch(() => undefined)
}

async function databaseExists(): Promise<boolean> {
  // Opening would create it; a fresh tab with nothing pending must not leave a database behind.
  const list = await indexedDB.databases?.().catch(() => null)
  return !list || list.some((d) => d.name === DB_NAME)
}

/**
 * Saves that could not go out because the device was offline. Kept in IndexedDB (one per user:
 * the latest photo wins), sent as soon as the network is back, removed once BioStar has them,
 * and wiped on sign-out.
 */
export const usePendingStore = defineStore('pending', () => {
  const items = ref<PendingSave[]>([])
  const flushing = ref(false)
  const lastError = ref<unknown>(null)
  const count = computed(() => items.value.length)
  let timer: ReturnType<typeof setInterval> | null = null
  let started = false

  async function load() {
    if (!(await databaseExists())) return
    const all = await entries<string, PendingSave>(db())
    items.value = all.map(([, v]) => v).sort((a, b) => a.createdAt - b.createdAt)
  }

  async function add(save: Omit<PendingSave, 'createdAt'>) {
    const entry = { ...save, createdAt: Date.now() }
    await set(save.userId, entry, db())
    items.value = [...items.value.filter((i) => i.userId !== save.userId), entry]
    ensureTimer()
  }

  /** Sends what waits, oldest first; stops at the first network failure. */
  async function flush(): Promise<number> {
    if (flushing.value || items.value.length === 0) return 0
    flushing.value = true
    let sent = 0
    try {
      for (const item of [...items.value]) {
        try {
          await updatePhoto(item.userId, item.base64)
        } catch (error) {
          lastError.value = error
          if (error instanceof ApiError && error.transient) break
          useSessionLogStore().record({
            action: 'resend',
            result: 'failed',
            userId: item.userId,
            name: item.name,
            bytes: item.bytes,
            error,
          })
          // BioStar refused it for good (deleted user, no right): keep it visible, not retried.
          continue
        }
        useSessionLogStore().record({
          action: 'resend',
          result: 'ok',
          userId: item.userId,
          name: item.name,
          bytes: item.bytes,
        })
        await del(item.userId, db())
        items.value = items.value.filter((i) => i.userId !== item.userId)
        sent++
      }
      if (items.value.length === 0) lastError.value = null
    } finally {
      flushing.value = false
      if (items.value.length === 0) stopTimer()
    }
    return sent
  }

  function ensureTimer() {
    if (!timer && typeof setInterval === 'function')
      timer = setInterval(() => void flush(), FLUSH_INTERVAL_MS)
  }
  function stopTimer() {
    if (timer) clearInterval(timer)
    timer = null
  }

  async function wipe() {
    stopTimer()
    items.value = []
    await deleteDatabase()
  }

  /** Loads what a previous visit left, and sends it when the network returns. */
  async function start() {
    if (started) return
    started = true
    useSessionStore().onSignOut(wipe)
    if (typeof window !== 'undefined') window.addEventListener('online', () => void flush())
    await load()
    if (items.value.length) {
      ensureTimer()
      if (navigator.onLine) void flush()
    }
  }

  return { items, flushing, lastError, count, add, flush, start, wipe }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePendingStore, import.meta.hot))
