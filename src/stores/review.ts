import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, reactive, shallowRef } from 'vue'
import { listUserGroups } from '@/api/groups.ts'
import type { GroupRef } from '@/api/types.ts'
import { getUser } from '@/api/users.ts'
import { listUserRows } from '@/api/user-rows.ts'
import type { Problem } from '@/review/checks.ts'
import {
  countProblems,
  filterEntries,
  withDuplicates,
  type ReviewEntry,
  type ReviewFilter,
} from '@/review/report.ts'
import { PhotoScan } from '@/review/scan.ts'
import { FacePass } from '@/review/faces.ts'
import { safeAutoCrop } from '@/face/index.ts'
import { decodeImage } from '@/photo/index.ts'
import { getFaceDetector } from '@/workers/face-detector.ts'
import { idbStore } from '@/storage/idb.ts'
import { useSessionStore } from './session.ts'

export const REVIEW_DB = 'photo-desk-review'
export const REVIEW_PHOTOS_DB = 'photo-desk-review-photos'

/** The screen redraws the list at most this often while a scan runs (ms): 20,000 users. */
const REFRESH_MS = 1000

/**
 * The photo review (engine: src/review/scan.ts), built with the app's API and IndexedDB. The
 * scan's results and photos are wiped on sign-out; the originals of a fix are not (fix store).
 */
export const useReviewStore = defineStore('review', () => {
  const session = useSessionStore()
  const scan = new PhotoScan({
    listRows: listUserRows,
    getUser,
    rows: idbStore(REVIEW_DB, 'rows'),
    photos: idbStore(REVIEW_PHOTOS_DB, 'photos'),
  })
  const progress = shallowRef(scan.progress)
  const entries = shallowRef<ReviewEntry[]>([])
  const finishedAt = shallowRef<number | undefined>()
  let timer: ReturnType<typeof setTimeout> | null = null
  function refresh() {
    if (timer) clearTimeout(timer)
    timer = null
    entries.value = withDuplicates(scan.rows)
    finishedAt.value = scan.finishedAt
  }
  scan.subscribe(() => {
    const phase = progress.value.phase
    progress.value = scan.progress
    // Every photo counts at once when the phase changes; otherwise a few times a second.
    if (phase !== scan.progress.phase) refresh()
    else timer ??= setTimeout(refresh, REFRESH_MS)
  })

  // The face pass: the desk's detector and crop rule on each photo, after the byte checks.
  const faces = new FacePass({
    photo: (userId) => scan.photo(userId),
    decode: (blob) => decodeImage(blob, { maxPixels: 1_000_000 }),
    ready: () =>
      getFaceDetector().then(
        () => true,
        () => false,
      ),
    async find(bitmap) {
      const found = await safeAutoCrop(getFaceDetector, bitmap, 1)
      return found && { reason: found.reason, crop: found.crop }
    },
    save: (userId, sha256, problems) => scan.setFaceProblems(userId, sha256, problems),
  })
  const faceProgress = shallowRef(faces.progress)
  faces.subscribe(() => (faceProgress.value = faces.progress))
  /** Which photos the face pass looks at: every scanned one, or the current filter's. */
  const faceScope = shallowRef<'all' | 'filter'>('all')
  /** The users of the last face pass started on the filter (Resume goes on with them). */
  let faceIds: Set<string> | null = null
  /**
   * The face pass (a few photos a second; seconds each on a slow machine). Photos already judged
   * at their bytes are skipped, so Resume, or a new pass after a reload, goes on where it stopped.
   */
  async function checkFaces(resume = false) {
    if (!resume)
      faceIds = faceScope.value === 'all' ? null : new Set(visible.value.map((e) => e.userId))
    const ids = faceIds
    await faces.run(ids ? scan.rows.filter((r) => ids.has(r.userId)) : scan.rows)
    await scan.flush()
  }

  const filter = reactive<ReviewFilter>({ problems: [], text: '', groupId: '' })
  const visible = computed(() => filterEntries(entries.value, filter))
  const counts = computed(() => countProblems(entries.value))
  /** null: the server does not answer GET /api/user_groups (the filter is hidden). */
  const groups = shallowRef<GroupRef[] | null>(null)
  const canRead = computed(() => session.operator?.canReadUsers !== false)
  const canWrite = computed(() => session.operator?.canWriteUsers !== false)
  const running = computed(() => ['listing', 'checking'].includes(progress.value.phase))

  let opened: Promise<void> | null = null
  /** Loads what an earlier page left and resumes a scan a reload interrupted. */
  function open(): Promise<void> {
    opened ??= (async () => {
      listUserGroups()
        .then((list) => (groups.value = list.filter((g) => g.id !== '1')))
        .catch(() => (groups.value = null))
      const interrupted = await scan.restore().catch(() => false)
      refresh()
      if (interrupted) void scan.start()
    })()
    return opened
  }

  function toggleProblem(problem: Problem | null) {
    if (problem === null) filter.problems = []
    else if (filter.problems.includes(problem))
      filter.problems = filter.problems.filter((p) => p !== problem)
    else filter.problems = [problem]
  }

  session.onSignOut(async () => {
    opened = null
    await scan.clear()
    refresh()
  })

  return {
    scan,
    progress,
    entries,
    finishedAt,
    filter,
    visible,
    counts,
    groups,
    canRead,
    canWrite,
    running,
    open,
    refresh,
    toggleProblem,
    start: () => scan.start(),
    pause: () => scan.pause(),
    resume: () => scan.resume(),
    cancel: () => scan.cancel(),
    photo: (userId: string) => scan.photo(userId),
    faceProgress,
    faceScope,
    checkFaces: () => checkFaces(),
    resumeFaces: () => checkFaces(true),
    pauseFaces: () => faces.pause(),
    cancelFaces: () => faces.cancel(),
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useReviewStore, import.meta.hot))
