import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { getUser } from '@/api/users.ts'
import type { CropFor } from '@/batch/preparer.ts'
import { safeAutoCrop } from '@/face/index.ts'
import { PhotoFixer, type FixTarget } from '@/review/fix.ts'
import { idbStore } from '@/storage/idb.ts'
import { createBatchPreparer } from '@/workers/photo-workers.ts'
import { getFaceDetector } from '@/workers/face-detector.ts'
import { usePhotoWritesStore } from './photo-writes.ts'
import { useReviewStore } from './review.ts'
import { useSettingsStore } from './settings.ts'

/** Originals of every fix: kept over sign-out, so a fix can always be undone on this computer. */
export const ORIGINALS_DB = 'photo-desk-review-originals'

/**
 * "Make device-safe" and "Restore originals" (engine: src/review/fix.ts) with the app's one
 * write path, the desk's settings and encoder (the batch's preparer), and IndexedDB.
 */
export const useReviewFixStore = defineStore('review-fix', () => {
  const review = useReviewStore()
  const writes = usePhotoWritesStore()
  const settings = useSettingsStore()
  const fixer = new PhotoFixer({
    getUser,
    preparer: () => createBatchPreparer(),
    writer: writes,
    originals: idbStore(ORIGINALS_DB, 'originals'),
    owner: () => writes.me,
    request: () => {
      const { aspect, maxSide, maxBytes } = settings.settings
      return { aspect, maxSide, maxBytes }
    },
    written: (userId, base64) => review.scan.recheck(userId, base64),
  })
  const progress = shallowRef(fixer.progress)
  const lastRun = shallowRef(fixer.lastRun)
  /** Users with a kept original (any run). */
  const withOriginal = shallowRef<ReadonlySet<string>>(new Set())
  async function reloadOriginals() {
    const all = await fixer.originals().catch(() => [])
    withOriginal.value = new Set(all.map((o) => o.userId))
  }
  fixer.subscribe(() => {
    progress.value = fixer.progress
    lastRun.value = fixer.lastRun
  })
  const busy = computed(() =>
    ['saving-originals', 'writing', 'paused'].includes(progress.value.phase),
  )

  let opened: Promise<void> | null = null
  function open() {
    opened ??= (async () => {
      void writes.start()
      await fixer.restoreState().catch(() => {})
      await reloadOriginals()
    })()
    return opened
  }

  /** The desk's face-aware crop; null keeps the framing (no face found, or no detector). */
  const faceCropFor: CropFor = async (bitmap) => {
    const found = await safeAutoCrop(getFaceDetector, bitmap, settings.settings.aspect)
    return found && found.reason !== 'no-face' ? found.crop : null
  }

  /** Makes `targets` device-safe; `faceCrop` re-crops by the face rule (loads the face model). */
  async function fix(targets: FixTarget[], { faceCrop = false } = {}) {
    await fixer.fix(targets, faceCrop ? faceCropFor : null)
    await reloadOriginals()
  }

  async function restore(userIds?: string[]) {
    await fixer.restore(userIds)
  }

  return {
    fixer,
    progress,
    lastRun,
    withOriginal,
    busy,
    open,
    fix,
    restore,
    pause: () => fixer.pause(),
    resume: () => fixer.resume(),
    cancel: () => fixer.cancel(),
    originals: () => fixer.originals(),
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useReviewFixStore, import.meta.hot))
