// One native modal <dialog> that follows an `open` flag: showModal / close, focus in on open, focus
// back where it was on close, and Esc. Every dialog of the app goes through here.
import {
  nextTick,
  onScopeDispose,
  readonly,
  ref,
  toValue,
  watch,
  type MaybeRefOrGetter,
  type Ref,
} from 'vue'

export interface UseDialogOptions {
  /** Focused once the dialog is open (the safe button, the password field). */
  initialFocus?: MaybeRefOrGetter<HTMLElement | null | undefined>
  /** Runs just before each opening (clear the last error). */
  onOpen?: () => void
  /**
   * Esc (the dialog's cancel event). The dialog never closes itself: it stays open until `open`
   * turns false, so a dialog that must be answered simply gives no handler.
   */
  onCancel?: () => void
  /**
   * Focus on close when the element that had it before is gone (or cannot take it).
   * Default: the page's <main>.
   */
  fallbackFocus?: () => HTMLElement | null | undefined
  /** For tests: the document whose active element is saved and restored. */
  document?: Document
}

export interface UseDialogReturn {
  /** The browser has modal dialogs (`showModal`); without, the dialog opens in place. */
  isSupported: Readonly<Ref<boolean>>
  /** The <dialog> is open on the page now. */
  isOpen: Readonly<Ref<boolean>>
}

/**
 * Shows `dialogRef` as a modal while `open` is true, from the moment it mounts (a dialog loaded
 * on demand may arrive already open), and closes it when `open` turns false or the component
 * unmounts.
 */
export function useDialog(
  dialogRef: MaybeRefOrGetter<HTMLDialogElement | null | undefined>,
  open: MaybeRefOrGetter<boolean>,
  options: UseDialogOptions = {},
): UseDialogReturn {
  const doc = options.document ?? globalThis.document
  const fallbackFocus = options.fallbackFocus ?? (() => doc.querySelector('main'))
  const isSupported = ref(
    typeof HTMLDialogElement !== 'undefined' && 'showModal' in HTMLDialogElement.prototype,
  )
  const isOpen = ref(false)
  // Shown by this composable and not yet closed by it: only then is focus ours to give back.
  let shown: HTMLDialogElement | null = null
  let returnTo: HTMLElement | null = null

  function focusInside() {
    toValue(options.initialFocus)?.focus()
  }

  function show(el: HTMLDialogElement) {
    if (el.open) return
    if (shown !== el) {
      returnTo = doc.activeElement as HTMLElement | null
      options.onOpen?.()
    }
    shown = el
    if (isSupported.value) el.showModal()
    else el.setAttribute('open', '')
    isOpen.value = true
    focusInside()
  }

  function hide() {
    const el = shown
    if (!el) return
    shown = null
    isOpen.value = false
    if (el.open) {
      if (isSupported.value) el.close()
      else el.removeAttribute('open')
    }
    const target = returnTo
    returnTo = null
    if (target?.isConnected) target.focus()
    const active = doc.activeElement
    if (!active || active === doc.body || el.contains(active)) fallbackFocus()?.focus()
  }

  function onCancel(event: Event) {
    event.preventDefault()
    options.onCancel?.()
  }

  // Chromium closes a modal on a repeated Esc even when cancel is prevented. The dialog follows
  // `open`: the close counts as a cancel, and the dialog shows again if it is still wanted.
  async function onClose(event: Event) {
    const el = event.currentTarget as HTMLDialogElement
    if (shown !== el || el.open) return
    isOpen.value = false
    if (toValue(open)) options.onCancel?.()
    await nextTick()
    if (shown !== el || el.open) return
    if (toValue(open)) show(el)
    else hide()
  }

  watch(
    () => toValue(dialogRef),
    (el, old) => {
      old?.removeEventListener('cancel', onCancel)
      old?.removeEventListener('close', onClose)
      el?.addEventListener('cancel', onCancel)
      el?.addEventListener('close', onClose)
    },
    // At once: Esc must be handled from the moment the element exists.
    { immediate: true, flush: 'sync' },
  )

  watch(
    () => toValue(open),
    async () => {
      // The dialog's content (and the element to focus) renders with the same change; by then
      // `open` may have changed again, so act on what it is now.
      await nextTick()
      const el = toValue(dialogRef)
      if (!toValue(open)) hide()
      else if (el) show(el)
    },
    { immediate: true },
  )

  onScopeDispose(() => {
    const el = toValue(dialogRef)
    el?.removeEventListener('cancel', onCancel)
    el?.removeEventListener('close', onClose)
    hide()
  })

  return { isSupported: readonly(isSupported), isOpen: readonly(isOpen) }
}
