import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { getUser, removePhoto, updatePhoto } from '@/api/users.ts'
import type { UserDetail } from '@/api/types.ts'
import { initialCrop, type Crop, type PreparedPhoto } from '@/photo/index.ts'
import { DeskPreparer } from '@/workers/photo-workers.ts'
import { useSettingsStore } from './settings.ts'
import { useSessionStore } from './session.ts'
import { usePendingStore } from './pending.ts'
import { useSessionLogStore } from './session-log.ts'
import { ApiError } from '@/api/errors.ts'
import { enrollVisualFace } from '@/api/faces.ts'
import { renderVisualFace, type VisualFacePicture, type VisualFaceState } from '@/face/index.ts'

export type Outcome =
  | { kind: 'saved'; user: UserDetail; bytes: number }
  | { kind: 'removed'; user: UserDetail }
  | { kind: 'undone'; user: UserDetail }
  | { kind: 'pending'; user: UserDetail; bytes: number }

/** What Undo puts back: the photo the user had before the last save or removal. */
interface UndoEntry {
  userId: string
  previousPhoto: string | null
  action: 'saved' | 'removed'
}

/**
 * One person at the desk: who, the picture taken or picked, its device-safe JPEG, and the
 * save / remove / undo that follow. The picture survives a failed save so nothing is lost.
 */
export const useEnrollmentStore = defineStore('enrollment', () => {
  const user = ref<UserDetail | null>(null)
  const finding = ref(false)
  const findError = ref<unknown>(null)

  const source = shallowRef<ImageBitmap | null>(null)
  const sourceKind = ref<'camera' | 'file' | null>(null)
  const crop = ref<Crop | null>(null)
  const prepared = shallowRef<PreparedPhoto | null>(null)
  const preparing = ref(false)
  const prepareError = ref<unknown>(null)

  const saving = ref(false)
  const saveError = ref<unknown>(null)
  const outcome = ref<Outcome | null>(null)
  const undoEntry = ref<UndoEntry | null>(null)

  /** "Also enroll as Visual Face" for the next save, and how the last one went. */
  const visualFaceWanted = ref(false)
  const visualFace = shallowRef<VisualFaceState>({ kind: 'idle' })
  /** The live checks when the picture was taken (checksForLog lines), for the session log. */
  const pictureChecks = ref<string[] | null>(null)
  const log = useSessionLogStore()

  const canSave = computed(
    () => !!user.value && !!prepared.value && !saving.value && !preparing.value,
  )
  const canUndo = computed(
    () => !!undoEntry.value && undoEntry.value.userId === user.value?.userId && !saving.value,
  )

  // One worker for the desk, kept for the session: starting it costs more than a prepare.
  const preparer = new DeskPreparer()
  let findToken = 0
  let prepareToken = 0

  /** Loads a user by a checked id. Undo history belongs to the previous person and goes. */
  async function findUser(userId: string): Promise<boolean> {
    const token = ++findToken
    finding.value = true
    findError.value = null
    try {
      const found = await getUser(userId)
      if (token !== findToken) return false
      user.value = found
      undoEntry.value = null
      outcome.value = null
      saveError.value = null
      visualFace.value = { kind: 'idle' }
      discardPicture()
      return true
    } catch (error) {
      if (token === findToken) findError.value = error
      return false
    } finally {
      if (token === findToken) finding.value = false
    }
  }

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
  }

  /** A new picture (captured frame or decoded file): centred crop, then the device JPEG. */
  async function setPicture(bitmap: ImageBitmap, kind: 'camera' | 'file', focus?: Crop) {
    discardPicture()
    source.value = bitmap
    sourceKind.value = kind
    saveError.value = null
    outcome.value = null
    visualFace.value = { kind: 'idle' }
    const { aspect } = useSettingsStore().settings
    crop.value = focus ?? initialCrop(bitmap.width, bitmap.height, aspect)
    await prepare()
  }

  async function setCrop(next: Crop) {
    crop.value = next
    await prepare()
  }

  // Crop drags fire many times a second and each encode takes tens of ms: run one at a time
  // and, when more changes arrived meanwhile, once more with the latest crop.
  let running: Promise<void> | null = null
  let again = false

  async function prepare(): Promise<void> {
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

  /** PUT the prepared photo. A double click sends one request: `saving` guards re-entry. */
  async function save(): Promise<boolean> {
    const who = user.value
    const photo = prepared.value
    if (!who || !photo || saving.value) return false
    saving.value = true
    saveError.value = null
    visualFace.value = { kind: 'idle' }
    // The Visual Face is the same crop of the original picture at high resolution (not the
    // 16 KB JPEG); render it now, while the picture is still open.
    let visual: VisualFacePicture | { error: unknown } | null = null
    if (visualFaceWanted.value && source.value && crop.value) {
      visual = await renderVisualFace(source.value, crop.value).catch((error: unknown) => ({
        error,
      }))
    }
    try {
      await updatePhoto(who.userId, photo.base64)
      const previous = who.photo
      user.value = { ...who, photo: photo.base64, hasPhoto: true }
      undoEntry.value = { userId: who.userId, previousPhoto: previous, action: 'saved' }
      outcome.value = { kind: 'saved', user: user.value, bytes: photo.bytes }
      log.record({
        action: 'save',
        result: 'ok',
        userId: who.userId,
        name: who.name,
        bytes: photo.bytes,
        checks: pictureChecks.value ?? undefined,
      })
      discardPicture()
      // Then the Visual Face. Its failure is shown and never undoes the profile photo.
      if (visual) await saveVisualFace(who.userId, visual)
      return true
    } catch (error) {
      // No network at all (a tablet out of Wi-Fi): keep the photo on the device and move on.
      if (error instanceof ApiError && error.kind === 'offline') {
        if (visual) visualFace.value = { kind: 'failed', error }
        await usePendingStore().add({
          userId: who.userId,
          name: who.name,
          base64: photo.base64,
          bytes: photo.bytes,
        })
        outcome.value = { kind: 'pending', user: who, bytes: photo.bytes }
        log.record({
          action: 'save',
          result: 'pending',
          userId: who.userId,
          name: who.name,
          bytes: photo.bytes,
          checks: pictureChecks.value ?? undefined,
        })
        discardPicture()
        return true
      }
      saveError.value = error
      log.record({
        action: 'save',
        result: 'failed',
        userId: who.userId,
        name: who.name,
        bytes: photo.bytes,
        checks: pictureChecks.value ?? undefined,
        error,
      })
      return false
    } finally {
      saving.value = false
    }
  }

  /** upload_picture, then attach BioStar's normalised image to the user (biostar-api.md 6). */
  async function saveVisualFace(userId: string, visual: VisualFacePicture | { error: unknown }) {
    if ('error' in visual) {
      visualFace.value = { kind: 'failed', error: visual.error }
      return
    }
    visualFace.value = { kind: 'saving' }
    try {
      const checked = await enrollVisualFace(userId, visual.base64)
      visualFace.value = { kind: 'saved', image: checked.image }
    } catch (error) {
      visualFace.value = { kind: 'failed', error }
    }
  }

  /**
   * Replaces the stored photo outside a save (removal, undo): one request at a time, the error
   * kept for the clerk, the result logged. `photo` null removes.
   */
  async function rewrite(
    action: 'remove' | 'undo',
    photo: string | null,
    done: (who: UserDetail) => void,
  ): Promise<boolean> {
    const who = user.value
    if (!who || saving.value) return false
    saving.value = true
    saveError.value = null
    try {
      if (photo) await updatePhoto(who.userId, photo)
      else await removePhoto(who.userId)
      user.value = { ...who, photo, hasPhoto: photo !== null }
      done(who)
      log.record({ action, result: 'ok', userId: who.userId, name: who.name })
      return true
    } catch (error) {
      saveError.value = error
      log.record({ action, result: 'failed', userId: who.userId, name: who.name, error })
      return false
    } finally {
      saving.value = false
    }
  }

  /** PUT photo "" after the clerk confirmed. */
  function remove(): Promise<boolean> {
    return rewrite('remove', null, (who) => {
      undoEntry.value = { userId: who.userId, previousPhoto: who.photo, action: 'removed' }
      outcome.value = { kind: 'removed', user: user.value! }
    })
  }

  /** Puts back the photo from before the last save or removal (none: removes again). */
  async function undo(): Promise<boolean> {
    const entry = undoEntry.value
    if (!entry || entry.userId !== user.value?.userId) return false
    return rewrite('undo', entry.previousPhoto, () => {
      undoEntry.value = null
      outcome.value = { kind: 'undone', user: user.value! }
    })
  }

  function clear() {
    findToken++
    discardPicture()
    user.value = null
    undoEntry.value = null
    outcome.value = null
    findError.value = null
    saveError.value = null
    finding.value = false
    visualFace.value = { kind: 'idle' }
  }

  useSessionStore().onSignOut(clear)

  return {
    user,
    finding,
    findError,
    source,
    sourceKind,
    crop,
    prepared,
    preparing,
    prepareError,
    saving,
    saveError,
    outcome,
    undoEntry,
    visualFaceWanted,
    visualFace,
    pictureChecks,
    canSave,
    canUndo,
    findUser,
    setPicture,
    setCrop,
    discardPicture,
    save,
    remove,
    undo,
    clear,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useEnrollmentStore, import.meta.hot))
