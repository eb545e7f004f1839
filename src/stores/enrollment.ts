import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { getUser } from '@/api/users.ts'
import type { UserDetail } from '@/api/types.ts'
import { StepQueue, type StepKind } from '@/desk/steps.ts'
import { initialCrop, type Crop, type PreparedPhoto } from '@/photo/index.ts'
import { DeskPreparer } from '@/workers/photo-workers.ts'
import { getFaceDetector } from '@/workers/face-detector.ts'
import {
  renderVisualFace,
  safeAutoCrop,
  type FaceCropResult,
  type VisualFacePicture,
  type VisualFaceState,
} from '@/face/index.ts'
import type { WriteStatus } from '@/writes/types.ts'
import { useSettingsStore } from './settings.ts'
import { useSessionStore } from './session.ts'
import { usePhotoWritesStore } from './photo-writes.ts'
import { useDirectoryStore } from './directory.ts'

/** Who is on the desk: one piece of state. Only 'found' has a person to photograph. */
export type DeskLookup =
  | { state: 'empty' }
  | { state: 'finding'; userId: string }
  | { state: 'failed'; userId: string; error: unknown }
  | { state: 'found'; user: UserDetail }

/** The last thing that happened to a desk write, for the status line (it names the person). */
export type Outcome =
  | { kind: 'saved'; user: UserDetail; bytes: number }
  | { kind: 'removed'; user: UserDetail }
  | { kind: 'undone'; user: UserDetail }
  | { kind: 'pending'; user: UserDetail; error?: unknown }
  | { kind: 'superseded'; user: UserDetail }

/** What Undo puts back for a user: the photo before the last save or removal stored. */
interface UndoEntry {
  userId: string
  operator: string
  previousPhoto: string | null
}

/** A write made from the desk, with what the desk needs when its answer comes. */
interface DeskWrite {
  id: string
  kind: 'save' | 'remove' | 'undo'
  user: UserDetail
  operator: string
  bytes?: number
  /** The picture it was made from (a save), to let it go once BioStar has the photo. */
  picture?: ImageBitmap
  visual?: VisualFacePicture | { error: unknown } | null
  seen: WriteStatus['state'] | null
}

/** The camera as the desk's capture step needs it (the view lends it). */
export interface CameraPort {
  /** Resolves true once frames come, false when the camera cannot start. */
  ready(): Promise<boolean>
  grab(): Promise<ImageBitmap | null>
  /** The live guide's face crop for a frame of this size, if it saw a face just now. */
  liveCrop(width: number, height: number): FaceCropResult | null
  /** The live checks, as the session log keeps them. */
  checks(): string[]
}

/** A save waits this long for a face-aware crop still running, then keeps the crop it has. */
export const FACE_CROP_WAIT_MS = 15_000

/**
 * The enrollment desk's flow: find, capture or file, face crop, prepare, save, remove, undo.
 * Steps run in the order they were asked for (StepQueue). Writes go through the one write path
 * and each carries its operator and user from the start: an answer that comes late is shown
 * as a note about that person and never changes who is on the desk.
 */
export const useEnrollmentStore = defineStore('enrollment', () => {
  const session = useSessionStore()
  const writes = usePhotoWritesStore()
  const steps = new StepQueue()
  const pendingSteps = ref<StepKind[]>([])
  steps.subscribe(() => (pendingSteps.value = steps.pending))

  const lookup = shallowRef<DeskLookup>({ state: 'empty' })
  const user = computed(() => (lookup.value.state === 'found' ? lookup.value.user : null))
  const finding = computed(() => lookup.value.state === 'finding')
  const findError = computed(() => (lookup.value.state === 'failed' ? lookup.value.error : null))

  const source = shallowRef<ImageBitmap | null>(null)
  const sourceKind = ref<'camera' | 'file' | null>(null)
  const crop = ref<Crop | null>(null)
  const prepared = shallowRef<PreparedPhoto | null>(null)
  const preparing = ref(false)
  const prepareError = ref<unknown>(null)
  /** The live checks when the picture was taken (checksForLog lines), for the session log. */
  const pictureChecks = ref<string[] | null>(null)
  /** The face-aware crop of the picture: still looking, and what it found. */
  const findingFace = ref(false)
  const faceCropResult = shallowRef<FaceCropResult | null>(null)
  /** A save waiting for something before it can go ('face': the face-aware crop). */
  const saveWaitsFor = ref<'face' | 'photo' | null>(null)

  /** Desk writes by id; `sendingPicture` is the one of the picture on the desk, if any. */
  const deskWrites = new Map<string, DeskWrite>()
  const sendingPicture = ref<string | null>(null)
  const saveError = ref<unknown>(null)
  /** The refused write of the picture on the desk: Try again sends it again. */
  const refusedWrite = ref<string | null>(null)
  const outcome = shallowRef<Outcome | null>(null)
  const undoEntries = ref<UndoEntry[]>([])

  /** "Also enroll as Visual Face" for the next save, and how the last one went (per user). */
  const visualFaceWanted = ref(false)
  const visualFaceOf = shallowRef<{ userId: string; state: VisualFaceState } | null>(null)
  const visualFace = computed<VisualFaceState>(() =>
    visualFaceOf.value && visualFaceOf.value.userId === user.value?.userId
      ? visualFaceOf.value.state
      : { kind: 'idle' },
  )

  const saving = computed(() => sendingPicture.value !== null)
  const canSave = computed(() => !!user.value && !!source.value && !saving.value)
  const undoEntry = computed(() => {
    const who = user.value
    const me = session.operator?.loginId
    return undoEntries.value.find((e) => e.userId === who?.userId && e.operator === me) ?? null
  })
  const busyUser = computed(() =>
    writes.mine.some(
      (s) =>
        s.userId === user.value?.userId &&
        deskWrites.has(s.id) &&
        (s.state === 'queued' || s.state === 'sending'),
    ),
  )
  const canUndo = computed(() => !!undoEntry.value && !busyUser.value)
  /** The picture on the desk was refused: Try again sends it again. */
  const canRetry = computed(() => refusedWrite.value !== null && source.value !== null)

  // One worker for the desk, kept for the session: starting it costs more than a prepare.
  const preparer = new DeskPreparer()

  // --- who is on the desk ------------------------------------------------------------------

  /** Loads a user by a checked id. The previous person (and their picture) leaves at once. */
  function find(userId: string): Promise<boolean> {
    return steps
      .run('find', async (signal) => {
        discardPicture()
        saveError.value = null
        outcome.value = null
        // Undo belongs to the person on the desk: loading another one lets it go.
        undoEntries.value = undoEntries.value.filter((e) => e.userId === userId)
        lookup.value = { state: 'finding', userId }
        try {
          const found = await getUser(userId, { signal })
          lookup.value = { state: 'found', user: found }
          useDirectoryStore().upsert(found)
          return true
        } catch (error) {
          // Replaced by a newer lookup: that one owns the desk now.
          if (!signal.aborted) lookup.value = { state: 'failed', userId, error }
          return false
        }
      })
      .then((found) => found === true)
  }

  // --- the picture -------------------------------------------------------------------------

  function discardPicture() {
    prepareToken++
    source.value?.close()
    source.value = null
    sourceKind.value = null
    crop.value = null
    prepared.value = null
    prepareError.value = null
    preparing.value = false
    pictureChecks.value = null
    findingFace.value = false
    faceCropResult.value = null
    faceCropping = null
    sendingPicture.value = null
    refusedWrite.value = null
  }

  /** Space: a frame from the camera, cropped by the live guide's face or found in the frame. */
  function capture(camera: CameraPort): Promise<boolean> {
    return steps
      .run('capture', async () => {
        if (!user.value || source.value) return false
        if (!(await camera.ready()) || !user.value || source.value) return false
        const frame = await camera.grab()
        if (!frame) return false
        if (!user.value || source.value) {
          frame.close()
          return false
        }
        const live = camera.liveCrop(frame.width, frame.height)
        const checks = camera.checks()
        startPicture(frame, 'camera', live?.crop)
        pictureChecks.value = checks.length ? checks : null
        faceCropResult.value = live
        if (!live) cropToFace(frame)
        await prepare()
        return true
      })
      .then((done) => done === true)
  }

  /** A decoded file (chosen, dropped or pasted): its face is looked for, then the JPEG made. */
  function usePicture(bitmap: ImageBitmap): Promise<boolean> {
    return steps
      .run('file', async () => {
        if (!user.value) {
          bitmap.close()
          return false
        }
        startPicture(bitmap, 'file')
        cropToFace(bitmap)
        await prepare()
        return true
      })
      .then((done) => done === true)
  }

  function startPicture(bitmap: ImageBitmap, kind: 'camera' | 'file', focus?: Crop) {
    discardPicture()
    source.value = bitmap
    sourceKind.value = kind
    saveError.value = null
    outcome.value = null
    crop.value =
      focus ?? initialCrop(bitmap.width, bitmap.height, useSettingsStore().settings.aspect)
  }

  /** Esc: the picture goes, the person stays. */
  function retake(): Promise<void> {
    return steps.run('retake', async () => discardPicture()).then(() => undefined)
  }

  function setCrop(next: Crop) {
    crop.value = next
    void prepare()
  }

  let faceCropping: Promise<void> | null = null

  /** Looks for the face in a new picture and moves the crop to it, unless the clerk already did. */
  function cropToFace(bitmap: ImageBitmap) {
    const { settings } = useSettingsStore()
    if (!settings.faceGuide) return
    const untouched = crop.value
    findingFace.value = true
    const work = (async () => {
      const result = await safeAutoCrop(getFaceDetector, bitmap, settings.aspect, {
        timeoutMs: FACE_CROP_WAIT_MS,
      })
      if (source.value !== bitmap) return
      faceCropResult.value = result
      if (result && result.reason !== 'no-face' && crop.value === untouched) {
        crop.value = result.crop
        await prepare()
      }
    })().finally(() => {
      if (source.value === bitmap) findingFace.value = false
      if (faceCropping === work) faceCropping = null
    })
    faceCropping = work
  }

  // Crop drags fire many times a second and each encode takes tens of ms: run one at a time
  // and, when more changes arrived meanwhile, once more with the latest crop.
  let running: Promise<void> | null = null
  let again = false
  let prepareToken = 0

  function prepare(): Promise<void> {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      do {
        again = false
        await prepareOnce()
      } while (again)
    })().finally(() => (running = null))
    return running
  }

  async function prepareOnce() {
    const bitmap = source.value
    const area = crop.value
    if (!bitmap || !area) return
    const token = ++prepareToken
    preparing.value = true
    prepareError.value = null
    try {
      const { settings } = useSettingsStore()
      const result = await preparer.prepare(bitmap, area, {
        aspect: area.width / area.height,
        maxSide: settings.maxSide,
        maxBytes: settings.maxBytes,
      })
      if (token === prepareToken) prepared.value = result
    } catch (error) {
      if (token === prepareToken) {
        prepared.value = null
        prepareError.value = error
      }
    } finally {
      if (token === prepareToken) preparing.value = false
    }
  }

  // --- writes ------------------------------------------------------------------------------

  /**
   * Enter: sends the picture on the desk for the person on the desk. It waits for the face-aware
   * crop (up to FACE_CROP_WAIT_MS) and the JPEG first; once sent, the desk is free for the next
   * person. A double press sends one write.
   */
  function save(): Promise<boolean> {
    return steps
      .run('save', async () => {
        const who = user.value
        const bitmap = source.value
        if (!who || !bitmap || saving.value) return false
        if (faceCropping) {
          saveWaitsFor.value = 'face'
          await faceCropping
        }
        saveWaitsFor.value = 'photo'
        await running
        saveWaitsFor.value = null
        const photo = prepared.value
        const owner = writes.me
        if (!photo || !owner || user.value !== who || source.value !== bitmap) return false
        // The Visual Face is the same crop of the original picture at high resolution (not the
        // 16 KB JPEG): rendered now, while the picture is still open.
        let visual: DeskWrite['visual'] = null
        if (visualFaceWanted.value && crop.value)
          visual = await renderVisualFace(bitmap, crop.value).catch((error: unknown) => ({ error }))
        const handle = writes.submit({
          userId: who.userId,
          name: who.name,
          kind: 'save',
          photo: { blob: photo.blob },
          bytes: photo.bytes,
          owner,
          durable: true,
          checks: pictureChecks.value ?? undefined,
        })
        track({
          id: handle.id,
          kind: 'save',
          user: who,
          operator: owner.loginId,
          bytes: photo.bytes,
        })
        deskWrites.get(handle.id)!.picture = bitmap
        deskWrites.get(handle.id)!.visual = visual
        sendingPicture.value = handle.id
        saveError.value = null
        refusedWrite.value = null
        visualFaceOf.value = visual ? { userId: who.userId, state: { kind: 'idle' } } : null
        return true
      })
      .then((done) => done === true)
      .finally(() => (saveWaitsFor.value = null))
  }

  /** PUT photo "" after the clerk confirmed. */
  function remove(): Promise<boolean> {
    return rewrite('remove', null)
  }

  /** Puts back the photo from before the last save or removal (none: removes again). */
  function undo(): Promise<boolean> {
    const entry = undoEntry.value
    if (!entry) return Promise.resolve(false)
    return rewrite('undo', entry.previousPhoto)
  }

  function rewrite(kind: 'remove' | 'undo', photo: string | null): Promise<boolean> {
    return steps
      .run(kind, async () => {
        const who = user.value
        const owner = writes.me
        if (!who || !owner) return false
        const handle = writes.submit({
          userId: who.userId,
          name: who.name,
          kind,
          photo: photo === null ? null : { base64: photo },
          owner,
          durable: true,
        })
        track({ id: handle.id, kind, user: who, operator: owner.loginId })
        saveError.value = null
        return true
      })
      .then((done) => done === true)
  }

  /** "Try again" for the refused photo still on the desk. */
  function retrySave(): boolean {
    const id = refusedWrite.value
    if (!id || !writes.retry(id)) return false
    refusedWrite.value = null
    saveError.value = null
    sendingPicture.value = id
    return true
  }

  function track(write: Omit<DeskWrite, 'seen'>) {
    deskWrites.set(write.id, { ...write, seen: null })
  }

  // Every change of a desk write is applied here, to the person it was made for.
  watch(
    () => writes.all,
    (all) => {
      for (const status of all) {
        const write = deskWrites.get(status.id)
        if (!write || write.seen === status.state) continue
        write.seen = status.state
        settle(write, status)
      }
    },
  )

  function settle(write: DeskWrite, status: WriteStatus) {
    const onDesk = user.value?.userId === write.user.userId
    const pictureOnDesk = !!write.picture && source.value === write.picture
    if (status.state === 'stored') {
      const photo = writes.sentPhoto(status.id) || null
      const after = { ...write.user, photo, hasPhoto: photo !== null }
      if (onDesk && user.value)
        lookup.value = { state: 'found', user: { ...user.value, photo, hasPhoto: photo !== null } }
      useDirectoryStore().upsert(after)
      // Undo is offered for the person on the desk only (an answer for someone else is a note).
      undoEntries.value = undoEntries.value.filter((e) => e.userId !== write.user.userId)
      if (onDesk && write.kind !== 'undo')
        undoEntries.value.push({
          userId: write.user.userId,
          operator: write.operator,
          previousPhoto: write.user.photo,
        })
      outcome.value =
        write.kind === 'save'
          ? { kind: 'saved', user: after, bytes: write.bytes ?? 0 }
          : { kind: write.kind === 'remove' ? 'removed' : 'undone', user: after }
      if (pictureOnDesk) discardPicture()
      if (sendingPicture.value === status.id) sendingPicture.value = null
      if (write.visual) void sendVisualFace(write)
      forget(write)
    } else if (status.state === 'waiting') {
      // Safe on this device and sent by itself: the desk moves on.
      outcome.value = { kind: 'pending', user: write.user, error: status.error }
      if (pictureOnDesk) discardPicture()
      if (sendingPicture.value === status.id) sendingPicture.value = null
      if (write.visual)
        visualFaceOf.value = {
          userId: write.user.userId,
          state: { kind: 'failed', error: status.error },
        }
    } else if (status.state === 'refused') {
      if (sendingPicture.value === status.id) sendingPicture.value = null
      if (pictureOnDesk) {
        saveError.value = status.error
        refusedWrite.value = status.id
      } else if (onDesk && write.kind !== 'save') saveError.value = status.error
    } else if (
      status.state === 'superseded' ||
      status.state === 'aborted' ||
      status.state === 'discarded'
    ) {
      if (sendingPicture.value === status.id) sendingPicture.value = null
      if (status.state === 'superseded') outcome.value = { kind: 'superseded', user: write.user }
      forget(write)
    }
  }

  /** A final desk write: the desk keeps nothing of it but the outcome and undo. */
  function forget(write: DeskWrite) {
    deskWrites.delete(write.id)
  }

  /** upload_picture, then attach BioStar's normalised image to the user (biostar-api.md 6). */
  async function sendVisualFace(write: DeskWrite) {
    const visual = write.visual
    const userId = write.user.userId
    if (!visual) return
    if ('error' in visual) {
      visualFaceOf.value = { userId, state: { kind: 'failed', error: visual.error } }
      return
    }
    const owner = writes.me
    if (!owner || owner.loginId !== write.operator) return
    visualFaceOf.value = { userId, state: { kind: 'saving' } }
    const outcome = await writes.submit({
      userId,
      name: write.user.name,
      kind: 'visual-face',
      photo: { base64: visual.base64 },
      bytes: visual.bytes,
      owner,
      durable: false,
    }).done
    const checked = outcome.result as { image?: string } | undefined
    visualFaceOf.value = {
      userId,
      state:
        outcome.state === 'stored' && checked?.image
          ? { kind: 'saved', image: checked.image }
          : { kind: 'failed', error: outcome.error },
    }
  }

  /** Empties the desk (sign-out, kiosk reset). Writes on their way go on, under their operator. */
  function clear() {
    steps.clear()
    discardPicture()
    lookup.value = { state: 'empty' }
    outcome.value = null
    saveError.value = null
    visualFaceOf.value = null
  }

  session.onSignOut(() => {
    clear()
    undoEntries.value = []
    deskWrites.clear()
  })

  return {
    lookup,
    user,
    finding,
    findError,
    source,
    sourceKind,
    crop,
    prepared,
    preparing,
    prepareError,
    pictureChecks,
    findingFace,
    faceCropResult,
    saveWaitsFor,
    saving,
    saveError,
    outcome,
    undoEntry,
    visualFaceWanted,
    visualFace,
    canSave,
    canUndo,
    canRetry,
    pendingSteps,
    find,
    capture,
    usePicture,
    retake,
    setCrop,
    discardPicture,
    save,
    retrySave,
    remove,
    undo,
    clear,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useEnrollmentStore, import.meta.hot))
