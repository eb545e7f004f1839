// The toast after a write: always a live region (so every new text is announced), the person's
// name and Undo while it can work, and a quiet hint in its place when there is nothing to say.
import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount } from '@vue/test-utils'
import DeskToast from '@/components/desk/DeskToast.vue'
import { mountDesk } from '../../../helpers/desk-mount.ts'

enableAutoUnmount(afterEach)

const toast = (props: Record<string, unknown> = {}) =>
  mountDesk(DeskToast, {
    status: '',
    tone: 'ok',
    canUndo: false,
    kioskResetIn: 0,
    hint: 'Keys: Enter finds',
    ...props,
  })

describe('DeskToast', () => {
  it('keeps its live region in the page and shows the hint while there is nothing to say', () => {
    const w = toast()
    expect(w.find('[role="status"]').exists()).toBe(true)
    expect(w.find('[data-test="toast"]').exists()).toBe(false)
    expect(w.text()).toBe('Keys: Enter finds')
    // The hint is not inside the live region: it is not announced as news.
    expect(w.get('[role="status"]').text()).toBe('')
  })

  it('says what happened, with Undo when it can work', async () => {
    const w = toast({ status: 'Photo saved for Kim (ID 12), 9 KB.', canUndo: true })
    expect(w.get('[role="status"]').text()).toContain('Photo saved for Kim (ID 12)')
    expect(w.text()).not.toContain('Keys')
    await w.get('button').trigger('click')
    expect(w.emitted('undo')).toHaveLength(1)
    expect(toast({ status: 'Photo saved', canUndo: false }).find('button').exists()).toBe(false)
  })

  it('counts down the kiosk reset', () => {
    const w = toast({ status: 'Photo saved', kioskResetIn: 4 })
    expect(w.get('[data-test="kiosk-reset"]').text()).toMatch(/4/)
  })
})
