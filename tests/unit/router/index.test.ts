// The router guard of kiosk mode: only the desk (and sign-in) can be shown; a link, a typed URL,
// Back or Forward to any other screen lands on the desk, in place of the entry it asked for.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { Router } from 'vue-router'
import { createAppI18n } from '@/i18n/index.ts'
import { createAppRouter } from '@/router/index.ts'
import { useSessionStore } from '@/stores/session.ts'
import { useSettingsStore } from '@/stores/settings.ts'

// The screens themselves are not under test: each is an empty component.
const empty = { default: { render: () => null } }
vi.mock('@/views/EnrollView.vue', () => empty)
vi.mock('@/views/BatchView.vue', () => empty)
vi.mock('@/views/SettingsView.vue', () => empty)
vi.mock('@/views/SessionLogView.vue', () => empty)
vi.mock('@/views/DiagnosticsView.vue', () => empty)
vi.mock('@/views/ReviewView.vue', () => empty)
vi.mock('@/api/auth.ts', () => ({ login: vi.fn(), logout: vi.fn(async () => undefined) }))

let router: Router

async function start(kiosk: boolean, signedIn = true, canReadUsers?: boolean | null) {
  setActivePinia(createPinia())
  if (signedIn) {
    const session = useSessionStore()
    session.sessionId = 'sid'
    session.operator = { loginId: 'admin', name: 'Administrator', canReadUsers } as never
  }
  useSettingsStore().update({ kiosk })
  router = createAppRouter(createAppI18n('en').global)
  await router.push('/')
  await router.isReady()
}

const at = () => router.currentRoute.value.name
/** Waits for the router to settle after a history move (popstate). */
const settled = () => vi.waitFor(() => expect(window.location.pathname).toBe('/'))

beforeEach(() => {
  localStorage.clear()
  window.history.replaceState(null, '', '/')
})
afterEach(() => localStorage.clear())

describe('the kiosk router guard', () => {
  it('lets an operator open every screen outside kiosk mode', async () => {
    await start(false)
    for (const path of ['/batch', '/log', '/diagnostics', '/settings']) {
      await router.push(path)
      expect(router.currentRoute.value.path).toBe(path)
    }
  })

  it.each(['/batch', '/log', '/diagnostics', '/settings'])(
    'sends %s to the desk in kiosk mode, without a new history entry',
    async (path) => {
      await start(true)
      const entries = window.history.length
      await router.push(path)
      expect(at()).toBe('desk')
      expect(window.location.pathname).toBe('/')
      expect(window.history.length).toBe(entries)
    },
  )

  it('sends a typed URL to the desk (the first navigation), signed in or not', async () => {
    setActivePinia(createPinia())
    useSettingsStore().update({ kiosk: true })
    window.history.replaceState(null, '', '/settings')
    router = createAppRouter(createAppI18n('en').global)
    await router.push(window.location.pathname)
    // Not signed in: the desk asks for sign-in, and no redirect back to Settings is kept.
    expect(at()).toBe('sign-in')
    expect(router.currentRoute.value.query).toEqual({})

    await start(true)
    window.history.replaceState(null, '', '/diagnostics')
    router = createAppRouter(createAppI18n('en').global)
    await router.push(window.location.pathname)
    expect(at()).toBe('desk')
  })

  it('sends Back and Forward to Settings, left in history, to the desk', async () => {
    await start(false)
    await router.push('/settings')
    await router.push('/log')
    useSettingsStore().update({ kiosk: true })
    router.back()
    await settled()
    expect(at()).toBe('desk')
    router.forward()
    await settled()
    expect(at()).toBe('desk')
  })
})

describe('the photo review route', () => {
  it.each([true, null, undefined])('opens for an operator whose read right is %s', async (can) => {
    await start(false, true, can)
    await router.push('/review')
    expect(router.currentRoute.value.path).toBe('/review')
  })

  it('sends an operator who cannot read users to the desk', async () => {
    await start(false, true, false)
    await router.push('/review')
    expect(at()).toBe('desk')
  })
})
