// Mounts CameraPanel alone for the browser tests (served by a Vite dev server the test starts).
// Query: ?autoStart=1 &guideState=good &guideText=Move%20closer &aspect=0.75 &lang=ko
import { createApp, defineComponent, h, ref, shallowRef } from 'vue'
import { createAppI18n } from '@/i18n/index.ts'
import '@/assets/main.css'
import CameraPanel from '@/components/CameraPanel.vue'
import FaceCoaching from '@/components/FaceCoaching.vue'
import type { CameraError } from '@/composables/camera-errors.ts'
import cameraEn from '@/i18n/camera.en.ts'
import cameraKo from '@/i18n/camera.ko.ts'
import faceEn from '@/i18n/face.en.ts'
import faceKo from '@/i18n/face.ko.ts'

type GuideState = 'neutral' | 'good' | 'warn'
export type CoachingProps = InstanceType<typeof FaceCoaching>['$props']

export interface GrabSample {
  width: number
  height: number
  /** RGB at 25 % and 75 % of the width, half height. */
  left: number[]
  right: number[]
}

export interface TrackInfo {
  readyState: MediaStreamTrackState
  deviceId: string | undefined
}

export interface CameraLab {
  grab(): Promise<GrabSample | null>
  start(): Promise<boolean>
  stop(): void
  /** Every video track the page opened, oldest first. */
  tracks(): TrackInfo[]
  states: { active: boolean; error: CameraError | null }[]
  /** Puts `text` in the guide slot's default line ('' for none, undefined for the hint). */
  showText(text: string | undefined, state?: GuideState): void
  /** Puts FaceCoaching in the guide slot instead, as EnrollView does. */
  showCoaching(props: CoachingProps, state?: GuideState): void
}

declare global {
  interface Window {
    lab: CameraLab
  }
}

const params = new URLSearchParams(location.search)

const opened: MediaStream[] = []
const media = navigator.mediaDevices
if (media) {
  const original = media.getUserMedia.bind(media)
  media.getUserMedia = async (constraints) => {
    const stream = await original(constraints)
    opened.push(stream)
    return stream
  }
}

const panel = ref<InstanceType<typeof CameraPanel> | null>(null)
const states: CameraLab['states'] = []
const guideState = ref((params.get('guideState') as GuideState | null) ?? 'neutral')
const guideText = ref(params.get('guideText') ?? undefined)
const coaching = shallowRef<CoachingProps | null>(null)

const Lab = defineComponent({
  setup() {
    return () =>
      h(
        CameraPanel,
        {
          ref: panel,
          autoStart: params.get('autoStart') === '1',
          guideState: guideState.value,
          guideText: guideText.value,
          aspect: Number(params.get('aspect') ?? 1),
          onState: (s: CameraLab['states'][number]) => states.push(s),
        },
        coaching.value ? { guide: () => h(FaceCoaching, coaching.value!) } : undefined,
      )
  },
})

window.lab = {
  states,
  async grab() {
    const bitmap = await panel.value?.grab()
    if (!bitmap) return null
    const canvas = document.createElement('canvas')
    canvas.width = bitmap.width
    canvas.height = bitmap.height
    const ctx = canvas.getContext('2d')!
    ctx.drawImage(bitmap, 0, 0)
    const at = (fx: number) =>
      Array.from(
        ctx.getImageData(Math.floor(fx * bitmap.width), Math.floor(bitmap.height / 2), 1, 1).data,
      ).slice(0, 3)
    const sample = { width: bitmap.width, height: bitmap.height, left: at(0.25), right: at(0.75) }
    bitmap.close()
    return sample
  },
  showText(text, state = guideState.value) {
    coaching.value = null
    guideText.value = text
    guideState.value = state
  },
  showCoaching(props, state = guideState.value) {
    coaching.value = props
    guideState.value = state
  },
  start: () => panel.value?.start() ?? Promise.resolve(false),
  stop: () => panel.value?.stop(),
  tracks: () =>
    opened.flatMap((s) =>
      s
        .getVideoTracks()
        .map((t) => ({ readyState: t.readyState, deviceId: t.getSettings().deviceId })),
    ),
}

const lang = params.get('lang') === 'ko' ? 'ko' : 'en'
document.documentElement.lang = lang
const i18n = createAppI18n(lang, {
  en: { camera: cameraEn, face: faceEn },
  ko: { camera: cameraKo, face: faceKo },
})
createApp(Lab).use(i18n).mount('#app')
