// What the browser can tell about itself: camera permission and devices, the service worker,
// storage. Each function takes the browser object it reads, so tests can hand in fakes.
import { toCameraError, type CameraError } from '@/composables/camera-errors.ts'

/** unknown: the browser does not answer the question (Firefox has no "camera" permission name). */
export type CameraPermission = 'granted' | 'denied' | 'prompt' | 'unknown'

/** The camera permission of this site, and the status object to watch for changes (if any). */
export async function cameraPermission(
  nav: Navigator,
): Promise<{ state: CameraPermission; status: PermissionStatus | null }> {
  try {
    const status = await nav.permissions.query({ name: 'camera' as PermissionName })
    return { state: status.state, status }
  } catch {
    return { state: 'unknown', status: null }
  }
}

/** Video inputs; labels are empty until the site was allowed to use a camera. Null: no API. */
export async function listCameras(nav: Navigator): Promise<string[] | null> {
  if (!nav.mediaDevices?.enumerateDevices) return null
  try {
    const devices = await nav.mediaDevices.enumerateDevices()
    return devices.filter((d) => d.kind === 'videoinput').map((d) => d.label)
  } catch {
    return null
  }
}

/**
 * Asks for a camera (the browser's permission prompt), lists the cameras with their names, and
 * lets go of the camera at once. The error says what the person can do about a failure.
 */
export async function checkCamera(
  nav: Navigator,
  secure: boolean,
): Promise<{ cameras: string[] | null; error: CameraError | null }> {
  if (!nav.mediaDevices?.getUserMedia) {
    return { cameras: null, error: { kind: secure ? 'unsupported' : 'insecure' } }
  }
  let error: CameraError | null = null
  try {
    const stream = await nav.mediaDevices.getUserMedia({ video: true, audio: false })
    for (const track of stream.getTracks()) track.stop()
  } catch (caught) {
    error = toCameraError(caught)
  }
  return { cameras: await listCameras(nav), error }
}

/**
 * dev: the development server has none; unsupported: no service workers here (plain HTTP);
 * controlling: installed and answering this page's requests.
 */
export type WorkerState =
  'dev' | 'unsupported' | 'none' | 'installing' | 'waiting' | 'active' | 'controlling'

export async function workerState(nav: Navigator, dev: boolean): Promise<WorkerState> {
  if (dev) return 'dev'
  const container = nav.serviceWorker
  if (!container) return 'unsupported'
  if (container.controller) return 'controlling'
  const registration = await container.getRegistration().catch(() => undefined)
  if (!registration) return 'none'
  if (registration.active) return 'active'
  if (registration.waiting) return 'waiting'
  return 'installing'
}

/** The build the offline copy holds (the service worker's cache is named after it). */
export async function offlineVersion(
  cacheStorage: CacheStorage | undefined,
): Promise<string | null> {
  if (!cacheStorage) return null
  const names = await cacheStorage.keys().catch(() => [] as string[])
  const ours = names.filter((n) => n.startsWith('photo-desk-'))
  return ours.length ? ours.map((n) => n.slice('photo-desk-'.length)).join(', ') : null
}

export async function storageEstimate(
  nav: Navigator,
): Promise<{ usage: number; quota: number } | null> {
  try {
    const estimate = await nav.storage?.estimate()
    if (!estimate || estimate.quota === undefined) return null
    return { usage: estimate.usage ?? 0, quota: estimate.quota }
  } catch {
    return null
  }
}

/** Opened from the home screen or as an installed app, not in a browser tab. */
export function isStandalone(win: Window): boolean {
  const nav = win.navigator as Navigator & { standalone?: boolean }
  return win.matchMedia?.('(display-mode: standalone)').matches || nav.standalone === true
}
