import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import { apiLocation } from '@/api/client.ts'
import { enrollVisualFace } from '@/api/faces.ts'
import { removePhoto, updatePhoto } from '@/api/users.ts'
import { blobToBase64 } from '@/photo/base64.ts'
import { idbStore } from '@/storage/idb.ts'
import { ownerId, ownerOf, otherOwners, sameOwner } from '@/writes/owners.ts'
import { PhotoWrites, type SendRequest } from '@/writes/photo-writes.ts'
import { WRITES_DB, WRITES_STORE } from '@/writes/records.ts'
import { lockUserAcrossTabs } from '@/writes/tab-lock.ts'
import type { WriteOwner, WriteRequest, WriteStatus } from '@/writes/types.ts'
import { useSessionStore } from './session.ts'
import { useSessionLogStore } from './session-log.ts'

/** Sign-out waits this long for photos on their way before it aborts them (ms). */
export const SIGN_OUT_FINISH_MS = 5_000

/** The API call behind each kind of write. */
function send(request: SendRequest, signal: AbortSignal): Promise<unknown> {
  if (request.kind === 'visual-face')
    return enrollVisualFace(request.userId, request.photo, { signal })
  if (request.kind === 'remove') return removePhoto(request.userId, { signal })
  return updatePhoto(request.userId, request.photo, { signal })
}

const open = (s: WriteStatus) =>
  s.state === 'queued' || s.state === 'sending' || s.state === 'waiting'

/**
 * The one write path (src/writes/photo-writes.ts) for the app: every change of a user's photo
 * goes through `submit`. The signed-in operator's photos that could not go at once wait on this
 * device and are sent by themselves; those BioStar refused wait for Try again or Discard;
 * another operator's wait for their owner. Sign-out lets the photos on their way finish (or
 * aborts them after SIGN_OUT_FINISH_MS) and drops the operator's photos that could not go.
 */
export const usePhotoWritesStore = defineStore('photo-writes', () => {
  const session = useSessionStore()
  const log = useSessionLogStore()
  /** Who is signed in, as the owner of writes. */
  const me = computed<WriteOwner | null>(() =>
    session.operator ? ownerOf(session.operator, apiLocation()) : null,
  )
  const engine = new PhotoWrites({
    storage: idbStore(WRITES_DB, WRITES_STORE),
    send,
    toBase64: blobToBase64,
    signedIn: () => me.value,
    log: (entry) => log.record(entry),
    lockUser: lockUserAcrossTabs,
  })
  /** Every write this page knows, oldest first. */
  const all = shallowRef<WriteStatus[]>([])
  engine.subscribe(() => (all.value = engine.statuses()))

  const mine = computed(() => all.value.filter((s) => sameOwner(s.owner, me.value)))
  /** The signed-in operator's photos that could not go at once and wait on this device. */
  const waiting = computed(() => mine.value.filter((s) => s.waited && open(s)))
  const count = computed(() => waiting.value.length)
  /** The signed-in operator's photos BioStar refused: they wait for Try again or Discard. */
  const refused = computed(() => mine.value.filter((s) => s.state === 'refused'))
  /** Photos of other operators (or of nobody known) kept on this device. */
  const others = computed(() =>
    otherOwners(
      all.value.filter((s) => open(s) || s.state === 'refused'),
      me.value,
    ),
  )

  let started: Promise<void> | null = null
  /** Loads what a previous visit left, and sends this operator's part when the network returns. */
  function start(): Promise<void> {
    started ??= (async () => {
      if (typeof window !== 'undefined') window.addEventListener('online', () => engine.kick())
      await engine.start()
    })()
    return started
  }

  function submit(request: WriteRequest) {
    void start()
    return engine.submit(request)
  }

  /** Deletes, on purpose, every write of another operator's group; returns how many went. */
  function discardGroup(groupId: string): number {
    let gone = 0
    for (const s of all.value) {
      if (sameOwner(s.owner, me.value) || ownerId(s.owner) !== groupId) continue
      if (engine.discard(s.id)) gone++
    }
    return gone
  }

  // A new sign-in in this tab: its waiting photos go now.
  watch(
    () => ownerId(me.value),
    (now, before) => {
      if (now !== before && me.value) queueMicrotask(() => engine.kick())
    },
  )

  // Before the session log is wiped: every outcome is recorded under its own operator, and
  // nothing of this operator's is left to be recorded under the next one.
  session.beforeSignOut(async () => {
    const owner = me.value
    if (!owner) return
    await engine.finishFor(owner, SIGN_OUT_FINISH_MS)
    await engine.abandon(owner)
  })

  return {
    all,
    me,
    mine,
    waiting,
    count,
    refused,
    others,
    start,
    submit,
    retry: (id: string) => engine.retry(id),
    sentPhoto: (id: string) => engine.sentPhoto(id),
    discard: (id: string) => engine.discard(id),
    discardGroup,
    flushed: () => engine.flushed(),
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePhotoWritesStore, import.meta.hot))
