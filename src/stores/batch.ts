import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, reactive, toRefs, watch } from 'vue'
import { getUser, searchUsers } from '@/api/users.ts'
import type { RelativeFocus } from '@/batch/prepare-file.ts'
import type { CropFor } from '@/batch/preparer.ts'
import { createBatchPreparer } from '@/workers/photo-workers.ts'
import { QUEUE_DB, QUEUE_STORE } from '@/batch/queue-db.ts'
import { BatchQueue, type SamePersonFor } from '@/batch/queue.ts'
import type { BatchRow } from '@/batch/rows.ts'
import type { PickedFile } from '@/batch/walk.ts'
import { sameAsCurrentPhoto } from '@/face/compare.ts'
import { idbStore } from '@/storage/idb.ts'
import { getFaceDetector } from '@/workers/face-detector.ts'
import { usePhotoWritesStore } from './photo-writes.ts'
import { useSessionStore } from './session.ts'
import { useSessionLogStore, type NewLogEntry } from './session-log.ts'
import { useSettingsStore } from './settings.ts'

export { MAX_CONCURRENCY, type RunState } from '@/batch/queue.ts'

/**
 * Batch import (the engine is src/batch/queue.ts): built here with the app's API, write path,
 * IndexedDB and photo preparer, wiped on sign-out. Rows are reactive one by one; the list
 * changes only when rows come or go, so a row's progress re-renders that row, not the table.
 */
export const useBatchStore = defineStore('batch', () => {
  const session = useSessionStore()
  const settings = useSettingsStore()
  const writes = usePhotoWritesStore()
  const log = (entry: NewLogEntry) => useSessionLogStore().record(entry)

  const queue = new BatchQueue({
    searchUsers,
    // The one write path: it sends (base64 made then), orders and logs each photo.
    writer: writes,
    createPreparer: () => createBatchPreparer(),
    storage: idbStore(QUEUE_DB, QUEUE_STORE),
    owner: () => writes.me,
    isExpired: () => session.expired,
    settings: () => settings.settings,
    log: (entry) => log({ action: 'batch', ...entry }),
    observe: (value) => reactive(value) as typeof value,
  })

  // The file's face against the user's current photo, looked up when the file is ready.
  const compare = sameAsCurrentPhoto({
    detector: () => getFaceDetector(),
    currentPhoto: async (userId) => (await getUser(userId)).photo || null,
  })
  const samePersonFor: SamePersonFor = (userId, jpeg) =>
    settings.settings.samePersonCheck ? compare(userId, jpeg) : Promise.resolve(null)

  // The client holds requests that met an expired session until the operator signs in again;
  // meanwhile no new ones start, and afterwards the queue carries on where it stopped.
  watch(
    () => session.expired,
    (expired) => {
      if (!expired) queue.sessionResumed()
    },
  )
  session.onSignOut(() => queue.clearAll())

  return {
    ...toRefs(queue.state),
    thumbs: queue.thumbs,
    counts: computed(() => queue.counts),
    progress: computed(() => queue.progress),
    waitingForSignIn: computed(() => queue.waitingForSignIn),
    canUpload: computed(() => queue.canUpload),
    statusOf: (row: BatchRow) => queue.statusOf(row),
    addFiles: (picked: readonly PickedFile[], options?: { truncated?: boolean }) =>
      queue.addFiles(picked, options),
    uploadAll: () => queue.uploadAll(),
    pause: () => queue.pause(),
    resume: () => queue.resume(),
    cancel: () => queue.cancel(),
    retryRow: (key: string) => queue.retryRow(key),
    retryFailed: () => queue.retryFailed(),
    removeRow: (key: string) => queue.removeRow(key),
    review: (key: string, decision: 'confirmed' | 'skipped') => queue.review(key, decision),
    recropSource: (key: string) => queue.recropSource(key),
    recrop: (key: string, focus: RelativeFocus) => queue.recrop(key, focus),
    setOverwrite: (value: boolean) => queue.setOverwrite(value),
    setConcurrency: (n: number) => queue.setConcurrency(n),
    setCropFor: (fn: CropFor | null) => queue.setCropFor(fn),
    /** Same person? Asked per file of a user with a photo, with the face checks on. */
    setSamePersonCheck: (on: boolean) => queue.setSamePersonFor(on ? samePersonFor : null),
    /** Empties the list and forgets the saved queue (sign-out, "Clear list"). */
    clearAll: () => queue.clearAll(),
    restore: () => queue.restore(),
    report: (describe: Parameters<BatchQueue['report']>[0]) => queue.report(describe),
    /** Writes pending changes to IndexedDB now (before a test reloads, or on pagehide). */
    flush: () => queue.flush(),
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useBatchStore, import.meta.hot))
