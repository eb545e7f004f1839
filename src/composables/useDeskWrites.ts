import { computed, ref, shallowRef, watch } from 'vue'
import type { UserDetail } from '@/api/types.ts'
import type { VisualFacePicture, VisualFaceState } from '@/face/index.ts'
import type { PreparedPhoto } from '@/photo/index.ts'
import { useDirectoryStore } from '@/stores/directory.ts'
import { usePhotoWritesStore } from '@/stores/photo-writes.ts'
import { useSessionStore } from '@/stores/session.ts'
import type { WriteStatus } from '@/writes/types.ts'

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
  /** The person as they were when the write was made. */
  user: UserDetail
  operator: string
  bytes?: number
  /** The picture it was made from (a save), let go once BioStar has the photo. */
  picture?: ImageBitmap
  visual?: VisualFacePicture | { error: unknown } | null
  seen: WriteStatus['state'] | null
}

export interface DeskWritesOptions {
  /** Who is on the desk now. */
  person(): UserDetail | null
  /** The picture on the desk now. */
  picture(): ImageBitmap | null
  /** The picture on the desk goes: BioStar has it, or it is safe on this device. */
  releasePicture(): void
  /** BioStar has a new photo of the person on the desk. */
  photoChanged(photo: string | null): void
}

/**
 * The desk's writes through the one write path, each made with its person and operator: what
 * happens to one is applied to that person (a note when someone else is on the desk by then),
 * never to whoever is on the desk when the answer comes. Undo, "Try again" for a refused
 * picture and the Visual Face that follows a save are here too.
 */
export function useDeskWrites(options: DeskWritesOptions) {
  const writes = usePhotoWritesStore()
  const session = useSessionStore()
  const made = new Map<string, DeskWrite>()
  /** The write of the picture on the desk while it is on its way. */
  const sendingPicture = ref<string | null>(null)
  const saveError = ref<unknown>(null)
  /** The refused write of the picture on the desk: Try again sends it again. */
  const refusedPicture = ref<string | null>(null)
  const outcome = shallowRef<Outcome | null>(null)
  const undoEntries = ref<UndoEntry[]>([])
  const visualFaceOf = shallowRef<{ userId: string; state: VisualFaceState } | null>(null)

  const saving = computed(() => sendingPicture.value !== null)
  const undoEntry = computed(() => {
    const who = options.person()
    const me = session.operator?.loginId
    return undoEntries.value.find((e) => e.userId === who?.userId && e.operator === me) ?? null
  })
  /** A write of the person on the desk is on its way: Undo waits for it. */
  const busy = computed(() =>
    writes.mine.some(
      (s) =>
        s.userId === options.person()?.userId &&
        made.has(s.id) &&
        (s.state === 'queued' || s.state === 'sending'),
    ),
  )
  const canUndo = computed(() => !!undoEntry.value && !busy.value)
  const canRetry = computed(() => refusedPicture.value !== null && options.picture() !== null)
  const visualFace = computed<VisualFaceState>(() =>
    visualFaceOf.value && visualFaceOf.value.userId === options.person()?.userId
      ? visualFaceOf.value.state
      : { kind: 'idle' },
  )

  /** Sends a picture's JPEG for `who`; false when nobody is signed in. */
  function save(
    who: UserDetail,
    photo: PreparedPhoto,
    picture: ImageBitmap,
    extra: { checks?: string[]; visual?: DeskWrite['visual'] },
  ): boolean {
    const owner = writes.me
    if (!owner) return false
    const { id } = writes.submit({
      userId: who.userId,
      name: who.name,
      kind: 'save',
      photo: { blob: photo.blob },
      bytes: photo.bytes,
      owner,
      durable: true,
      checks: extra.checks,
    })
    made.set(id, {
      id,
      kind: 'save',
      user: who,
      operator: owner.loginId,
      bytes: photo.bytes,
      picture,
      visual: extra.visual ?? null,
      seen: null,
    })
    sendingPicture.value = id
    saveError.value = null
    refusedPicture.value = null
    visualFaceOf.value = extra.visual ? { userId: who.userId, state: { kind: 'idle' } } : null
    return true
  }

  /** Removes the photo (null) or puts an old one back (Undo). */
  function rewrite(kind: 'remove' | 'undo', who: UserDetail, photo: string | null): boolean {
    const owner = writes.me
    if (!owner) return false
    const { id } = writes.submit({
      userId: who.userId,
      name: who.name,
      kind,
      photo: photo === null ? null : { base64: photo },
      owner,
      durable: true,
    })
    made.set(id, { id, kind, user: who, operator: owner.loginId, seen: null })
    saveError.value = null
    return true
  }

  /** "Try again" for the refused picture still on the desk. */
  function retry(): boolean {
    const id = refusedPicture.value
    if (!id || !writes.retry(id)) return false
    refusedPicture.value = null
    saveError.value = null
    sendingPicture.value = id
    return true
  }

  // Every change of a desk write is applied here, to the person it was made for.
  watch(
    () => writes.all,
    (all) => {
      for (const status of all) {
        const write = made.get(status.id)
        if (!write || write.seen === status.state) continue
        write.seen = status.state
        settle(write, status)
      }
    },
  )

  function settle(write: DeskWrite, status: WriteStatus) {
    const onDesk = options.person()?.userId === write.user.userId
    const pictureOnDesk = !!write.picture && options.picture() === write.picture
    const onItsWay = status.state === 'queued' || status.state === 'sending'
    if (sendingPicture.value === status.id && !onItsWay) sendingPicture.value = null
    if (status.state === 'stored') {
      const photo = writes.sentPhoto(status.id) || null
      const after = { ...write.user, photo, hasPhoto: photo !== null }
      if (onDesk) options.photoChanged(photo)
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
      if (pictureOnDesk) options.releasePicture()
      if (write.visual) void sendVisualFace(write)
      made.delete(write.id)
    } else if (status.state === 'waiting') {
      // Safe on this device and sent by itself: the desk moves on.
      outcome.value = { kind: 'pending', user: write.user, error: status.error }
      if (pictureOnDesk) options.releasePicture()
      if (write.visual)
        visualFaceOf.value = {
          userId: write.user.userId,
          state: { kind: 'failed', error: status.error },
        }
    } else if (status.state === 'refused') {
      if (pictureOnDesk) {
        saveError.value = status.error
        refusedPicture.value = status.id
      } else if (onDesk && write.kind !== 'save') saveError.value = status.error
    } else if (!onItsWay) {
      if (status.state === 'superseded') outcome.value = { kind: 'superseded', user: write.user }
      made.delete(write.id)
    }
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
    const result = await writes.submit({
      userId,
      name: write.user.name,
      kind: 'visual-face',
      photo: { base64: visual.base64 },
      bytes: visual.bytes,
      owner,
      durable: false,
    }).done
    const checked = result.result as { image?: string } | undefined
    visualFaceOf.value = {
      userId,
      state:
        result.state === 'stored' && checked?.image
          ? { kind: 'saved', image: checked.image }
          : { kind: 'failed', error: result.error },
    }
  }

  /** Another person comes to the desk: what was said and offered about the last one goes. */
  function nextPerson(userId: string | null) {
    outcome.value = null
    saveError.value = null
    undoEntries.value = undoEntries.value.filter((e) => e.userId === userId)
    if (userId === null) visualFaceOf.value = null
  }

  /** The picture on the desk went (retake, new picture): its refusal and "saving" go with it. */
  function pictureGone() {
    sendingPicture.value = null
    refusedPicture.value = null
  }

  /** Sign-out: the desk forgets the writes it made (they end under their own operator). */
  function forgetAll() {
    made.clear()
    undoEntries.value = []
  }

  return {
    saving,
    saveError,
    outcome,
    undoEntry,
    canUndo,
    canRetry,
    visualFace,
    save,
    rewrite,
    retry,
    nextPerson,
    pictureGone,
    forgetAll,
  }
}
