// The webcam / tablet camera: permission, device choice, front/rear, release, and full-size frames.
// Field notes 1, 3-8. Browser globals are injectable so unit tests can drive every failure.
import {
  computed,
  getCurrentScope,
  onScopeDispose,
  ref,
  shallowRef,
  type ComputedRef,
  type InjectionKey,
  type Ref,
  type ShallowRef,
} from 'vue'
import {
  errorName,
  isOverconstrained,
  secureAddress,
  toCameraError,
  type CameraError,
} from './camera-errors.ts'

export type { CameraError, CameraErrorKind } from './camera-errors.ts'

/** localStorage key holding the deviceId the clerk last chose on this browser. */
export const CAMERA_STORAGE_KEY = 'photo-desk:camera'

export type Facing = 'user' | 'environment'

/** Lets a test (or a kiosk shell) hand CameraPanel its own browser globals via provide(). */
export const CAMERA_OPTIONS_KEY: InjectionKey<UseCameraOptions> = Symbol('camera-options')

export interface CameraDevice {
  deviceId: string
  label: string
  /** From the device's capabilities or its label ("facing back", "Front Camera"); null if unknown. */
  facing: Facing | null
}

export interface UseCameraOptions {
  mediaDevices?: MediaDevices
  storage?: Storage
  document?: Document
  window?: Window
  /** Ideal capture size; the browser picks the closest the camera offers. Default 1920x1080. */
  idealWidth?: number
  idealHeight?: number
}

export interface UseCameraReturn {
  isSupported: Ref<boolean>
  isSecure: Ref<boolean>
  stream: ShallowRef<MediaStream | null>
  active: Ref<boolean>
  starting: Ref<boolean>
  error: Ref<CameraError | null>
  devices: Ref<CameraDevice[]>
  deviceId: Ref<string | null>
  facing: Ref<Facing | null>
  canSwitchFacing: ComputedRef<boolean>
  mirrored: ComputedRef<boolean>
  trackSize: Ref<{ width: number; height: number } | null>
  start(): Promise<boolean>
  stop(): void
  selectDevice(id: string): Promise<void>
  switchFacing(): Promise<void>
  grabFrame(video: HTMLVideoElement): Promise<ImageBitmap>
}

/** Smaller sizes tried, in order, when a camera refuses the ideal one (OverconstrainedError). */
const FALLBACK_SIZES: [number, number][] = [
  [1280, 720],
  [640, 480],
]

const FRONT_LABEL = /\b(front|user|facetime)\b|전면/i
const BACK_LABEL = /\b(back|rear|environment|world)\b|후면/i

function classify(info: MediaDeviceInfo): Facing | null {
  try {
    const modes = (info as InputDeviceInfo).getCapabilities?.().facingMode ?? []
    if (modes.includes('user')) return 'user'
    if (modes.includes('environment')) return 'environment'
  } catch {
    // getCapabilities is missing or throws on some browsers; the label is the fallback
  }
  if (BACK_LABEL.test(info.label)) return 'environment'
  if (FRONT_LABEL.test(info.label)) return 'user'
  return null
}

function stopTracks(stream: MediaStream) {
  for (const track of stream.getTracks()) track.stop()
}

export function useCamera(options: UseCameraOptions = {}): UseCameraReturn {
  const win = options.window ?? (typeof window === 'undefined' ? undefined : window)
  const doc = options.document ?? win?.document
  const media = options.mediaDevices ?? win?.navigator?.mediaDevices
  let storage: Storage | undefined = options.storage
  if (!storage) {
    try {
      storage = win?.localStorage
    } catch {
      // storage blocked (privacy settings): the choice is simply not remembered
    }
  }
  const idealWidth = options.idealWidth ?? 1920
  const idealHeight = options.idealHeight ?? 1080

  // Browsers without the notion of a secure context do not restrict cameras by it.
  const isSecure = ref(win?.isSecureContext !== false)
  const isSupported = ref(!!media && typeof media.getUserMedia === 'function')

  const stream = shallowRef<MediaStream | null>(null)
  const active = ref(false)
  const starting = ref(false)
  const error = ref<CameraError | null>(unusable())
  const devices = ref<CameraDevice[]>([])
  const deviceId = ref<string | null>(readStored())
  const facing = ref<Facing | null>(null)
  const trackSize = ref<{ width: number; height: number } | null>(null)

  const canSwitchFacing = computed(
    () =>
      devices.value.some((d) => d.facing === 'user') &&
      devices.value.some((d) => d.facing === 'environment'),
  )
  // Desk webcams rarely report a facing mode and they face the person: mirror unless it is a rear camera.
  const mirrored = computed(() => facing.value !== 'environment')

  /** Bumped by every start and release: a getUserMedia answer from an older round is thrown away. */
  let round = 0
  let pending: Promise<boolean> | null = null
  let resumeOnVisible = false
  let granted = false
  let wantedFacing: Facing | null = null
  let endedCleanup: (() => void) | null = null

  function unusable(): CameraError | null {
    if (!isSecure.value) {
      const location = win?.location
      return location ? { kind: 'insecure', detail: secureAddress(location) } : { kind: 'insecure' }
    }
    if (!isSupported.value) return { kind: 'unsupported' }
    return null
  }

  function readStored(): string | null {
    try {
      return storage?.getItem(CAMERA_STORAGE_KEY) || null
    } catch {
      return null
    }
  }

  function remember(id: string | null) {
    try {
      if (id) storage?.setItem(CAMERA_STORAGE_KEY, id)
      else storage?.removeItem(CAMERA_STORAGE_KEY)
    } catch {
      // quota or privacy mode: not remembering is harmless
    }
  }

  /** Re-reads the camera list; returns how many cameras exist, even those not listable yet. */
  async function listDevices(): Promise<number> {
    if (!media || typeof media.enumerateDevices !== 'function') return 0
    let all: MediaDeviceInfo[]
    try {
      all = await media.enumerateDevices()
    } catch {
      return 0
    }
    const cameras = all.filter((d) => d.kind === 'videoinput')
    // Before the first grant ids and labels are blank: list nothing rather than anonymous entries.
    if (granted || cameras.some((d) => d.label)) {
      devices.value = cameras
        .filter((d) => d.deviceId)
        .map((d) => ({ deviceId: d.deviceId, label: d.label, facing: classify(d) }))
    }
    return cameras.length
  }

  function ladder(): MediaStreamConstraints[] {
    const base: MediaTrackConstraints = {}
    if (deviceId.value) base.deviceId = { exact: deviceId.value }
    else if (wantedFacing) base.facingMode = { ideal: wantedFacing }
    const sizes: [number, number][] = [
      [idealWidth, idealHeight],
      ...FALLBACK_SIZES.filter(([w]) => w < idealWidth),
    ]
    const steps: MediaStreamConstraints[] = sizes.map(([w, h]) => ({
      video: { ...base, width: { ideal: w }, height: { ideal: h } },
    }))
    if (Object.keys(base).length) steps.push({ video: base })
    steps.push({ video: true })
    return steps
  }

  function release() {
    round++
    endedCleanup?.()
    endedCleanup = null
    if (stream.value) stopTracks(stream.value)
    stream.value = null
    active.value = false
    trackSize.value = null
    pending = null
    starting.value = false
  }

  async function attach(s: MediaStream, thisRound: number): Promise<boolean> {
    const track = s.getVideoTracks()[0]
    const settings: MediaTrackSettings = track?.getSettings?.() ?? {}
    stream.value = s
    active.value = true
    granted = true
    if (settings.deviceId) deviceId.value = settings.deviceId
    trackSize.value =
      settings.width && settings.height ? { width: settings.width, height: settings.height } : null
    if (track) {
      const onEnded = () => void lost(s)
      track.addEventListener('ended', onEnded)
      endedCleanup = () => track.removeEventListener('ended', onEnded)
    }
    await listDevices()
    if (thisRound !== round) return false
    const reported = settings.facingMode
    facing.value =
      reported === 'user' || reported === 'environment'
        ? reported
        : (devices.value.find((d) => d.deviceId === deviceId.value)?.facing ?? wantedFacing)
    return true
  }

  /** The track ended on its own: camera unplugged, taken by the system, or permission revoked. */
  async function lost(s: MediaStream) {
    if (stream.value !== s) return
    release()
    const count = await listDevices()
    error.value = { kind: count ? 'busy' : 'not-found' }
  }

  async function open(thisRound: number): Promise<boolean> {
    const steps = ladder()
    let failure: unknown
    for (let i = 0; i < steps.length; i++) {
      try {
        const s = await media!.getUserMedia(steps[i])
        if (thisRound !== round) {
          // stopped (tab hidden, disposed, other camera chosen) while the browser was opening it
          stopTracks(s)
          return false
        }
        return await attach(s, thisRound)
      } catch (err) {
        if (thisRound !== round) return false
        failure = err
        if (!isOverconstrained(err)) break
        const constraint = (err as { constraint?: string }).constraint
        if (constraint === 'deviceId' || constraint === 'facingMode') {
          // That camera is gone (or no camera faces that way): any camera beats none.
          if (constraint === 'deviceId' && deviceId.value === readStored()) remember(null)
          i = Math.max(i, steps.length - 2)
        }
      }
    }
    let problem = toCameraError(failure)
    if (problem.kind === 'overconstrained' || errorName(failure) === 'NotFoundError') {
      const count = await listDevices()
      if (thisRound !== round) return false
      if (count === 0) problem = { kind: 'not-found' }
    }
    error.value = problem
    return false
  }

  async function start(): Promise<boolean> {
    if (active.value && stream.value) return true
    if (pending) return pending
    const blocked = unusable()
    if (blocked) {
      error.value = blocked
      return false
    }
    const thisRound = ++round
    starting.value = true
    error.value = null
    const run = open(thisRound)
    pending = run
    try {
      return await run
    } finally {
      if (pending === run) {
        pending = null
        starting.value = false
      }
    }
  }

  function stop() {
    resumeOnVisible = false
    release()
  }

  async function selectDevice(id: string): Promise<void> {
    if (id === deviceId.value && active.value) return
    remember(id)
    // Stop first: Android opens one camera at a time and fails the next with NotReadableError.
    release()
    deviceId.value = id
    wantedFacing = devices.value.find((d) => d.deviceId === id)?.facing ?? null
    await start()
  }

  async function switchFacing(): Promise<void> {
    const target: Facing = facing.value === 'environment' ? 'user' : 'environment'
    // facingMode is unreliable on some Android builds: use a known deviceId when there is one.
    const known = devices.value.find((d) => d.facing === target)
    if (known) return selectDevice(known.deviceId)
    release()
    deviceId.value = null
    wantedFacing = target
    if (await start()) remember(deviceId.value)
  }

  async function frameReady(video: HTMLVideoElement) {
    if (video.readyState >= 2 && video.videoWidth) return
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        video.removeEventListener('loadeddata', done)
        resolve()
      }
      const timer = setTimeout(done, 3000)
      video.addEventListener('loadeddata', done)
    })
  }

  /** The current frame at the track's own size, unmirrored (CSS transforms never reach the pixels). */
  async function grabFrame(video: HTMLVideoElement): Promise<ImageBitmap> {
    await frameReady(video)
    const width = video.videoWidth || trackSize.value?.width || 0
    const height = video.videoHeight || trackSize.value?.height || 0
    if (!width || !height) throw new Error('The camera has not delivered a frame yet.')
    const create: typeof createImageBitmap = win?.createImageBitmap
      ? win.createImageBitmap.bind(win)
      : globalThis.createImageBitmap
    try {
      const bitmap = await create(video)
      if (bitmap.width === width && bitmap.height === height) return bitmap
      bitmap.close()
    } catch {
      // Older Safari and some Firefox builds refuse a video source: draw it instead.
    }
    const canvas = (doc ?? document).createElement('canvas')
    canvas.width = width
    canvas.height = height
    try {
      const ctx = canvas.getContext('2d')
      if (!ctx) throw new Error('No 2D canvas to grab the camera frame.')
      ctx.drawImage(video, 0, 0, width, height)
      return await create(canvas)
    } finally {
      // release the pixels now, not at the next GC (iPad memory, field note 10)
      canvas.width = 0
      canvas.height = 0
    }
  }

  function onVisibility() {
    if (!doc) return
    if (doc.visibilityState === 'hidden') {
      if (active.value || starting.value) {
        release()
        resumeOnVisible = true
      }
    } else if (resumeOnVisible) {
      resumeOnVisible = false
      void start()
    }
  }

  const onDeviceChange = () => void listDevices()

  doc?.addEventListener('visibilitychange', onVisibility)
  media?.addEventListener?.('devicechange', onDeviceChange)

  if (getCurrentScope()) {
    onScopeDispose(() => {
      stop()
      doc?.removeEventListener('visibilitychange', onVisibility)
      media?.removeEventListener?.('devicechange', onDeviceChange)
    })
  }

  return {
    isSupported,
    isSecure,
    stream,
    active,
    starting,
    error,
    devices,
    deviceId,
    facing,
    canSwitchFacing,
    mirrored,
    trackSize,
    start,
    stop,
    selectDevice,
    switchFacing,
    grabFrame,
  }
}
