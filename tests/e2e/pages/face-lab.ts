// Smart capture in a real browser, without the rest of the app: CameraPanel with FaceCoaching in
// its guide slot, useFaceGuide on the panel's video, the face-aware crop of a grabbed frame, and a
// save (profile photo, then optionally the Visual Face) against the simulator the test serves.
// Query: ?autoStart=1 &autoCapture=1 &slowMs=400 &sizes=224,160 &aspect=0.75 &checks=1 &lang=ko
import { createApp, defineComponent, h, ref, shallowRef, watch } from 'vue'
import { createAppI18n } from '@/i18n/index.ts'
import '@/assets/main.css'
import CameraPanel from '@/components/CameraPanel.vue'
import FaceCoaching from '@/components/FaceCoaching.vue'
import VisualFaceOption from '@/components/VisualFaceOption.vue'
import { useFaceGuide } from '@/composables/useFaceGuide.ts'
import {
  autoCrop,
  detectInSample,
  faceGeometry,
  sampleFrame,
  renderVisualFace,
  type FaceCropResult,
  type VisualFaceState,
} from '@/face/index.ts'
import { blobToBase64, initialCrop, preparePhoto, renderCrop, type Crop } from '@/photo/index.ts'
import { getFaceDetector } from '@/workers/face-detector.ts'
import { login } from '@/api/auth.ts'
import { setSessionId } from '@/api/client.ts'
import { updatePhoto } from '@/api/users.ts'
import { enrollVisualFace } from '@/api/faces.ts'
import cameraEn from '@/i18n/camera.en.ts'
import cameraKo from '@/i18n/camera.ko.ts'
import faceEn from '@/i18n/face.en.ts'
import faceKo from '@/i18n/face.ko.ts'

/** How a crop came out, and where the face is in the rendered crop when detected again. */
export interface CaptureReport {
  width: number
  height: number
  crop: Crop
  /** 'live': from the guide's last detection; 'still': detected on the frame; 'centred': none. */
  source: 'live' | 'still' | 'centred'
  result: Pick<
    FaceCropResult,
    'faces' | 'chosen' | 'reason' | 'onRule' | 'headShare' | 'eyeLine' | 'centreOffset'
  > | null
  /** Detected again on the crop rendered at 480 px: shares of the crop's size. */
  recheck: { faces: number; eyeLine: number; headShare: number; centreOffset: number } | null
  ms: number
}

export interface FaceLabState {
  status: string
  offReason: string | null
  instruction: string | null
  text: string
  allPass: boolean
  guideState: string
  stableFor: number
  checks: { id: string; state: string; value: number | null }[]
  timings: unknown
  autoCaptures: number
}

export interface FaceLab {
  state(): FaceLabState
  /**
   * Grabs a frame and crops it: the guide's face, else a still detection, else centred.
   * `recheck: false` skips detecting the face again in the rendered crop.
   */
  capture(options?: { still?: boolean; recheck?: boolean }): Promise<CaptureReport | null>
  /** Signs in to the simulator and saves the last capture for `userId`. */
  save(
    userId: string,
    visual: boolean,
    operator: { loginId: string; password: string },
  ): Promise<{ profileBytes: number; visual: VisualFaceState['kind'] }>
  /** Model load and a detection of the live frame, timed (for the report). */
  time(): Promise<{ loadMs: number; where: string; backend: string; detectMs: number[] }>
  /**
   * The guide's pace (for the bench): when the video started playing and when the first
   * instruction showed (ms since navigation), detection rounds so far, and the page's long
   * tasks (main thread busy >= 50 ms) since `since`.
   */
  pace(since?: number): {
    playingAt: number | null
    firstAdviceAt: number | null
    firstAdvice: string | null
    rounds: number
    /** Each round's detection time in the worker, and the whole round on the page, ms. */
    detectMs: number[]
    roundMs: number[]
    now: number
    longTasks: number[]
  }
}

declare global {
  interface Window {
    faceLab: FaceLab
  }
}

const params = new URLSearchParams(location.search)
const aspect = Number(params.get('aspect') ?? 1)

const panel = ref<InstanceType<typeof CameraPanel> | null>(null)
const video = shallowRef<HTMLVideoElement | null>(null)
const mirrored = ref(true)
const visualOn = ref(false)
const visualState = shallowRef<VisualFaceState>({ kind: 'idle' })
let autoCaptures = 0
let last: { bitmap: ImageBitmap; crop: Crop } | null = null

// The bench's pace figures: long tasks, first advice, rounds.
const longTasks: { at: number; ms: number }[] = []
if (PerformanceObserver.supportedEntryTypes?.includes('longtask'))
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ at: e.startTime, ms: e.duration })
  }).observe({ type: 'longtask', buffered: true })
let playingAt: number | null = null
let firstAdviceAt: number | null = null
let firstAdvice: string | null = null
let rounds = 0

const guide = useFaceGuide(video, {
  mirrored,
  aspect,
  slowMs: Number(params.get('slowMs') ?? 400),
  inputSizes: params.get('sizes')?.split(',').map(Number),
})

watch(guide.instruction, (key) => {
  if (firstAdviceAt === null && key?.startsWith('face.do.')) {
    firstAdviceAt = performance.now()
    firstAdvice = key
  }
})
const detections: { at: number; ms: number; round: number }[] = []
watch(guide.timings, (t) => {
  rounds++
  if (t.detectMs !== null)
    detections.push({ at: performance.now(), ms: t.detectMs, round: t.roundMs ?? 0 })
})

const Lab = defineComponent({
  setup() {
    function onState(s: { active: boolean }) {
      if (!s.active) return
      playingAt ??= performance.now()
      // The lab reads the panel's video from the DOM: CameraPanel does not expose it (yet).
      requestAnimationFrame(() => {
        const el = document.querySelector<HTMLVideoElement>('.camera-panel video')
        video.value = el
        mirrored.value = el?.classList.contains('mirrored') ?? true
      })
    }
    return () =>
      h(
        'div',
        { class: 'lab', style: { maxWidth: '760px', margin: '1rem auto', padding: '0 1rem' } },
        [
          h(
            CameraPanel,
            {
              ref: panel,
              autoStart: params.get('autoStart') === '1',
              guideState: guide.guideState.value,
              aspect,
              onState,
            },
            {
              guide: () =>
                h(FaceCoaching, {
                  status: guide.status.value,
                  instruction: guide.instruction.value,
                  allPass: guide.allPass.value,
                  stableFor: guide.stableFor.value,
                  checks: guide.checks.value,
                  offReason: guide.offReason.value,
                  autoCapture: params.get('autoCapture') === '1',
                  showChecks: params.get('checks') === '1',
                  onCapture: () => {
                    autoCaptures++
                  },
                }),
            },
          ),
          h(VisualFaceOption, {
            modelValue: visualOn.value,
            state: visualState.value,
            'onUpdate:modelValue': (v: boolean) => (visualOn.value = v),
          }),
        ],
      )
  },
})

async function recheck(bitmap: ImageBitmap, crop: Crop): Promise<CaptureReport['recheck']> {
  const detector = await getFaceDetector()
  const side = 480
  const canvas = await renderCrop(bitmap, crop, side, Math.round(side / aspect))
  const sample = sampleFrame(canvas, side)
  let { faces } = await detectInSample(detector, sample, { inputSize: 416 })
  if (!faces.length) faces = (await detectInSample(detector, sample, { inputSize: 224 })).faces
  const face = faces.sort((a, b) => b.box.width - a.box.width)[0]
  if (!face) return { faces: 0, eyeLine: NaN, headShare: NaN, centreOffset: NaN }
  const g = faceGeometry(face)
  return {
    faces: faces.length,
    eyeLine: g.eyeMid.y / sample.height,
    headShare: g.headHeight / sample.height,
    centreOffset: (g.centre.x - sample.width / 2) / sample.width,
  }
}

window.faceLab = {
  state() {
    return {
      status: guide.status.value,
      offReason: guide.offReason.value,
      instruction: guide.instruction.value,
      text: document.querySelector('[data-test="face-instruction"]')?.textContent?.trim() ?? '',
      allPass: guide.allPass.value,
      guideState: guide.guideState.value,
      stableFor: guide.stableFor.value,
      checks: guide.checks.value.map((c) => ({ id: c.id, state: c.state, value: c.value })),
      timings: guide.timings.value,
      autoCaptures,
    }
  },
  async capture(options = {}) {
    const started = performance.now()
    const bitmap = await panel.value?.grab()
    if (!bitmap) return null
    const { width, height } = bitmap
    let source: CaptureReport['source'] = 'centred'
    let result: FaceCropResult | null = options.still ? null : guide.cropFor(width, height, aspect)
    if (result) source = 'live'
    else if (guide.status.value !== 'off') {
      try {
        result = await autoCrop(await getFaceDetector(), bitmap, aspect)
        source = 'still'
      } catch {
        result = null
      }
    }
    const crop = result?.crop ?? initialCrop(width, height, aspect)
    if (result?.reason === 'no-face') source = 'centred'
    last?.bitmap.close()
    last = { bitmap, crop }
    const ms = performance.now() - started
    const summary = result && {
      faces: result.faces,
      chosen: result.chosen,
      reason: result.reason,
      onRule: result.onRule,
      headShare: result.headShare,
      eyeLine: result.eyeLine,
      centreOffset: result.centreOffset,
    }
    const check =
      result && result.reason !== 'no-face' && options.recheck !== false
        ? await recheck(bitmap, crop)
        : null
    return { width, height, crop, source, result: summary, recheck: check, ms }
  },
  async save(userId, visual, operator) {
    if (!last) throw new Error('capture first')
    const { sessionId } = await login(operator.loginId, operator.password)
    setSessionId(sessionId)
    const { bitmap, crop } = last
    visualOn.value = visual
    // What the store will do: the high-resolution picture first (the bitmap is closed after a
    // save), the profile photo PUT, then the Visual Face, whose failure leaves the photo saved.
    const picture = visual ? await renderVisualFace(bitmap, crop) : null
    const photo = await preparePhoto(bitmap, crop, { aspect, maxSide: 400, maxBytes: 16_000 })
    await updatePhoto(userId, await blobToBase64(photo.blob))
    if (picture) {
      visualState.value = { kind: 'saving' }
      try {
        const checked = await enrollVisualFace(userId, picture.base64)
        visualState.value = { kind: 'saved', image: checked.image }
      } catch (error) {
        visualState.value = { kind: 'failed', error }
      }
    }
    return { profileBytes: photo.bytes, visual: visualState.value.kind }
  },
  pace(since = 0) {
    return {
      playingAt,
      firstAdviceAt,
      firstAdvice,
      rounds,
      detectMs: detections.filter((d) => d.at >= since).map((d) => d.ms),
      roundMs: detections.filter((d) => d.at >= since).map((d) => d.round),
      now: performance.now(),
      longTasks: longTasks.filter((t) => t.at >= since).map((t) => t.ms),
    }
  },
  async time() {
    const started = performance.now()
    const detector = await getFaceDetector()
    const loadMs = performance.now() - started
    const detectMs: number[] = []
    const el = video.value
    if (el) {
      for (const inputSize of [320, 224, 160]) {
        const sample = sampleFrame(el, 320)
        detectMs.push((await detectInSample(detector, sample, { inputSize })).ms)
      }
    }
    return { loadMs, where: detector.where, backend: detector.info.backend, detectMs }
  },
}

const lang = params.get('lang') === 'ko' ? 'ko' : 'en'
document.documentElement.lang = lang
const i18n = createAppI18n(lang, {
  en: { camera: cameraEn, face: faceEn },
  ko: { camera: cameraKo, face: faceKo },
})
createApp(Lab).use(i18n).mount('#app')
