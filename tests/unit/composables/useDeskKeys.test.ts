// The desk's keyboard: Space captures, Enter saves, Esc retakes, Ctrl+Z undoes; a character typed elsewhere on
// the desk goes to the User ID field; text fields, buttons and open dialogs keep their own keys.
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { useDeskKeys } from '@/composables/useDeskKeys.ts'

enableAutoUnmount(afterEach)

function setup() {
  const calls: string[] = []
  const Desk = defineComponent({
    setup() {
      useDeskKeys({
        capture: () => calls.push('capture'),
        save: () => calls.push('save'),
        retake: () => calls.push('retake'),
        undo: () => calls.push('undo'),
        paste: (file) => calls.push(`paste ${file.name}`),
        isLookupField: (t) => (t as HTMLElement | null)?.id === 'user-id',
        typeInLookup: (key) => calls.push(`type ${key}`),
      })
      return () =>
        h('div', [
          h('input', { id: 'user-id' }),
          h('input', { id: 'search', type: 'search' }),
          h('div', { id: 'photo', tabindex: -1 }),
          h('button', { id: 'save' }, 'Save photo'),
          h('input', { id: 'check', type: 'checkbox' }),
        ])
    },
  })
  mount(Desk, { attachTo: document.body })
  const press = (id: string, key: string, init: KeyboardEventInit = {}) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init })
    document.getElementById(id)!.dispatchEvent(event)
    return event.defaultPrevented
  }
  return { calls, press }
}

describe('useDeskKeys', () => {
  it('captures, saves and retakes from the photo area', () => {
    const { calls, press } = setup()
    expect(press('photo', ' ')).toBe(true)
    expect(press('photo', 'Enter')).toBe(true)
    expect(press('photo', 'Escape')).toBe(true)
    expect(calls).toEqual(['capture', 'save', 'retake'])
  })

  it('takes Space in the User ID field as capture, and leaves its other keys alone', () => {
    const { calls, press } = setup()
    expect(press('user-id', '1')).toBe(false)
    expect(press('user-id', 'Enter')).toBe(false)
    expect(press('user-id', ' ')).toBe(true)
    expect(calls).toEqual(['capture'])
  })

  it('sends a character typed elsewhere on the desk to the User ID field', () => {
    const { calls, press } = setup()
    expect(press('photo', '4')).toBe(true)
    expect(press('save', '2')).toBe(true)
    expect(press('check', 'a')).toBe(true)
    expect(calls).toEqual(['type 4', 'type 2', 'type a'])
  })

  it('leaves other text fields, buttons, modified keys and open dialogs alone', () => {
    const { calls, press } = setup()
    press('search', ' ')
    press('search', '7')
    // A focused button's own Space and Enter click it.
    press('save', ' ')
    press('save', 'Enter')
    press('photo', '5', { ctrlKey: true })
    press('photo', 'Tab')
    press('photo', 'ArrowLeft')
    const dialog = document.createElement('dialog')
    dialog.setAttribute('open', '')
    document.body.append(dialog)
    press('photo', ' ')
    dialog.remove()
    expect(calls).toEqual([])
  })

  it('takes a pasted picture outside text fields', () => {
    const { calls } = setup()
    const file = new File(['x'], 'pasted.png', { type: 'image/png' })
    const event = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent
    Object.defineProperty(event, 'clipboardData', { value: { files: [file] } })
    document.getElementById('photo')!.dispatchEvent(event)
    expect(calls).toEqual(['paste pasted.png'])
  })

  it('undoes the last save with Ctrl+Z or Cmd+Z, except over text there is to undo', () => {
    const { calls, press } = setup()
    expect(press('photo', 'z', { ctrlKey: true })).toBe(true)
    expect(press('save', 'Z', { metaKey: true })).toBe(true)
    // Ctrl+Shift+Z is redo; another field's Ctrl+Z undoes its own typing.
    expect(press('photo', 'z', { ctrlKey: true, shiftKey: true })).toBe(false)
    const search = document.getElementById('search') as HTMLInputElement
    search.value = 'Kim'
    expect(press('search', 'z', { ctrlKey: true })).toBe(false)
    // The User ID field after a save: the last ID selected, ready to be typed over.
    const id = document.getElementById('user-id') as HTMLInputElement
    id.value = '12'
    id.focus()
    id.select()
    expect(press('user-id', 'z', { ctrlKey: true })).toBe(true)
    // Half-way through typing the next ID: the field's own undo.
    id.setSelectionRange(2, 2)
    expect(press('user-id', 'z', { ctrlKey: true })).toBe(false)
    expect(calls).toEqual(['undo', 'undo', 'undo'])
  })
})
