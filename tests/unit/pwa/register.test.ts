// Registering the service worker (src/pwa/register.ts), as Diagnostics reports it: after the page
// has loaded, scope = base URL, an update check for tabs that stay open, "a new version is ready"
// only when a worker replaces another, the reason when registering fails, and the page telling
// each worker which build it runs (so a new worker keeps that build's files).
import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  ASK_BUILD,
  PAGE_BUILD,
  UPDATE_CHECK_MS,
  registerServiceWorker,
  swError,
  swRegistration,
  updateReady,
} from '@/pwa/register.ts'

const ENTRY = 'https://desk.test/assets/index-AbC123.js'

/** A worker as the page sees it: records what the page tells it. */
const fakeWorker = () => ({ postMessage: vi.fn() })

function fakeBrowser(options: { controller?: boolean; readyState?: string; fail?: Error } = {}) {
  const container = new EventTarget() as EventTarget & {
    controller: ReturnType<typeof fakeWorker> | null
    register: ReturnType<typeof vi.fn>
  }
  const registration = { update: vi.fn(async () => undefined) }
  container.controller = options.controller ? fakeWorker() : null
  container.register = vi.fn(async () => {
    if (options.fail) throw options.fail
    return registration
  })
  const win = new EventTarget() as EventTarget & Record<string, unknown>
  Object.assign(win, {
    document: {
      readyState: options.readyState ?? 'loading',
      // index.html's entry script, as Vite writes it.
      querySelector: (selector: string) =>
        selector === 'script[type="module"][src]' ? { src: ENTRY } : null,
    },
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

  it('tells every worker that controls the page which build it runs, and answers when asked', () => {
    const told = { type: PAGE_BUILD, entry: ENTRY }
    const b = fakeBrowser({ readyState: 'complete', controller: true })
    const first = b.container.controller!
    registerServiceWorker({ window: b.win, navigator: b.navigator, devServer: false })
    expect(first.postMessage).toHaveBeenCalledWith(told)

    // A new deployment's worker takes over: it learns it at once, and the page keeps running.
    const next = fakeWorker()
    b.container.controller = next
    b.container.dispatchEvent(new Event('controllerchange'))
    expect(next.postMessage).toHaveBeenCalledWith(told)
    expect(updateReady.value).toBe(true)

    // A worker that was restarted (and forgot) asks; the answer goes to the worker that asked.
    const asking = fakeWorker()
    b.container.dispatchEvent(new MessageEvent('message', { data: { type: 'other' } }))
    b.container.dispatchEvent(
      new MessageEvent('message', {
        data: { type: ASK_BUILD },
        source: asking as unknown as MessageEventSource,
      }),
    )
    expect(asking.postMessage).toHaveBeenCalledTimes(1)
    expect(asking.postMessage).toHaveBeenCalledWith(told)
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
