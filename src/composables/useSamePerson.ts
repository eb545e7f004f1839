// "Is this the same person?" on the desk: the current photo of the person found against the new
// picture's JPEG (src/face/compare.ts, in the face worker; the model loads on the first check).
// Nothing runs when the person has no photo, so a first enrollment never waits for it. What the
// desk does with a verdict (wait, hold, "Save anyway") is src/desk/same-person.ts.
import { ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue'
import {
  compareWithCurrent,
  describeCurrent,
  type FaceDescription,
  type FaceDetector,
  type SamePerson,
} from '@/face/index.ts'
import { getFaceDetector } from '@/workers/face-detector.ts'

export interface UseSamePersonOptions {
  /** The check is on (Settings) and the face model may load. */
  enabled(): boolean
  /** The current photo of the person on the desk (BioStar's base64), null without one. */
  currentPhoto(): string | null
  /** The new picture's JPEG as it would be stored, null while there is none. */
  newPhoto(): Blob | null
  loadDetector?: () => Promise<FaceDetector>
}

export interface UseSamePersonReturn {
  /** The verdict on the current new picture; null while checking or when no check applies. */
  result: ShallowRef<SamePerson | null>
  checking: Ref<boolean>
  /** Time from the new picture to the verdict, ms (the bench and the session log). */
  ms: Ref<number | null>
  /** The verdict for `photo`, as long as it takes; null when no check applies. */
  verdict(photo: Blob): Promise<SamePerson | null>
}

export function useSamePerson(options: UseSamePersonOptions): UseSamePersonReturn {
  const load = options.loadDetector ?? (() => getFaceDetector())
  const result = shallowRef<SamePerson | null>(null)
  const checking = ref(false)
  const ms = ref<number | null>(null)
  // The current photo's description, made once per photo (when the person is found).
  let current: { photo: string; description: Promise<FaceDescription> } | null = null
  let running: { photo: Blob; verdict: Promise<SamePerson | null> } | null = null

  function describeStored(photo: string) {
    if (current?.photo !== photo)
      current = { photo, description: load().then((d) => describeCurrent(d, photo)) }
    return current.description
  }

  function verdict(photo: Blob): Promise<SamePerson | null> {
    const stored = options.currentPhoto()
    if (!options.enabled() || !stored) return Promise.resolve(null)
    if (running?.photo === photo) return running.verdict
    const started = performance.now()
    checking.value = true
    const answer = load()
      .then((detector) => compareWithCurrent(detector, describeStored(stored), photo))
      .catch((): SamePerson => ({ verdict: 'unknown', reason: 'failed' }))
    running = { photo, verdict: answer }
    void answer.then((v) => {
      if (running?.verdict !== answer) return
      result.value = v
      ms.value = Math.round(performance.now() - started)
      checking.value = false
    })
    return answer
  }

  // The current photo is described as soon as the person is on the desk (the model loads then),
  // so the verdict on a new picture takes one description.
  watch(
    () => (options.enabled() ? options.currentPhoto() : null),
    (photo) => {
      if (photo) void describeStored(photo).catch(() => {})
    },
    { immediate: true },
  )
  watch(
    () => options.newPhoto(),
    (photo) => {
      result.value = null
      ms.value = null
      running = null
      checking.value = false
      if (photo) void verdict(photo)
    },
  )

  return { result, checking, ms, verdict }
}
