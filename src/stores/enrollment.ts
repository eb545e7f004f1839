import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowReactive, watch } from 'vue'
import { SamePersonGate } from '@/desk/same-person.ts'
import { StepQueue, type StepKind } from '@/desk/steps.ts'
import type { CameraPort } from '@/desk/types.ts'
import { renderVisualFace } from '@/face/index.ts'
import { useDeskLookup } from '@/composables/useDeskLookup.ts'
import { useDeskPicture } from '@/composables/useDeskPicture.ts'
import { useDeskWrites } from '@/composables/useDeskWrites.ts'
import { useSamePerson } from '@/composables/useSamePerson.ts'
import { useSessionLogStore } from './session-log.ts'
import { useSettingsStore } from './settings.ts'
import { useSessionStore } from './session.ts'

export { FACE_CROP_WAIT_MS } from '@/composables/useDeskPicture.ts'
export type { Outcome } from '@/composables/useDeskWrites.ts'

/**
 * The enrollment desk's flow: find, capture or file, face crop, prepare, save, remove, undo.
 * Steps run in the order they were asked for (StepQueue), so a key pressed while a lookup or a
 * capture still runs is applied when it is ready. The picture is useDeskPicture's; the writes
 * go through the one write path (useDeskWrites), each with its person and operator from the
 * start, so an answer that comes late never changes who is on the desk.
 */
export const useEnrollmentStore = defineStore('enrollment', () => {
  const session = useSessionStore()
  const settings = () => useSettingsStore().settings
  const steps = new StepQueue()
  const pendingSteps = ref<StepKind[]>([])
  steps.subscribe(() => (pendingSteps.value = steps.pending))

  const onDesk = useDeskLookup()
  const { lookup, user, finding, findError } = onDesk

  const picture = useDeskPicture({ settings, faceGuide: () => settings().faceGuide })
  const { source, prepared } = picture
  const desk = useDeskWrites({
    person: () => user.value,
    picture: () => source.value,
    releasePicture: discardPicture,
    photoChanged: onDesk.photoChanged,
  })
  // Same person? The current photo against the new JPEG; the rule is SamePersonGate's.
  const sameCheckOn = () => settings().samePersonCheck && settings().faceGuide
  const sameCheck = useSamePerson({
    enabled: sameCheckOn,
    currentPhoto: () => user.value?.photo || null,
    newPhoto: () => prepared.value?.blob ?? null,
  })
  const samePerson = new SamePersonGate({
    enabled: sameCheckOn,
    verdict: sameCheck.verdict,
    log: (line) => useSessionLogStore().record(line),
    observe: shallowReactive,
  })
  watch(sameCheck.result, (result) => samePerson.shown(result, user.value))
  /** The verdict shown on the desk: the new picture may show another person. */
  const notSamePerson = computed(() =>
    samePerson.holds(sameCheck.result.value, prepared.value?.blob ?? null),
  )

  /** A save waiting before it can go: for the face-aware crop, then for the JPEG. */
  const saveWaitsFor = ref<'face' | 'photo' | 'person' | null>(null)
  /** "Also enroll as Visual Face" for the next save. */
  const visualFaceWanted = ref(false)
  /** The operator may change photos; servers that do not say are tried (and answer 403). */
  const canWrite = computed(() => session.operator?.canWriteUsers !== false)
  const canSave = computed(
    () => canWrite.value && !!user.value && !!source.value && !desk.saving.value,
  )
  /** A picture on the desk that no save has been asked for: the next lookup would drop it. */
  const unsavedPicture = computed(
    () => !!source.value && !desk.saving.value && !pendingSteps.value.includes('save'),
  )

  /** Loads a user by a checked id. The previous person (and their picture) leaves at once. */
  function find(userId: string): Promise<boolean> {
    return run('find', async (signal) => {
      discardPicture()
      desk.nextPerson(userId)
      return onDesk.load(userId, signal)
    })
  }

  /** The picture goes; the person stays. */
  function discardPicture() {
    samePerson.reset()
    picture.discard()
    desk.pictureGone()
  }

  /** A new picture replaces the last one and what was said about it. */
  function newPicture() {
    discardPicture()
    desk.nextPerson(user.value?.userId ?? null)
  }

  /** Space: a frame from the camera, cropped by the live guide's face or found in the frame. */
  function capture(camera: CameraPort): Promise<boolean> {
    return run('capture', async () => {
      if (!canWrite.value || !user.value || source.value) return false
      if (!(await camera.ready()) || !user.value || source.value) return false
      const frame = await camera.grab()
      if (!frame) return false
      if (!user.value || source.value) {
        frame.close()
        return false
      }
      // The live guide's face in this very video: the crop is ready at once.
      const seen = camera.liveCrop(frame.width, frame.height)
      const live = seen && seen.reason !== 'no-face' ? seen : null
      const checks = camera.checks()
      newPicture()
      const preparing = picture.start(frame, 'camera', live?.crop)
      picture.checks.value = checks.length ? checks : null
      picture.faceCropResult.value = live
      // No face seen live (none, or too small for the live guide's small frames): the full
      // picture is searched, and a save waits for it.
      if (!live) picture.findFace(frame)
      await preparing
      return true
    })
  }

  /** A decoded file (chosen, dropped or pasted): its face is looked for, then the JPEG made. */
  function usePicture(bitmap: ImageBitmap): Promise<boolean> {
    return run('file', async () => {
      if (!canWrite.value || !user.value) {
        bitmap.close()
        return false
      }
      newPicture()
      const preparing = picture.start(bitmap, 'file')
      picture.findFace(bitmap)
      await preparing
      return true
    })
  }

  /**
   * "Make device-safe": the current photo, decoded and framed as it is, made into the desk's JPEG
   * (baseline, within the budget) and saved like any picture, so Undo puts the original back.
   */
  async function makeDeviceSafe(): Promise<boolean> {
    const who = user.value
    const ready = await run('file', async () => {
      if (!canWrite.value || !who?.photo || user.value !== who || source.value) return false
      const bitmap = await picture.decodeStored(who.photo)
      if (!bitmap) return false
      if (user.value !== who || source.value) {
        bitmap.close()
        return false
      }
      newPicture()
      await picture.start(bitmap, 'file')
      return true
    })
    return ready && save()
  }

  /** Esc: the picture goes, the person stays. */
  function retake(): Promise<boolean> {
    return run('retake', async () => {
      discardPicture()
      return true
    })
  }

  /**
   * Enter: sends the picture on the desk for the person on the desk. It waits for the face-aware
   * crop (up to FACE_CROP_WAIT_MS) and the JPEG first; once sent, the desk is free for the next
   * person. A double press sends one write.
   */
  function save(): Promise<boolean> {
    return run('save', async () => {
      const who = user.value
      const bitmap = source.value
      if (!who || !bitmap || desk.saving.value) return false
      try {
        if (picture.lookingForFace()) {
          saveWaitsFor.value = 'face'
          await picture.faceDone()
        }
        saveWaitsFor.value = 'photo'
        await picture.ready()
      } finally {
        saveWaitsFor.value = null
      }
      let photo = prepared.value
      if (!photo || user.value !== who || source.value !== bitmap) return false
      if (samePerson.applies(who)) {
        saveWaitsFor.value = 'person'
        const verdict = await samePerson
          .settled(photo.blob)
          .finally(() => (saveWaitsFor.value = null))
        photo = prepared.value
        if (!photo || user.value !== who || source.value !== bitmap) return false
        if (samePerson.holds(verdict, photo.blob)) return false
      }
      // The Visual Face is the same crop of the original picture at high resolution (not the
      // 16 KB JPEG): rendered now, while the picture is still open.
      const area = picture.crop.value
      const visual =
        visualFaceWanted.value && area
          ? await renderVisualFace(bitmap, area).catch((error: unknown) => ({ error }))
          : null
      return desk.save(who, photo, bitmap, { checks: picture.checks.value ?? undefined, visual })
    })
  }

  /** "Save anyway": the clerk checked the user ID after the same-person warning. */
  function saveAnyway(): Promise<boolean> {
    const photo = prepared.value
    if (!photo || !notSamePerson.value) return Promise.resolve(false)
    samePerson.accept(photo.blob)
    return save()
  }

  /** PUT photo "" after the clerk confirmed. */
  function remove(): Promise<boolean> {
    return run('remove', async () => !!user.value && desk.rewrite('remove', user.value, null))
  }

  /** Puts back the photo from before the last save or removal (none: removes again). */
  function undo(): Promise<boolean> {
    return run('undo', async () => {
      const entry = desk.undoEntry.value
      return !!user.value && !!entry && desk.rewrite('undo', user.value, entry.previousPhoto)
    })
  }

  function run(kind: StepKind, step: (signal: AbortSignal) => Promise<boolean>) {
    return steps.run(kind, step).then((done) => done === true)
  }

  /** Empties the desk (sign-out, kiosk reset). Writes on their way go on, under their operator. */
  function clear() {
    steps.clear()
    discardPicture()
    desk.nextPerson(null)
    onDesk.clear()
  }

  session.onSignOut(() => {
    clear()
    desk.forgetAll()
  })

  return {
    lookup,
    user,
    canWrite,
    unsavedPicture,
    finding,
    findError,
    source,
    sourceKind: picture.sourceKind,
    crop: picture.crop,
    prepared,
    preparing: picture.preparing,
    prepareError: picture.prepareError,
    pictureChecks: picture.checks,
    findingFace: picture.findingFace,
    faceCropResult: picture.faceCropResult,
    saveWaitsFor,
    notSamePerson,
    samePerson: sameCheck.result,
    samePersonMs: sameCheck.ms,
    saving: desk.saving,
    saveError: desk.saveError,
    outcome: desk.outcome,
    undoEntry: desk.undoEntry,
    visualFaceWanted,
    visualFace: desk.visualFace,
    canSave,
    canUndo: desk.canUndo,
    canRetry: desk.canRetry,
    pendingSteps,
    find,
    capture,
    usePicture,
    makeDeviceSafe,
    retake,
    setCrop: picture.setCrop,
    discardPicture,
    save,
    saveAnyway,
    retrySave: desk.retry,
    remove,
    undo,
    clear,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useEnrollmentStore, import.meta.hot))
