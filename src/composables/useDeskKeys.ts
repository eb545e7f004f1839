import { onBeforeUnmount, onMounted } from 'vue'

export interface DeskKeysOptions {
  /** Space. */
  capture(): void
  /** Enter. */
  save(): void
  /** Esc. */
  retake(): void
  /** Ctrl+Z (Cmd+Z): the last save or removal of the person on the desk. */
  undo(): void
  /** Ctrl+V / paste of a picture outside a text field. */
  paste(file: File): void
  /** The User ID field: Space there captures (IDs never hold spaces). */
  isLookupField(target: EventTarget | null): boolean
  /** A character typed elsewhere on the desk, for the User ID field. */
  typeInLookup(key: string): void
  /** Shortcuts are off (a dialog is open, the desk is not shown). */
  disabled?(): boolean
  /** Injectable for tests; default window. */
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>
}

const NOT_TEXT = ['button', 'submit', 'checkbox', 'radio', 'range', 'file', 'reset']

export function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el?.tagName) return false
  if (el.isContentEditable) return true
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true
  return el.tagName === 'INPUT' && !NOT_TEXT.includes((el as HTMLInputElement).type)
}

function onControl(target: EventTarget | null): boolean {
  return !!(target as HTMLElement | null)?.closest?.('button, a, summary, [role="option"]')
}

/**
 * The desk's keyboard: Space captures, Enter saves, Esc retakes, Ctrl+Z undoes the last save: each is queued by the store and
 * applied in order, so a key pressed while a lookup or a capture is still running is not lost.
 * A character typed while the focus is elsewhere on the desk goes to the User ID field. Keys in
 * other text fields, on buttons (their own Space and Enter) and in dialogs are left alone.
 */
export function useDeskKeys(options: DeskKeysOptions) {
  const target = options.target ?? window

  function onKeydown(event: KeyboardEvent) {
    if (event.defaultPrevented || event.altKey) return
    if (options.disabled?.() || document.querySelector('dialog[open]')) return
    if (event.ctrlKey || event.metaKey) {
      if (isUndo(event) && !holdsTextToUndo(event.target)) {
        event.preventDefault()
        options.undo()
      }
      return
    }
    const key = event.key
    if (options.isLookupField(event.target)) {
      if (key !== ' ') return
      event.preventDefault()
      options.capture()
      return
    }
    if (inTextField(event.target)) return
    const control = onControl(event.target)
    if (key === ' ' && !control) {
      event.preventDefault()
      options.capture()
    } else if (key === 'Enter' && !control) {
      event.preventDefault()
      options.save()
    } else if (key === 'Escape') {
      event.preventDefault()
      options.retake()
    } else if (key.length === 1 && key !== ' ') {
      event.preventDefault()
      options.typeInLookup(key)
    }
  }

  function isUndo(event: KeyboardEvent) {
    return event.key.toLowerCase() === 'z' && !event.shiftKey
  }

  /**
   * Ctrl+Z in a text field undoes typing there, except in the User ID field while it holds the
   * last ID selected (as after a save, ready to be typed over): nothing typed to undo there.
   */
  function holdsTextToUndo(target: EventTarget | null) {
    if (!inTextField(target)) return false
    if (!options.isLookupField(target)) return true
    const field = target as HTMLInputElement
    return !(
      field.value === '' ||
      (field.selectionStart === 0 && field.selectionEnd === field.value.length)
    )
  }

  function onPaste(event: ClipboardEvent) {
    if (inTextField(event.target)) return
    const file = [...(event.clipboardData?.files ?? [])][0]
    if (!file) return
    event.preventDefault()
    options.paste(file)
  }

  onMounted(() => {
    target.addEventListener('keydown', onKeydown as EventListener)
    target.addEventListener('paste', onPaste as EventListener)
  })
  onBeforeUnmount(() => {
    target.removeEventListener('keydown', onKeydown as EventListener)
    target.removeEventListener('paste', onPaste as EventListener)
  })
}
