import { nextTick, onMounted, ref, type Ref } from 'vue'
import { useRoute } from 'vue-router'
import type { CameraPort } from '@/desk/types.ts'
import { useEnrollmentStore } from '@/stores/enrollment.ts'
import { useSettingsStore } from '@/stores/settings.ts'
import { useDeskKeys } from './useDeskKeys.ts'
import { usePhotoIntake } from './usePhotoIntake.ts'

/** The desk's parts the flow moves the focus between (their exposed methods). */
export interface DeskParts {
  lookup: Readonly<Ref<LookupPart | null>>
  photo: Readonly<Ref<PhotoPart | null>>
  actions: Readonly<Ref<ActionsPart | null>>
}
interface LookupPart {
  focus(): void
  owns(target: EventTarget | null): boolean
  typeFromElsewhere(key: string): void
}
interface PhotoPart {
  port: CameraPort
  focus(): void
  hasFocus(): boolean
}
interface ActionsPart {
  focusSave(): void
  focusCapture(): void
}

/**
 * The clerk's actions on the desk, forwarded to the enrollment store, and where the focus goes
 * after each, so the keyboard flow (ID + Enter, Space, Enter) never needs the mouse. A lookup
 * asked for while a new picture is unsaved waits for the clerk's answer (`askingToFind`).
 */
export function useDeskFlow({ lookup, photo, actions }: DeskParts) {
  const desk = useEnrollmentStore()
  const settings = () => useSettingsStore().settings
  const intakeError = ref('')
  const askingToFind = ref<string | null>(null)
  /** Touch screens: no focus on the ID field after a save (a phone would open its keyboard). */
  const touch = globalThis.matchMedia?.('(pointer: coarse)').matches ?? false
  /** Focus moves after a step only when the clerk has asked for nothing since. */
  const idle = () => desk.pendingSteps.length === 0

  /** Off the text field at once, so Space captures and Enter saves even before the card shows. */
  async function find(userId: string) {
    if (desk.unsavedPicture && userId !== desk.user?.userId) {
      askingToFind.value = userId
      return
    }
    intakeError.value = ''
    photo.value?.focus()
    await desk.find(userId)
  }

  function findAnyway() {
    const userId = askingToFind.value
    askingToFind.value = null
    if (userId === null) return
    desk.discardPicture()
    void find(userId)
  }

  function keepPicture() {
    askingToFind.value = null
    void nextTick(() => actions.value?.focusSave())
  }

  async function capture() {
    if (!photo.value) return
    if ((await desk.capture(photo.value.port)) && idle() && photo.value.hasFocus()) {
      await nextTick()
      actions.value?.focusSave()
    }
  }

  async function retake() {
    await desk.retake()
    await nextTick()
    actions.value?.focusCapture()
  }

  async function saveAnyway() {
    if ((await desk.saveAnyway()) && idle()) lookup.value?.focus()
  }

  async function save() {
    if (!(await desk.save()) || !idle()) return
    await nextTick()
    // Ready for the next ID, unless the clerk is already typing it. On touch the focus leaves the
    // Save button without opening the keyboard (and without scrolling the page).
    if (touch) (document.activeElement as HTMLElement | null)?.blur()
    else if (!lookup.value?.owns(document.activeElement)) lookup.value?.focus()
  }

  const intake = usePhotoIntake({
    async onPicture(bitmap) {
      intakeError.value = ''
      if ((await desk.usePicture(bitmap)) && idle()) {
        await nextTick()
        actions.value?.focusSave()
      }
    },
    onRefused(message) {
      intakeError.value = message
    },
  })
  const useFile = (file: File) => void intake.accept(file)

  useDeskKeys({
    capture: () => void capture(),
    save: () => void save(),
    retake: () => void desk.retake(),
    undo: () => {
      if (!settings().kiosk && desk.canUndo) void desk.undo()
    },
    paste: useFile,
    isLookupField: (target) => !!lookup.value?.owns(target),
    typeInLookup: (key) => lookup.value?.typeFromElsewhere(key),
  })

  // "Open on the desk" from the photo review: /?user=<id> looks the person up.
  const route = useRoute()
  onMounted(() => {
    const userId = route.query.user
    if (typeof userId === 'string' && userId) void find(userId)
  })

  return {
    touch,
    intakeError,
    askingToFind,
    find,
    findAnyway,
    keepPicture,
    capture,
    retake,
    save,
    saveAnyway,
    useFile,
  }
}
