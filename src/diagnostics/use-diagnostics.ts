import {
  computed,
  onScopeDispose,
  reactive,
  ref,
  shallowRef,
  type ComputedRef,
  type Ref,
} from 'vue'
import { storeToRefs } from 'pinia'
import { secureAddress, type CameraError } from '@/composables/camera-errors.ts'
import { useServerStore } from '@/stores/server.ts'
import { useSessionStore } from '@/stores/session.ts'
import { useSettingsStore } from '@/stores/settings.ts'
import { getDemoInfo } from '@/api/demo.ts'
import { isDevServer, swError, updateReady } from '@/pwa/register.ts'
import { lastActivity, trackActivity } from './activity.ts'
import {
  cameraPermission,
  checkCamera as askCamera,
  isStandalone,
  listCameras,
  offlineVersion,
  storageEstimate,
  workerState,
  type CameraPermission,
  type WorkerState,
} from './device.ts'
import type { DiagFacts } from './rows.ts'
import { checkServer, type ServerCheck } from './server-check.ts'

/** How often "last activity" and "time left" move on (ms). */
export const CLOCK_TICK_MS = 15_000

export interface UseDiagnosticsOptions {
  window?: Window
  /** The development build has no service worker. */
  dev?: boolean
}

export interface UseDiagnosticsReturn {
  facts: ComputedRef<DiagFacts>
  checkingServer: Ref<boolean>
  checkingCamera: Ref<boolean>
  /** Pings BioStar 3 times through the proxy. */
  checkServer(): Promise<void>
  /** Asks for the camera, lists the cameras, lets go of the camera. */
  checkCamera(): Promise<void>
  /** Reads the browser facts again (service worker, storage, permission). */
  refresh(): Promise<void>
}

/**
 * The live facts of the Diagnostics screen. Starts the server check and the harmless reads at
 * once; the camera is only asked for on "Check camera", because that may show a prompt.
 */
export function useDiagnostics(options: UseDiagnosticsOptions = {}): UseDiagnosticsReturn {
  const win = options.window ?? window
  const nav = win.navigator
  const dev = options.dev ?? isDevServer()
  const session = useSessionStore()
  const { operator, signedIn, expired } = storeToRefs(session)
  const { demo } = storeToRefs(useServerStore())
  const { settings, sources, site } = storeToRefs(useSettingsStore())
  // Started here too, in case the app shell did not: from now on activity is known.
  trackActivity()

  const now = ref(Date.now())
  const online = ref(nav.onLine !== false)
  const size = reactive({ width: win.innerWidth, height: win.innerHeight })
  const isDemo = ref<boolean | null>(demo.value ? true : null)

  const checkingServer = ref(false)
  const serverCheck = shallowRef<ServerCheck | null>(null)

  const permission = ref<CameraPermission | null>(null)
  const cameras = ref<string[] | null>(null)
  const checkingCamera = ref(false)
  const cameraError = shallowRef<CameraError | null>(null)

  const worker = ref<WorkerState | null>(null)
  const cacheVersion = ref<string | null>(null)
  const storage = shallowRef<{ usage: number; quota: number } | null>(null)

  const facts = computed<DiagFacts>(() => ({
    now: now.value,
    secure: win.isSecureContext !== false,
    secureUrl: secureAddress(win.location),
    online: online.value,
    server: { checking: checkingServer.value, check: serverCheck.value },
    demo: demo.value ? true : isDemo.value,
    session: {
      signedIn: signedIn.value,
      expired: expired.value,
      name: operator.value?.name ?? '',
      loginId: operator.value?.loginId ?? '',
      lastActivity: lastActivity.value,
    },
    camera: {
      permission: permission.value,
      cameras: cameras.value,
      checking: checkingCamera.value,
      error: cameraError.value,
    },
    version: import.meta.env.VITE_APP_VERSION,
    worker: {
      state: worker.value,
      version: cacheVersion.value,
      updateReady: updateReady.value,
      error: swError.value,
    },
    storage: storage.value,
    settings: { site: site.value, settings: settings.value, sources: sources.value },
    browser: {
      userAgent: nav.userAgent,
      languages: nav.languages?.length ? nav.languages : [nav.language],
      screen: {
        width: win.screen?.width ?? 0,
        height: win.screen?.height ?? 0,
        ratio: win.devicePixelRatio || 1,
      },
      window: { width: size.width, height: size.height },
      standalone: isStandalone(win),
    },
  }))

  async function runServerCheck() {
    if (checkingServer.value) return
    checkingServer.value = true
    try {
      serverCheck.value = await checkServer()
    } finally {
      checkingServer.value = false
    }
  }

  let permissionStatus: PermissionStatus | null = null
  const onPermissionChange = () => {
    if (permissionStatus) permission.value = permissionStatus.state
  }

  async function readPermission() {
    const { state, status } = await cameraPermission(nav)
    permission.value = state
    if (status && status !== permissionStatus) {
      permissionStatus?.removeEventListener('change', onPermissionChange)
      permissionStatus = status
      status.addEventListener('change', onPermissionChange)
    }
  }

  async function runCameraCheck() {
    if (checkingCamera.value) return
    checkingCamera.value = true
    try {
      const result = await askCamera(nav, win.isSecureContext !== false)
      cameras.value = result.cameras
      cameraError.value = result.error
      await readPermission()
    } finally {
      checkingCamera.value = false
    }
  }

  async function refresh() {
    await Promise.all([
      readPermission(),
      // Without permission the names are empty, but the count already helps.
      listCameras(nav).then((list) => {
        if (
          !checkingCamera.value &&
          list !== null &&
          (cameras.value === null || list.some(Boolean))
        )
          cameras.value = list
      }),
      workerState(nav, dev).then((state) => (worker.value = state)),
      offlineVersion(win.caches).then((v) => (cacheVersion.value = v)),
      storageEstimate(nav).then((s) => (storage.value = s)),
    ])
  }

  const tick = win.setInterval(() => (now.value = Date.now()), CLOCK_TICK_MS)
  const onOnline = () => (online.value = true)
  const onOffline = () => (online.value = false)
  const onResize = () => Object.assign(size, { width: win.innerWidth, height: win.innerHeight })
  const onWorkerChange = () => void refresh()
  win.addEventListener('online', onOnline)
  win.addEventListener('offline', onOffline)
  win.addEventListener('resize', onResize)
  nav.serviceWorker?.addEventListener('controllerchange', onWorkerChange)

  // The store says "demo" or nothing, and nothing is also what it says before it asked.
  void getDemoInfo().then((info) => (isDemo.value = info !== null || demo.value !== null))
  void runServerCheck()
  void refresh()

  onScopeDispose(() => {
    win.clearInterval(tick)
    win.removeEventListener('online', onOnline)
    win.removeEventListener('offline', onOffline)
    win.removeEventListener('resize', onResize)
    nav.serviceWorker?.removeEventListener('controllerchange', onWorkerChange)
    permissionStatus?.removeEventListener('change', onPermissionChange)
  })

  return {
    facts,
    checkingServer,
    checkingCamera,
    checkServer: runServerCheck,
    checkCamera: runCameraCheck,
    refresh,
  }
}
