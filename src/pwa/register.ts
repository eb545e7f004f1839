import { ref, shallowRef } from 'vue'

/** How often an open tab (a kiosk never reloads) asks whether a new version was deployed. */
export const UPDATE_CHECK_MS = 60 * 60 * 1000

/** The worker's registration, once made; null before, and always where none is possible. */
export const swRegistration = shallowRef<ServiceWorkerRegistration | null>(null)
/** A new version took over while this page was open: reloading shows it. */
export const updateReady = ref(false)
/** Why registering failed (shown in Diagnostics). */
export const swError = ref<string | null>(null)

export interface RegisterOptions {
  /** The app's base URL; the worker is `${base}sw.js` and controls everything below it. */
  base?: string
  navigator?: Navigator
  window?: Window
  /** Default: whether this page came from the Vite dev server. */
  devServer?: boolean
}

// The conversation with the worker; src/pwa/sw.template.js uses the same names.
/** Page to worker: "I run the build whose entry script is `entry`" (the worker keeps its files). */
export const PAGE_BUILD = 'photo-desk:page-build'
/** Worker to page: "which build do you run?" */
export const ASK_BUILD = 'photo-desk:ask-build'

/** The URL of the page's entry script: it names the build the page runs (its hash). */
function entryScript(win: Window): string | null {
  return win.document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src ?? null
}

/** True under the Vite dev server, which has no sw.js (and whose HMR must never be cached). */
export const isDevServer = (): boolean => Boolean(import.meta.hot)

/**
 * Registers the service worker of the built app (server/service-worker.ts makes it), after the
 * page has loaded so it never competes with the first screen. Browsers give workers to secure
 * contexts only: on a plain-HTTP LAN address nothing happens, and the app works as before.
 *
 * "Built" rather than `import.meta.env.PROD`: PROD follows NODE_ENV, which Vitest sets to "test",
 * so the build the browser tests run (tests/e2e/global-setup.ts) is not PROD.
 */
export function registerServiceWorker(options: RegisterOptions = {}): void {
  const win = options.window ?? (typeof window === 'undefined' ? undefined : window)
  const nav = options.navigator ?? win?.navigator
  const container = nav?.serviceWorker
  if (!win || !container || (options.devServer ?? isDevServer())) return
  const base = options.base ?? import.meta.env.BASE_URL

  // Every worker that controls this page learns which build it runs, so it keeps that build's
  // files (screens not opened yet) after a deployment, until this page is closed or reloaded.
  const tellBuild = (worker: { postMessage(message: unknown): void } | null) =>
    worker?.postMessage({ type: PAGE_BUILD, entry: entryScript(win) })
  container.addEventListener('message', (event: MessageEvent) => {
    if (event.data?.type === ASK_BUILD) tellBuild(event.source as ServiceWorker | null)
  })
  container.startMessages?.()
  tellBuild(container.controller)

  // The first worker taking control is no news; a later one is a new deployment. The page goes
  // on running its build: the operator reloads when it suits them (PwaUpdateNotice).
  let hadController = !!container.controller
  container.addEventListener('controllerchange', () => {
    if (hadController) updateReady.value = true
    hadController = true
    tellBuild(container.controller)
  })

  const register = async () => {
    try {
      const registration = await container.register(`${base}sw.js`, { scope: base })
      swRegistration.value = registration
      win.setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_MS)
    } catch (error) {
      swError.value = error instanceof Error ? error.message : String(error)
    }
  }
  if (win.document.readyState === 'complete') void register()
  else win.addEventListener('load', () => void register(), { once: true })
}
