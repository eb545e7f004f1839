// useDialog on a real (happy-dom) <dialog>: opens with `open`, focuses in, gives focus back (or to
// the fallback when the opener is gone), Esc asks instead of closing, and unmounting closes.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref, useTemplateRef, type Ref } from 'vue'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { useDialog, type UseDialogOptions, type UseDialogReturn } from '@/composables/useDialog.ts'

beforeAll(() => {
  // happy-dom has both today; the composable must not depend on that.
  const proto = HTMLDialogElement.prototype as Partial<HTMLDialogElement>
  proto.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '')
  }
  proto.close ??= function (this: HTMLDialogElement) {
    const was = this.open
    this.removeAttribute('open')
    if (was) this.dispatchEvent(new Event('close'))
  }
})

enableAutoUnmount(afterEach)
afterEach(() => {
  document.body.innerHTML = ''
})

/** A page with an opener button, a <main>, and the dialog under test with a "Safe" button. */
function setUp(
  open: Ref<boolean>,
  options: Omit<UseDialogOptions, 'initialFocus'> & { focusSafe?: boolean } = {},
) {
  const main = document.createElement('main')
  main.tabIndex = -1
  const opener = document.createElement('button')
  opener.textContent = 'Open'
  document.body.append(main, opener)
  const host = document.createElement('div')
  document.body.append(host)
  let api: UseDialogReturn | undefined
  const Dialog = defineComponent({
    setup() {
      const dialog = useTemplateRef<HTMLDialogElement>('dialog')
      const safe = useTemplateRef<HTMLButtonElement>('safe')
      api = useDialog(dialog, open, {
        ...options,
        initialFocus: options.focusSafe === false ? undefined : safe,
      })
      return () =>
        h('dialog', { ref: 'dialog' }, [h('button', { ref: 'safe' }, 'Safe'), h('button', 'Other')])
    },
  })
  const wrapper = mount(Dialog, { attachTo: host })
  const dialog = () => document.querySelector('dialog')!
  return { wrapper, opener, main, dialog, api: api! }
}

const focused = () => document.activeElement?.textContent ?? document.activeElement?.tagName

describe('useDialog', () => {
  it('shows the dialog as a modal while open, focused on the chosen element, then gives focus back', async () => {
    const open = ref(false)
    const onOpen = vi.fn()
    const { opener, dialog, api } = setUp(open, { onOpen })
    const showModal = vi.spyOn(dialog(), 'showModal')
    await flushPromises()
    expect(dialog().open).toBe(false)
    expect(onOpen).not.toHaveBeenCalled()

    opener.focus()
    open.value = true
    await flushPromises()
    expect(showModal).toHaveBeenCalledTimes(1)
    expect(dialog().open).toBe(true)
    expect(api.isOpen.value).toBe(true)
    expect(onOpen).toHaveBeenCalledTimes(1)
    expect(focused()).toBe('Safe')

    open.value = false
    await flushPromises()
    expect(dialog().open).toBe(false)
    expect(api.isOpen.value).toBe(false)
    expect(focused()).toBe('Open')
  })

  it('opens at once when it mounts already open (a dialog loaded on demand)', async () => {
    const onOpen = vi.fn()
    const { dialog } = setUp(ref(true), { onOpen })
    await flushPromises()
    expect(dialog().open).toBe(true)
    expect(onOpen).toHaveBeenCalledTimes(1)
    expect(focused()).toBe('Safe')
  })

  it('turns Esc into onCancel and stays open until `open` turns false', async () => {
    const open = ref(false)
    const onCancel = vi.fn(() => (open.value = false))
    const { opener, dialog } = setUp(open, { onCancel })
    opener.focus()
    open.value = true
    await flushPromises()

    const esc = new Event('cancel', { cancelable: true })
    dialog().dispatchEvent(esc)
    expect(esc.defaultPrevented).toBe(true)
    expect(onCancel).toHaveBeenCalledTimes(1)
    expect(dialog().open).toBe(true)
    await flushPromises()
    expect(dialog().open).toBe(false)
    expect(focused()).toBe('Open')
  })

  it('cannot be dismissed with Esc when there is no onCancel', async () => {
    const { dialog } = setUp(ref(true))
    await flushPromises()
    const esc = new Event('cancel', { cancelable: true })
    dialog().dispatchEvent(esc)
    await flushPromises()
    expect(esc.defaultPrevented).toBe(true)
    expect(dialog().open).toBe(true)
  })

  it('shows the dialog again when the browser closes it while it is still wanted', async () => {
    const open = ref(false)
    const { opener, dialog } = setUp(open)
    opener.focus()
    open.value = true
    await flushPromises()
    // What Chromium does on a repeated Esc: close without a cancelable cancel.
    HTMLDialogElement.prototype.close.call(dialog())
    expect(dialog().open).toBe(false)
    await flushPromises()
    expect(dialog().open).toBe(true)
    expect(focused()).toBe('Safe')

    open.value = false
    await flushPromises()
    expect(focused()).toBe('Open')
  })

  it('counts a close by the browser as a cancel', async () => {
    const open = ref(false)
    const onCancel = vi.fn(() => (open.value = false))
    const { opener, dialog } = setUp(open, { onCancel })
    opener.focus()
    open.value = true
    await flushPromises()
    HTMLDialogElement.prototype.close.call(dialog())
    await flushPromises()
    expect(onCancel).toHaveBeenCalledTimes(1)
    expect(dialog().open).toBe(false)
    expect(focused()).toBe('Open')
  })

  it('focuses the fallback (default: <main>) when the opener is gone', async () => {
    const open = ref(false)
    const { opener, dialog } = setUp(open)
    opener.focus()
    open.value = true
    await flushPromises()
    opener.remove()
    open.value = false
    await flushPromises()
    expect(dialog().open).toBe(false)
    expect(document.activeElement?.tagName).toBe('MAIN')
  })

  it('uses the fallback it is given', async () => {
    const open = ref(false)
    const elsewhere = document.createElement('input')
    elsewhere.setAttribute('aria-label', 'Elsewhere')
    const { opener } = setUp(open, { fallbackFocus: () => elsewhere })
    document.body.append(elsewhere)
    opener.focus()
    open.value = true
    await flushPromises()
    opener.remove()
    open.value = false
    await flushPromises()
    expect(document.activeElement).toBe(elsewhere)
  })

  it('leaves focus alone on open without an initialFocus, and keeps the first opener', async () => {
    const open = ref(false)
    const { opener, dialog } = setUp(open, { focusSafe: false })
    opener.focus()
    open.value = true
    await flushPromises()
    expect(dialog().open).toBe(true)
    // Toggling quickly (true, false, true before a render) is one opening, not two.
    open.value = false
    open.value = true
    await nextTick()
    await flushPromises()
    expect(dialog().open).toBe(true)
    open.value = false
    await flushPromises()
    expect(focused()).toBe('Open')
  })

  it('closes the dialog and gives focus back when the component unmounts while open', async () => {
    const open = ref(false)
    const { wrapper, opener, dialog } = setUp(open)
    opener.focus()
    open.value = true
    await flushPromises()
    const el = dialog()
    wrapper.unmount()
    expect(el.open).toBe(false)
    expect(focused()).toBe('Open')
  })
})
