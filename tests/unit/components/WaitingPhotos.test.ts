// The banner line under the header: other operators' photos kept here (discarded only after a
// confirmation) and the operator's photos BioStar refused (Try again, or a confirmed Discard).
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createAppI18n } from '@/i18n/index.ts'
import { deleteDatabase } from '@/storage/idb.ts'
import { useSessionStore } from '@/stores/session.ts'
import { useSessionLogStore } from '@/stores/session-log.ts'
import { WRITES_DB } from '@/writes/records.ts'
import { ADMIN, CLERK, storedWrite, writesDisk } from '../../helpers/writes.ts'
import WaitingPhotos from '@/components/WaitingPhotos.vue'

const sent = vi.hoisted(() => [] as string[])
vi.mock('@/api/auth.ts', () => ({ login: vi.fn(), logout: vi.fn(async () => undefined) }))
vi.mock('@/api/users.ts', () => ({
  updatePhoto: vi.fn(async (userId: string) => void sent.push(userId)),
  removePhoto: vi.fn(async (userId: string) => void sent.push(userId)),
}))

enableAutoUnmount(afterEach)

function mountBanner() {
  const pinia = createPinia()
  setActivePinia(pinia)
  const session = useSessionStore()
  session.sessionId = 'sid-admin'
  session.operator = ADMIN
  const i18n = createAppI18n('en')
  return mount(WaitingPhotos, { global: { plugins: [pinia, i18n] }, attachTo: document.body })
}
const keys = async () => (await writesDisk().entries()).map(([k]) => k).sort()
const dialogButton = (label: string) =>
  [...document.body.querySelectorAll('dialog button')].find(
    (b) => b.textContent?.trim() === label,
  ) as HTMLButtonElement

beforeEach(async () => {
  sent.length = 0
  sessionStorage.clear()
  await deleteDatabase(WRITES_DB)
})

describe('the waiting photos banner', () => {
  it('names the other operator and discards their photos only after a confirmation', async () => {
    await writesDisk().setMany([
      ['a', storedWrite('10', CLERK, 1)],
      ['b', storedWrite('11', CLERK, 2)],
      ['c', storedWrite('12', null, 3)],
    ])
    const wrapper = mountBanner()
    const lines = () => wrapper.findAll('[data-test="pending-other"]')
    await vi.waitFor(() => expect(lines()).toHaveLength(2))
    expect(lines()[0]?.text()).toContain(
      '2 photos saved offline by Kim Clerk (clerk) wait until they sign in here',
    )
    expect(lines()[1]?.text()).toContain('1 photo saved offline by an unknown operator')
    expect(wrapper.find('[data-test="pending-count"]').exists()).toBe(false)

    await lines()[0]?.get('[data-test="pending-discard"]').trigger('click')
    await flushPromises()
    expect(document.body.querySelector('dialog')?.textContent).toContain(
      'Discard 2 photos saved offline?',
    )
    dialogButton('Keep').click()
    await flushPromises()
    expect(await keys()).toEqual(['a', 'b', 'c'])

    await lines()[0]?.get('[data-test="pending-discard"]').trigger('click')
    await flushPromises()
    dialogButton('Discard').click()
    await flushPromises()
    await vi.waitFor(async () => expect(await keys()).toEqual(['c']))
    expect(lines()).toHaveLength(1)
    expect(sent).toEqual([])
  })

  it('says whose photo BioStar refused and why, with Try again and a confirmed Discard', async () => {
    const refused = { kind: 'permission', status: 403, code: '20' }
    await writesDisk().setMany([
      ['r76', storedWrite('76', ADMIN, 1, { refused })],
      ['r77', storedWrite('77', ADMIN, 2, { refused })],
    ])
    const wrapper = mountBanner()
    const lines = () => wrapper.findAll('[data-test="pending-refused"]')
    await vi.waitFor(() => expect(lines()).toHaveLength(2))
    expect(lines()[0]?.text()).toContain(
      'BioStar refused the photo of Person 76 (ID 76). Your BioStar operator level does not allow this.',
    )
    expect(wrapper.find('[data-test="pending-count"]').exists()).toBe(false)
    expect(sent).toEqual([])

    // Each button is named by its action and described by the line it belongs to.
    const buttons = lines()[0]!.findAll('button')
    expect(buttons.map((b) => b.text())).toEqual(['Try again', 'Discard…'])
    for (const button of buttons) {
      const described = document.getElementById(button.attributes('aria-describedby') ?? '')
      expect(described?.textContent).toContain('Person 76 (ID 76)')
    }

    await lines()[0]!.get('[data-test="pending-discard"]').trigger('click')
    await flushPromises()
    const dialog = document.body.querySelector('dialog')!
    expect(dialog.textContent).toContain('Discard the photo of Person 76?')
    dialogButton('Discard').click()
    await flushPromises()
    await vi.waitFor(async () => expect(await keys()).toEqual(['r77']))
    expect(useSessionLogStore().entries.map((e) => [e.action, e.userId])).toEqual([
      ['discard-refused', '76'],
    ])

    await lines()[0]!.get('[data-test="pending-try-again"]').trigger('click')
    await vi.waitFor(() => expect(sent).toEqual(['77']))
    await vi.waitFor(async () => expect(await keys()).toEqual([]))
    expect(lines()).toHaveLength(0)
  })
})
