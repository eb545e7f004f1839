import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, toRaw, watch } from 'vue'
import { del, entries, promisifyRequest, set, type UseStore } from 'idb-keyval'
import { updatePhoto } from '@/api/users.ts'
import { apiLocation } from '@/api/client.ts'
import { ApiError, toErrorData, type ApiErrorInit, type ApiErrorKind } from '@/api/errors.ts'
import type { Operator } from '@/api/types.ts'
import { useSessionStore } from './session.ts'
import { useSessionLogStore, type LogError } from './session-log.ts'

/** Who saved a photo offline: only that operator, on that server, ever sends it. */
export interface PendingOwner {
  /** BioStar login id: stable, unlike the session id. */
  loginId: string
  /** Where /api was (see apiLocation), '' if unknown. */
  server: string
  /** Display name, for the banner only. */
  name: string
}

/** A photo saved while the device was offline, waiting in IndexedDB to be sent. */
export interface PendingSave {
  userId: string
  name: string
  base64: string
  bytes: number
  createdAt: number
  /** Missing in saves stored before owners were recorded: those are never sent by themselves. */
  owner?: PendingOwner
  /**
   * Set when BioStar refused the save for good (user deleted, no right, photo rejected): what it
   * answered, as plain data (an ApiError's init). Such a save is not sent again by itself; its
   * operator tries again or discards it.
   */
  refused?: LogError
}

/** A save as the store holds it: with its IndexedDB key (old saves: the user id). */
export interface QueuedSave extends PendingSave {
  key: string
}

/** Saves of one other operator (owner null: saved before owners were recorded). */
export interface OtherOwnerGroup {
  /** Stable id of the group, for discard(); '' for the saves without an owner. */
  id: string
  owner: PendingOwner | null
  count: number
}

/** While photos wait, how often to try again even without an "online" event (ms). */
export const FLUSH_INTERVAL_MS = 15_000

// --- who owns what (pure) --------------------------------------------------------------------

export function ownerOf(operator: Operator, server: string): PendingOwner {
  return { loginId: operator.loginId, server, name: operator.name || operator.loginId }
}

/** Same login id on the same server; an unknown owner is nobody's. */
export function sameOwner(a: PendingOwner | null | undefined, b: PendingOwner | null | undefined) {
  return !!a && !!b && !!a.loginId && a.loginId === b.loginId && a.server === b.server
}

/** The group id of an owner: '' for saves stored without one. */
export function ownerId(owner: PendingOwner | null | undefined): string {
  return owner ? JSON.stringify([owner.server, owner.loginId]) : ''
}

/**
 * One key per owner and user (the latest photo of that operator for that user wins), so a save
 * by one operator never replaces another operator's. Old saves were keyed by the user id alone.
 */
export function saveKey(owner: PendingOwner | null | undefined, userId: string): string {
  return owner ? JSON.stringify([owner.server, owner.loginId, userId]) : userId
}

function readOwner(value: unknown): PendingOwner | undefined {
  const o = value as Partial<PendingOwner> | null | undefined
  if (!o || typeof o.loginId !== 'string' || !o.loginId || typeof o.server !== 'string')
    return undefined
  return { loginId: o.loginId, server: o.server, name: typeof o.name === 'string' ? o.name : '' }
}

/** A stored refusal as plain data; a damaged one still counts as refused (never resent blindly). */
export function readRefusal(value: unknown): LogError {
  const r = value as Record<string, unknown> | null | undefined
  if (!r || typeof r.kind !== 'string') return { kind: 'other', message: '' }
  if (r.kind === 'other')
    return { kind: 'other', message: typeof r.message === 'string' ? r.message : '' }
  const init: ApiErrorInit = { kind: r.kind as ApiErrorKind }
  if (typeof r.status === 'number') init.status = r.status
  for (const field of ['code', 'serverMessage', 'server'] as const) {
    const text = r[field]
    if (typeof text === 'string') init[field] = text
  }
  return init
}

/** A refusal as an error again, for describeError and the session log. */
export function refusalError(refused: LogError): Error {
  return refused.kind === 'other' ? new Error(refused.message) : new ApiError(refused)
}

/**
 * Whether a failed send was BioStar refusing the save for good, rather than no answer (network,
 * timeout, 502-504), a lapsed session or a call cancelled on the desk side: those just wait.
 */
export function isRefusal(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true
  return !error.transient && error.kind !== 'session' && error.kind !== 'aborted'
}

/** A stored record as the store uses it, or null when it is not a save at all. */
export function readSave(key: IDBValidKey, value: unknown): QueuedSave | null {
  const v = value as Partial<PendingSave> | null
  if (typeof key !== 'string' || !v || typeof v.userId !== 'string') return null
  if (typeof v.base64 !== 'string') return null
  const save: QueuedSave = {
    key,
    userId: v.userId,
    name: typeof v.name === 'string' ? v.name : '',
    base64: v.base64,
    bytes: typeof v.bytes === 'number' ? v.bytes : 0,
    createdAt: typeof v.createdAt === 'number' ? v.createdAt : 0,
  }
  const owner = readOwner(v.owner)
  if (owner) save.owner = owner
  if (v.refused !== undefined) save.refused = readRefusal(v.refused)
  return save
}

/** The saves `me` may send, oldest first; none when nobody is signed in. */
export function ownSaves<T extends PendingSave>(items: readonly T[], me: PendingOwner | null): T[] {
  return items.filter((i) => sameOwner(i.owner, me))
}

/** Everyone else's saves, by owner, in the order they first appear (oldest first). */
export function otherOwners(
  items: readonly PendingSave[],
  me: PendingOwner | null,
): OtherOwnerGroup[] {
  const groups = new Map<string, OtherOwnerGroup>()
  for (const item of items) {
    if (sameOwner(item.owner, me)) continue
    const id = ownerId(item.owner)
    const group = groups.get(id)
    if (group) group.count++
    else groups.set(id, { id, owner: item.owner ?? null, count: 1 })
  }
  return [...groups.values()]
}

// --- storage ---------------------------------------------------------------------------------

/** The few operations the queue needs; IndexedDB in the app, a Map in unit tests. */
export interface PendingStorage {
  /** Whether saves may exist, without creating an empty database just by looking. */
  mayHaveSaves(): Promise<boolean>
  entries(): Promise<Array<[IDBValidKey, unknown]>>
  set(key: string, value: PendingSave): Promise<void>
  del(key: string): Promise<void>
  /** Deletes the database when nothing is left in it (another tab may still be writing). */
  dropIfEmpty(): Promise<void>
}

const DB_NAME = 'photo-desk-pending'
const STORE_NAME = 'saves'

/** The queue in IndexedDB, opened on first use. */
export function idbPendingStorage(): PendingStorage {
  let connection: Promise<IDBDatabase> | null = null

  // idb-keyval's own createStore keeps its connection private; this one can close it, so the
  // database can be deleted instead of leaving an empty one behind.
  const db: UseStore = (txMode, callback) => {
    connection ??= (() => {
      const request = indexedDB.open(DB_NAME)
      request.onupgradeneeded = () => request.result.createObjectStore(STORE_NAME)
      return promisifyRequest(request).then((d) => {
        // Another tab deleting the (empty) database: let it, rather than queue the delete
        // until this tab closes, when it could wipe saves written since.
        d.onversionchange = () => {
          d.close()
          connection = null
        }
        return d
      })
    })()
    return connection.then((d) =>
      callback(d.transaction(STORE_NAME, txMode).objectStore(STORE_NAME)),
    )
  }

  async function mayHaveSaves() {
    const list = await indexedDB.databases?.().catch(() => null)
    return !list || list.some((d) => d.name === DB_NAME)
  }

  return {
    mayHaveSaves,
    entries: () => entries<IDBValidKey, unknown>(db),
    set: (key, value) => set(key, value, db),
    del: (key) => del(key, db),
    async dropIfEmpty() {
      if (!(await mayHaveSaves())) return
      const left = await entries(db).catch(() => null)
      if (left === null || left.length > 0) return
      if (connection) (await connection.catch(() => null))?.close()
      connection = null
      await promisifyRequest(indexedDB.deleteDatabase(DB_NAME)).catch(() => undefined)
    },
  }
}

/** What the store talks to; tests swap in fakes (`setPendingDeps`). */
export interface PendingDeps {
  createStorage(): PendingStorage
  updatePhoto: typeof updatePhoto
  /** Which server the app talks to (part of who owns a save). */
  server(): string
}

const defaultDeps: PendingDeps = {
  createStorage: idbPendingStorage,
  updatePhoto,
  server: apiLocation,
}
let deps: PendingDeps = defaultDeps

/** Replaces the store's collaborators (tests); call before the store is first used. */
export function setPendingDeps(partial: Partial<PendingDeps> | null): void {
  deps = partial ? { ...defaultDeps, ...partial } : defaultDeps
}

// --- the store -------------------------------------------------------------------------------

/**
 * Saves that could not go out because the device was offline. Kept in IndexedDB with the
 * operator who made them (one per operator and user: the latest photo wins), sent as soon as the
 * network is back while that operator is signed in, removed once BioStar has them. Sign-out
 * wipes the operator's own saves. Another operator's saves (a tab closed while they waited) are
 * never sent under this session and never dropped silently: they wait for their owner, or for
 * someone to discard them on purpose. Saves stored without an owner count as another operator's.
 * A save BioStar refuses for good is marked so, in IndexedDB too, and is not sent again by itself:
 * its operator sees why, then tries again or discards it.
 */
export const usePendingStore = defineStore('pending', () => {
  const session = useSessionStore()
  const storage = deps.createStorage()
  const items = ref<QueuedSave[]>([])
  const flushing = ref(false)
  const lastError = ref<unknown>(null)
  /** Who is signed in, as an owner of saves. */
  const me = computed(() => (session.operator ? ownerOf(session.operator, deps.server()) : null))
  const mine = computed(() => ownSaves(items.value, me.value))
  /** The signed-in operator's saves that go out by themselves, oldest first. */
  const waiting = computed(() => mine.value.filter((i) => !i.refused))
  /** Photos of the signed-in operator waiting to be sent. */
  const count = computed(() => waiting.value.length)
  /** The signed-in operator's saves BioStar refused: they wait for "try again" or "discard". */
  const refused = computed(() => mine.value.filter((i) => i.refused))
  /** Photos of other operators (or of nobody known) kept on this device. */
  const others = computed(() => otherOwners(items.value, me.value))
  let timer: ReturnType<typeof setInterval> | null = null
  let started = false
  let loading: Promise<void> | null = null
  let loaded = false
  /** Cancels the sends under way (sign-out, another operator). */
  let flushAbort: AbortController | null = null
  /** The flush under way, so "try again" can wait for it. */
  let running: Promise<number> | null = null
  /** The operator whose saves sign-out wipes: the session store forgets who before it calls us. */
  let lastOwner: PendingOwner | null = me.value

  async function load() {
    if (!(await storage.mayHaveSaves())) return
    const all = await storage.entries()
    items.value = all
      .map(([key, value]) => readSave(key, value))
      .filter((s): s is QueuedSave => s !== null)
      .sort((a, b) => a.createdAt - b.createdAt)
  }

  // One change of the queue at a time, each checking what it changes is still there: a send
  // that ends (or is refused) while a newer photo of the same user was saved must not delete or
  // overwrite that newer one.
  let writes: Promise<unknown> = Promise.resolve()
  function serial<T>(change: () => Promise<T>): Promise<T> {
    const next = writes.then(change, change)
    writes = next.catch(() => undefined)
    return next
  }
  /** The queue's entry for `item`'s key, if it is still that very save. */
  function stillQueued(item: QueuedSave): QueuedSave | undefined {
    const current = items.value.find((i) => i.key === item.key)
    return current && current.createdAt === item.createdAt && current.base64 === item.base64
      ? current
      : undefined
  }
  /** Removes `item` from the queue and from storage, unless a newer save took its place. */
  function drop(item: QueuedSave): Promise<boolean> {
    return serial(async () => {
      if (!stillQueued(item)) return false
      await storage.del(item.key)
      remove(item.key)
      return true
    })
  }

  async function add(save: Omit<PendingSave, 'createdAt' | 'owner'>) {
    // Nobody signed in cannot happen at the desk; such a save is kept but never sent by itself.
    const owner = me.value ?? undefined
    const key = saveKey(owner, save.userId)
    const entry: PendingSave = { ...save, createdAt: Date.now() }
    if (owner) entry.owner = owner
    await serial(async () => {
      await storage.set(key, entry)
      items.value = [...items.value.filter((i) => i.key !== key), { ...entry, key }]
    })
    ensureTimer()
  }

  function remove(key: string) {
    items.value = items.value.filter((i) => i.key !== key)
  }

  /** Sets (or clears, with null) a save's refusal, in memory and in storage. */
  function setRefusal(item: QueuedSave, refusal: LogError | null): Promise<void> {
    return serial(async () => {
      const current = stillQueued(item)
      if (!current) return
      // Raw: IndexedDB cannot clone the reactive proxies of the nested owner and refusal.
      const { key, ...save } = toRaw(current)
      if (refusal) save.refused = refusal
      else delete save.refused
      items.value = items.value.map((i) => (i === current ? { ...save, key } : i))
      await storage.set(key, save)
    })
  }

  /** Sends the signed-in operator's waiting saves, oldest first; stops at the first network failure. */
  function flush(): Promise<number> {
    if (running) return Promise.resolve(0)
    const run = sendWaiting()
    const done = () => {
      if (running === run) running = null
    }
    running = run
    run.then(done, done)
    return run
  }

  async function sendWaiting(): Promise<number> {
    const owner = me.value
    const queue = waiting.value
    if (flushing.value || !owner || queue.length === 0) return 0
    flushing.value = true
    const abort = (flushAbort = new AbortController())
    let sent = 0
    try {
      for (const item of queue) {
        // Signed out, or someone else signed in, since the flush began: not theirs to send.
        if (abort.signal.aborted || !sameOwner(me.value, owner)) break
        if (!items.value.some((i) => i.key === item.key)) continue
        try {
          await deps.updatePhoto(item.userId, item.base64, { signal: abort.signal })
        } catch (error) {
          if (abort.signal.aborted) break
          lastError.value = error
          // No answer, the sign-in lapsed or changed hands: nothing is wrong with the photo.
          if (!isRefusal(error)) break
          useSessionLogStore().record({
            action: 'resend',
            result: 'failed',
            userId: item.userId,
            name: item.name,
            bytes: item.bytes,
            error,
          })
          // BioStar refused it for good (deleted user, no right, bad photo): logged once, shown
          // with the reason, never sent again unless its operator asks. (Not if it was discarded,
          // or replaced by a newer photo, while it was being sent.)
          if (items.value.includes(item))
            await setRefusal(item, toErrorData(error) ?? { kind: 'other', message: '' })
          continue
        }
        useSessionLogStore().record({
          action: 'resend',
          result: 'ok',
          userId: item.userId,
          name: item.name,
          bytes: item.bytes,
        })
        await drop(item)
        sent++
      }
      if (waiting.value.length === 0) lastError.value = null
    } finally {
      if (flushAbort === abort) flushAbort = null
      flushing.value = false
      if (waiting.value.length === 0) stopTimer()
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

  /** Starts sending the signed-in operator's saves, if any wait. */
  function resume() {
    if (!loaded || waiting.value.length === 0) return
    ensureTimer()
    if (typeof navigator === 'undefined' || navigator.onLine) void flush()
  }

  /** Sign-out: the operator's own saves go (as before); everyone else's stay. */
  async function wipe() {
    flushAbort?.abort()
    stopTimer()
    await loading?.catch(() => undefined)
    const owner = lastOwner
    const own = ownSaves(items.value, owner)
    for (const item of own) await drop(item).catch(() => false)
    if (items.value.length === 0) await storage.dropIfEmpty()
  }

  /**
   * Deletes, on purpose, the saves of another operator (or of no known operator) without
   * sending them; each is recorded in the session log. Returns how many went.
   */
  async function discard(groupId: string): Promise<number> {
    const doomed = items.value.filter(
      (i) => !sameOwner(i.owner, me.value) && ownerId(i.owner) === groupId,
    )
    let gone = 0
    for (const item of doomed) {
      if (!(await drop(item))) continue
      gone++
      useSessionLogStore().record({
        action: 'discard',
        result: 'ok',
        userId: item.userId,
        name: item.name,
        bytes: item.bytes,
        message: item.owner?.loginId ?? '',
      })
    }
    if (items.value.length === 0) await storage.dropIfEmpty()
    return gone
  }

  /**
   * "Try again" on a refused save of the signed-in operator: it waits again, and is sent now
   * (with any other waiting save). Refused again, it is marked again.
   */
  async function tryAgain(key: string): Promise<void> {
    const item = refused.value.find((i) => i.key === key)
    if (!item) return
    await setRefusal(item, null)
    // A flush under way took its list before this save was back in it.
    await running?.catch(() => undefined)
    ensureTimer()
    await flush()
  }

  /**
   * Deletes, on purpose, one refused save of the signed-in operator without sending it;
   * recorded in the session log with BioStar's reason. Returns whether it went.
   */
  async function discardRefused(key: string): Promise<boolean> {
    const item = refused.value.find((i) => i.key === key)
    // Gone, or replaced meanwhile by a newer photo of the same person: that one is not discarded.
    if (!item?.refused || !(await drop(item))) return false
    useSessionLogStore().record({
      action: 'discard-refused',
      result: 'ok',
      userId: item.userId,
      name: item.name,
      bytes: item.bytes,
      error: refusalError(item.refused),
    })
    if (items.value.length === 0) await storage.dropIfEmpty()
    return true
  }

  // A new sign-in (or a sign-out) in this tab: sends in flight belong to whoever started them.
  watch(
    () => ownerId(me.value),
    (now, before) => {
      if (now === before) return
      flushAbort?.abort()
      stopTimer()
      if (me.value) {
        lastOwner = me.value
        // After the sign-in has finished its work (session id handed to the API client, etc.):
        // a send started in the middle of it could go out without a session.
        void Promise.resolve().then(resume)
      }
    },
    { flush: 'sync' },
  )

  /** Loads what a previous visit left, and sends this operator's part when the network returns. */
  async function start() {
    if (started) return
    started = true
    session.onSignOut(wipe)
    if (typeof window !== 'undefined') window.addEventListener('online', () => void flush())
    loading = load()
    await loading
    loaded = true
    resume()
  }

  return {
    items,
    flushing,
    lastError,
    count,
    refused,
    others,
    add,
    flush,
    start,
    wipe,
    discard,
    tryAgain,
    discardRefused,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePendingStore, import.meta.hot))
