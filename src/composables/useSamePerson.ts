// "Is this the same person?" on the desk: the current photo of the person found and the new
// picture's JPEG, each described by the face worker (face-api's recognition model, loaded on the
// first check), compared by src/face/match.ts. Nothing runs when the person has no photo, so a
// first enrollment never waits for it.
import { ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue'
import {
  describePhoto,
  samePerson,
  type FaceDescription,
  type FaceDetector,
  type SamePerson,
} from '@/face/index.ts'
import { base64ToBlob } from '@/photo/index.ts'
import { getFaceDetector } from '@/workers/face-detector.ts'

/** A save waits this long for a verdict still coming (model load included), then goes on. */
export const SAME_PERSON_WAIT_MS = 8_000

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
  /** The verdict for `photo` once it is there (at most `waitMs`); null when no check applies. */
  settled(photo: Blob, waitMs?: number): Promise<SamePerson | null>
}

const describe = describePhoto

export function useSamePerson(options: UseSamePersonOptions): UseSamePersonReturn {
  const load = options.loadDetector ?? (() => getFaceDetector())
  const result = shallowRef<SamePerson | null>(null)
  const checking = ref(false)
  const ms = ref<number | null>(null)
  // The current photo's description, made once per photo (when the person is found).
  let current: { photo: string; description: Promise<FaceDescription> } | null = null
  let running: { photo: Blob; verdict: Promise<SamePerson | null> } | null = null

  function describeCurrent(photo: string) {
    if (current?.photo !== photo)
      current = { photo, description: load().then((d) => describe(d, base64ToBlob(photo))) }
    return current.description
  }

  function check(photo: Blob): Promise<SamePerson | null> {
    const stored = options.currentPhoto()
    if (!options.enabled() || !stored) return Promise.resolve(null)
    if (running?.photo === photo) return running.verdict
    const started = performance.now()
    checking.value = true
    const verdict = (async (): Promise<SamePerson | null> => {
      try {
        const detector = await load()
        const [before, after] = await Promise.all([
          describeCurrent(stored),
          describe(detector, photo),
        ])
        return samePerson(before, after)
      } catch {
        return { verdict: 'unknown', reason: 'failed' }
      }
    })()
    running = { photo, verdict }
    void verdict.then((v) => {
      if (running?.verdict !== verdict) return
      result.value = v
      ms.value = Math.round(performance.now() - started)
      checking.value = false
    })
    return verdict
  }

  // The current photo is described as soon as the person is on the desk (the model loads then),
  // so the verdict on a new picture takes one description.
  watch(
    () => (options.enabled() ? options.currentPhoto() : null),
    (photo) => {
      if (photo) void describeCurrent(photo).catch(() => {})
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
      if (photo) void check(photo)
    },
  )

  function settled(photo: Blob, waitMs = SAME_PERSON_WAIT_MS): Promise<SamePerson | null> {
    const verdict = check(photo)
    return Promise.race([
      verdict,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs)),
    ])
  }

  return { result, checking, ms, settled }
}
