// Live face coaching on the camera preview: a few detections per second on a downscaled frame,
// run in a Worker and scheduled in idle time, paused while the tab is hidden; it switches
// itself off (and says so) when the model cannot load or the device is too slow.
import {
  computed,
  getCurrentScope,
  onScopeDispose,
  ref,
  shallowRef,
  toValue,
  watch,
  type ComputedRef,
  type MaybeRefOrGetter,
  type Ref,
  type ShallowRef,
} from 'vue'
import {
  assessLiveFrame,
  faceCrop,
  type Check,
  type DetectedFace,
  type FaceCropResult,
  type FaceDetector,
  type FrameAssessment,
  type Instruction,
  type LiveFrame,
} from '@/face/index.ts'
import { LiveSweep } from '@/face/search.ts'
import { getFaceDetector } from '@/workers/face-detector.ts'

export type FaceGuideStatus = 'loading' | 'ready' | 'off'
/** Why guidance is off: no model (network, 404, CSP), too slow, or switched off. */
export type FaceGuideOffReason = 'model' | 'slow' | 'disabled'

export interface UseFaceGuideOptions {
  /** Whether the preview is mirrored (selfie view); directions follow what is shown. Default true. */
  mirrored?: MaybeRefOrGetter<boolean>
  /** Crop width / height (settings). Default 1. */
  aspect?: MaybeRefOrGetter<number>
  /** Turn guidance on or off (e.g. a setting). Default true. */
  enabled?: MaybeRefOrGetter<boolean>
  /** Detections per second at most. Default 12. */
  maxPerSecond?: number
  /**
   * A detection slower than this (ms) at the smallest input counts as slow. Default 400 when it
   * runs on the page (it blocks the UI that long), 1200 in a Worker (the UI stays responsive;
   * past that the advice lags too far behind the person).
   */
  slowMs?: number
  /** This many slow detections in a row switch guidance off. Default 3. */
  slowStrikes?: number
  /**
   * What to adapt between, best first: 0 is the sweep (whole frame and tiles, a small face
   * followed: src/face/search.ts LiveSweep), a number the whole frame at that input side.
   * Default [0, 224, 160].
   */
  inputSizes?: number[]
  /** The detector; default the page's shared one (getFaceDetector). */
  loadDetector?: () => Promise<FaceDetector>
  /** One frame's work; injectable for tests. Default assessLiveFrame. */
  assess?: typeof assessLiveFrame
  document?: Document
  window?: Window
}

/** The face the guide saw last, in the video's own pixels. */
export interface LastFace {
  faces: DetectedFace[]
  chosen: number | null
  width: number
  height: number
  /** performance.now() when the frame was taken. */
  at: number
}

export interface FaceGuideTimings {
  where: 'worker' | 'main' | null
  backend: string | null
  /** Model download + warm-up, ms. */
  loadMs: number | null
  /** Last detection (where it ran) and the whole round on the page, ms. */
  detectMs: number | null
  roundMs: number | null
  /** What the last detection searched: 0 the sweep, else the whole frame at this input side. */
  inputSize: number
}

export interface UseFaceGuideReturn {
  status: Ref<FaceGuideStatus>
  offReason: Ref<FaceGuideOffReason | null>
  checks: Ref<Check[]>
  allPass: Ref<boolean>
  /** i18n key of what to do now (`face.do.*`), or of the state (`face.status.*`); null: nothing. */
  instruction: Ref<string | null>
  /** The colour for CameraPanel's oval. */
  guideState: ComputedRef<'neutral' | 'good' | 'warn'>
  assessment: ShallowRef<FrameAssessment | null>
  lastFace: ShallowRef<LastFace | null>
  /** How long (ms) all checks have passed without a break; 0 when they do not. */
  stableFor: Ref<number>
  timings: Ref<FaceGuideTimings>
  /**
   * The face-aware crop of a frame just grabbed from the same video (its size must match the
   * last detection, at most `maxAgeMs` old: default 1.5 s, or three detection rounds on a slow
   * device). null: no recent detection; use autoCrop, or the centred crop.
   */
  cropFor(width: number, height: number, aspect?: number, maxAgeMs?: number): FaceCropResult | null
}

const INSTRUCTION_KEY = (i: Instruction) => `face.do.${i}`

export function useFaceGuide(
  videoEl: Ref<HTMLVideoElement | null | undefined>,
  options: UseFaceGuideOptions = {},
): UseFaceGuideReturn {
  const win = options.window ?? (typeof window === 'undefined' ? undefined : window)
  const doc = options.document ?? win?.document
  const interval = 1000 / Math.min(15, Math.max(0.5, options.maxPerSecond ?? 12))
  const slowLimit = () => options.slowMs ?? (detector?.where === 'main' ? 400 : 1200)
  const slowStrikes = options.slowStrikes ?? 3
  const sizes = options.inputSizes?.length ? options.inputSizes : [0, 224, 160]
  const sweep = new LiveSweep()
  const load = options.loadDetector ?? (() => getFaceDetector())
  const assess = options.assess ?? assessLiveFrame

  const status = ref<FaceGuideStatus>('loading')
  const offReason = ref<FaceGuideOffReason | null>(null)
  const checks = ref<Check[]>([])
  const allPass = ref(false)
  const instruction = ref<string | null>('face.status.loading')
  const assessment = shallowRef<FrameAssessment | null>(null)
  const lastFace = shallowRef<LastFace | null>(null)
  const stableFor = ref(0)
  // Start with the best: slow devices step down (the first detections tell).
  let sizeIndex = 0
  const timings = ref<FaceGuideTimings>({
    where: null,
    backend: null,
    loadMs: null,
    detectMs: null,
    roundMs: null,
    inputSize: sizes[sizeIndex]!,
  })

  const guideState = computed(() => {
    if (status.value !== 'ready' || !assessment.value) return 'neutral'
    return allPass.value ? 'good' : 'warn'
  })

  let detector: FaceDetector | null = null
  let loading: Promise<FaceDetector | null> | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let idle: number | null = null
  let busy = false
  let disposed = false
  let slowInRow = 0
  let fastInRow = 0
  let stableSince: number | null = null
  // The instruction shown changes after two frames agree, so it does not flicker.
  let candidate: string | null = null

  const enabled = () => toValue(options.enabled ?? true)
  // A function, so TypeScript does not keep a narrowing of status across awaits.
  const isOff = () => status.value === 'off'

  function turnOff(reason: FaceGuideOffReason) {
    status.value = 'off'
    offReason.value = reason
    instruction.value = reason === 'disabled' ? null : 'face.status.off'
    checks.value = []
    allPass.value = false
    assessment.value = null
    stableFor.value = 0
    stableSince = null
    stopLoop()
  }

  function ensureDetector(): Promise<FaceDetector | null> {
    loading ??= (async () => {
      const started = performance.now()
      try {
        const d = await load()
        if (disposed) return null
        detector = d
        timings.value = {
          ...timings.value,
          where: d.where,
          backend: d.info.backend,
          loadMs: Math.round(performance.now() - started),
        }
        if (status.value === 'loading') {
          status.value = 'ready'
          instruction.value = null
        }
        return d
      } catch {
        if (!disposed) turnOff('model')
        return null
      }
    })()
    return loading
  }

  function videoReady(v: HTMLVideoElement | null | undefined): v is HTMLVideoElement {
    return !!v && v.readyState >= 2 && v.videoWidth > 0 && !v.paused && !v.ended
  }

  function schedule(delay = interval) {
    if (disposed || timer !== null || status.value === 'off') return
    timer = setTimeout(() => {
      timer = null
      tick()
    }, delay)
  }

  function stopLoop() {
    if (timer !== null) clearTimeout(timer)
    timer = null
    // A round waiting for idle time never runs now: it must not keep the loop busy for ever
    // (the guide switched off while a picture is on the desk, then on again).
    if (idle !== null) {
      win?.cancelIdleCallback?.(idle)
      busy = false
    }
    idle = null
  }

  function tick() {
    if (disposed || status.value === 'off' || !enabled()) return
    schedule()
    // Paused while hidden; a tick still running is never doubled.
    if (busy || doc?.hidden) return
    const video = videoEl.value
    if (!videoReady(video)) return
    busy = true
    const started = performance.now()
    const run = () => {
      idle = null
      void detectOnce(video).finally(() => {
        busy = false
        // The next round as soon as this one's interval is over, not at the first tick after
        // it ends (a round of 100 ms would otherwise wait for the tick at 167 ms).
        if (timer === null) return
        clearTimeout(timer)
        timer = null
        schedule(Math.max(0, started + interval - performance.now()))
      })
    }
    if (win?.requestIdleCallback) idle = win.requestIdleCallback(run, { timeout: interval })
    else run()
  }

  async function detectOnce(video: HTMLVideoElement) {
    const d = detector ?? (await ensureDetector())
    if (!d || disposed || isOff()) return
    const at = performance.now()
    const inputSize = sizes[sizeIndex]!
    let frame: LiveFrame
    try {
      frame = await assess(d, video, {
        mirrored: toValue(options.mirrored ?? true),
        aspect: toValue(options.aspect ?? 1),
        ...(inputSize ? { inputSize } : { sweep }),
        previous: assessment.value?.checks,
      })
    } catch {
      // A frame that could not be read (camera switching) is skipped; a dead worker is not.
      if (!detector) turnOff('model')
      return
    }
    if (disposed || isOff()) return
    timings.value = {
      ...timings.value,
      detectMs: Math.round(frame.detectMs),
      roundMs: Math.round(frame.totalMs),
      inputSize,
    }
    adapt(frame.detectMs)
    if (isOff()) return
    apply(frame, at)
  }

  /** Smaller input when slow, larger when fast; off when even the smallest is too slow. */
  function adapt(ms: number) {
    const slowMs = slowLimit()
    const smallest = sizeIndex === sizes.length - 1
    if (ms > slowMs) {
      fastInRow = 0
      if (smallest) {
        slowInRow++
        if (slowInRow >= slowStrikes) turnOff('slow')
      } else {
        slowInRow = 0
        sizeIndex++
      }
    } else if (ms > slowMs * 0.6 && !smallest) {
      // Heading for slow: step down before it gets there.
      fastInRow = 0
      slowInRow = 0
      sizeIndex++
    } else {
      slowInRow = 0
      if (ms < slowMs * 0.25 && sizeIndex > 0 && ++fastInRow >= 5) {
        fastInRow = 0
        sizeIndex--
      }
    }
  }

  function apply(frame: LiveFrame, at: number) {
    const a = frame.assessment
    assessment.value = a
    checks.value = a.checks
    allPass.value = a.allPass
    lastFace.value = {
      faces: frame.faces,
      chosen: a.chosen,
      width: frame.width,
      height: frame.height,
      at,
    }
    if (a.allPass) {
      stableSince ??= at
      stableFor.value = Math.round(performance.now() - stableSince)
    } else {
      stableSince = null
      stableFor.value = 0
    }
    const next = a.instruction ? INSTRUCTION_KEY(a.instruction) : null
    if (next === instruction.value) candidate = null
    else if (next === null || instruction.value === null || candidate === next) {
      instruction.value = next
      candidate = null
    } else candidate = next
  }

  function cropFor(width: number, height: number, aspect?: number, maxAgeMs?: number) {
    const last = lastFace.value
    if (!last || status.value !== 'ready') return null
    if (last.width !== width || last.height !== height) return null
    const limit = maxAgeMs ?? Math.max(1500, 3 * (timings.value.roundMs ?? 0))
    if (performance.now() - last.at > limit) return null
    return faceCrop(last.faces, width, height, aspect ?? toValue(options.aspect ?? 1))
  }

  function onVisibility() {
    // Hidden: the loop idles (tick returns early); visible: pick up at once.
    if (!doc?.hidden && timer !== null) {
      clearTimeout(timer)
      timer = null
      schedule(0)
    }
  }

  // Start when there is a video that plays (loading face-api only then), stop when disabled.
  const onPlaying = () => {
    if (!enabled() || status.value === 'off') return
    void ensureDetector()
    schedule(0)
  }
  watch(
    videoEl,
    (video, old) => {
      old?.removeEventListener('playing', onPlaying)
      if (!video) return
      video.addEventListener('playing', onPlaying)
      if (videoReady(video)) onPlaying()
    },
    { immediate: true },
  )
  watch(enabled, (on) => {
    // Off for a reason of its own (no model, too slow) stays so: say that, not "disabled".
    if (!on) return status.value === 'off' ? undefined : turnOff('disabled')
    if (offReason.value === 'disabled') {
      status.value = detector ? 'ready' : 'loading'
      offReason.value = null
      instruction.value = detector ? null : 'face.status.loading'
      if (!detector) loading = null
      if (videoReady(videoEl.value)) onPlaying()
    }
  })
  if (!enabled()) turnOff('disabled')

  doc?.addEventListener('visibilitychange', onVisibility)

  if (getCurrentScope()) {
    onScopeDispose(() => {
      disposed = true
      stopLoop()
      videoEl.value?.removeEventListener('playing', onPlaying)
      doc?.removeEventListener('visibilitychange', onVisibility)
    })
  }

  return {
    status,
    offReason,
    checks,
    allPass,
    instruction,
    guideState,
    assessment,
    lastFace,
    stableFor,
    timings,
    cropFor,
  }
}
