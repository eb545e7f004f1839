// Registering the service worker (src/pwa/register.ts), as Diagnostics reports it: after the page
// has loaded, scope = base URL, an update check for tabs that stay open, "a new version is ready"
// only when a worker replaces another, and the reason when registering fails.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  UPDATE_CHECK_MS,
  registerServiceWorker,
  swError,
  swRegistration,
  updateReady,
} from '@/pwa/register.ts'

function fakeBrowser(options: { controller?: boolean; readyState?: string; fail?: Error } = {}) {
  const container = new EventTarget() as EventTarget & {
    controller: object | null
    register: ReturnType<typeof vi.fn>
  }
  const registration = { update: vi.fn(async () => undefined) }
  container.controller = options.controller ? {} : null
  container.register = vi.fn(async () => {
    if (options.fail) throw options.fail
    return registration
  })
  const win = new EventTarget() as EventTarget & Record<string, unknown>
  Object.assign(win, {
    document: { readyState: options.readyState ?? 'loading' },
    setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
  })
  const navigator = { serviceWorker: container } as unknown as Navigator
  return { container, registration, win: win as unknown as Window, navigator }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

beforeEach(() => {
  vi.useRealTimers()
  swRegistration.value = null
  swError.value = null
  updateReady.value = false
})

describe('registerServiceWorker', () => {
  it('waits for the page to load, then registers /sw.js for the whole app', async () => {
    const b = fakeBrowser()
    registerServiceWorker({ window: b.win, navigator: b.navigator, base: '/', devServer: false })
    await settle()
    expect(b.container.register).not.toHaveBeenCalled()
    b.win.dispatchEvent(new Event('load'))
    await settle()
    expect(b.container.register).toHaveBeenCalledWith('/sw.js', { scope: '/' })
    expect(swRegistration.value).toBe(b.registration)
  })

  it('asks for a new version every hour in a tab that stays open (a kiosk)', async () => {
    vi.useFakeTimers()
    const b = fakeBrowser({ readyState: 'complete' })
    registerServiceWorker({
      window: b.win,
      navigator: b.navigator,
      base: '/desk/',
      devServer: false,
    })
    await vi.advanceTimersByTimeAsync(0)
    expect(b.container.register).toHaveBeenCalledWith('/desk/sw.js', { scope: '/desk/' })
    expect(b.registration.update).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_MS)
    expect(b.registration.update).toHaveBeenCalledTimes(1)
  })

  it('says "new version" only when a worker takes over from another one', async () => {
    const first = fakeBrowser({ readyState: 'complete' })
    registerServiceWorker({ window: first.win, navigator: first.navigator, devServer: false })
    first.container.dispatchEvent(new Event('controllerchange')) // the very first install
    expect(updateReady.value).toBe(false)
    first.container.dispatchEvent(new Event('controllerchange')) // then a deployment
    expect(updateReady.value).toBe(true)

    updateReady.value = false
    const again = fakeBrowser({ readyState: 'complete', controller: true })
    registerServiceWorker({ window: again.win, navigator: again.navigator, devServer: false })
    again.container.dispatchEvent(new Event('controllerchange'))
    expect(updateReady.value).toBe(true)
  })

  it('keeps the reason when registering fails, and does nothing without service workers', async () => {
    const b = fakeBrowser({ readyState: 'complete', fail: new Error('SecurityError: bad MIME') })
    registerServiceWorker({ window: b.win, navigator: b.navigator, devServer: false })
    await settle()
    expect(swError.value).toBe('SecurityError: bad MIME')

    const win = fakeBrowser().win
    expect(() => registerServiceWorker({ window: win, navigator: {} as Navigator })).not.toThrow()
  })
})
