// "Sign out" asks first when it must: with the count of photos still waiting to be sent, and in
// kiosk mode for the operator's password, checked by a real sign-in (a wrong one stays signed in).
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createAppI18n } from '@/i18n/index.ts'
import { ApiError } from '@/api/errors.ts'
import { deleteDatabase } from '@/storage/idb.ts'
import { useSessionStore } from '@/stores/session.ts'
import { useSettingsStore } from '@/stores/settings.ts'
import { WRITES_DB } from '@/writes/records.ts'
import { ADMIN, storedWrite, writesDisk } from '../../helpers/writes.ts'
import SignOutDialog from '@/components/SignOutDialog.vue'

const auth = vi.hoisted(() => ({
  login: vi.fn(),
  logout: vi.fn(async () => undefined),
}))
vi.mock('@/api/auth.ts', () => auth)
// BioStar does not answer: the waiting photos stay waiting while the dialog is open.
vi.mock('@/api/users.ts', () => ({
  updatePhoto: vi.fn(() => new Promise(() => undefined)),
  removePhoto: vi.fn(() => new Promise(() => undefined)),
}))

enableAutoUnmount(afterEach)

function mountDialog(kiosk: boolean) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const session = useSessionStore()
  session.sessionId = 'sid-admin'
  session.operator = ADMIN
  useSettingsStore().update({ kiosk })
  const i18n = createAppI18n('en')
  return mount(SignOutDialog, {
    props: { open: true },
    global: { plugins: [pinia, i18n] },
    attachTo: document.body,
  })
}
const dialog = () => document.body.querySelector<HTMLDialogElement>('[data-test="sign-out-dialog"]')
const button = (label: string) =>
  [...(dialog()?.querySelectorAll('button') ?? [])].find(
    (b) => b.textContent?.trim() === label,
  ) as HTMLButtonElement
const passwordField = () => dialog()?.querySelector<HTMLInputElement>('#sign-out-password')

beforeEach(async () => {
  localStorage.clear()
  auth.login.mockReset()
  auth.logout.mockClear()
  await deleteDatabase(WRITES_DB)
})

describe('SignOutDialog', () => {
  it('signs out at once, asking nothing, when nothing waits and it is not a kiosk', async () => {
    const wrapper = mountDialog(false)
    await vi.waitFor(() => expect(wrapper.emitted('done')).toEqual([[true]]))
    expect(dialog()?.open).toBe(false)
  })

  it('asks first, with the count, when photos are still waiting to be sent', async () => {
    await writesDisk().setMany([
      ['a', storedWrite('10', ADMIN, 1)],
      ['b', storedWrite('11', ADMIN, 2)],
    ])
    const wrapper = mountDialog(false)
    await vi.waitFor(() => expect(dialog()?.open).toBe(true))
    expect(dialog()?.querySelector('[data-test="sign-out-waiting"]')?.textContent).toContain(
      '2 photos have not reached BioStar yet',
    )
    expect(passwordField()).toBeNull()
    button('Cancel').click()
    expect(wrapper.emitted('done')).toEqual([[false]])
    wrapper.unmount()

    const again = mountDialog(false)
    await vi.waitFor(() => expect(dialog()?.open).toBe(true))
    button('Sign out').click()
    expect(again.emitted('done')).toEqual([[true]])
  })

  it('in kiosk mode takes the operator’s password, checked by BioStar', async () => {
    const wrapper = mountDialog(true)
    await vi.waitFor(() => expect(dialog()?.open).toBe(true))
    expect(document.activeElement).toBe(passwordField())

    auth.login.mockRejectedValueOnce(new ApiError({ kind: 'credentials', status: 400, code: '11' }))
    passwordField()!.value = 'wrong'
    passwordField()!.dispatchEvent(new Event('input'))
    button('Sign out').click()
    await flushPromises()
    expect(auth.login).toHaveBeenLastCalledWith('admin', 'wrong')
    expect(wrapper.emitted('done')).toBeUndefined()
    expect(dialog()?.querySelector('[role="alert"]')?.textContent).toMatch(/password/i)
    expect(useSessionStore().sessionId).toBe('sid-admin')

    auth.login.mockResolvedValueOnce({ sessionId: 'sid-2', operator: ADMIN })
    passwordField()!.value = 'right'
    passwordField()!.dispatchEvent(new Event('input'))
    button('Sign out').click()
    await flushPromises()
    expect(wrapper.emitted('done')).toEqual([[true]])
    // The session replaced by the check is not left alive.
    expect(auth.logout).toHaveBeenCalledWith({ sessionId: 'sid-admin' })
  })

  it('does not sign out with an empty password', async () => {
    const wrapper = mountDialog(true)
    await vi.waitFor(() => expect(dialog()?.open).toBe(true))
    button('Sign out').click()
    await flushPromises()
    expect(auth.login).not.toHaveBeenCalled()
    expect(wrapper.emitted('done')).toBeUndefined()
  })
})
