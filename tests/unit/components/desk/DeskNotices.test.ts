// The desk's standing notes: device-safe mode off (with the budget it would keep), view only.
import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount } from '@vue/test-utils'
import DeskNotices from '@/components/desk/DeskNotices.vue'
import { mountDesk } from '../../../helpers/desk-mount.ts'

enableAutoUnmount(afterEach)

const notices = (props: Record<string, unknown>) =>
  mountDesk(DeskNotices, { deviceSafe: true, canWrite: true, budget: 16_384, ...props })

describe('DeskNotices', () => {
  it('warns when device-safe mode is off, naming the budget', () => {
    expect(notices({}).find('[data-test="device-safe-off"]').exists()).toBe(false)
    const off = notices({ deviceSafe: false }).get('[data-test="device-safe-off"]')
    expect(off.text()).toMatch(/16(\.0)? KB/)
  })

  it('tells an operator without write rights that the desk is view only, and nothing else', () => {
    const w = notices({ deviceSafe: false, canWrite: false })
    expect(w.find('[data-test="view-only-note"]').exists()).toBe(true)
    expect(w.find('[data-test="device-safe-off"]').exists()).toBe(false)
  })
})
