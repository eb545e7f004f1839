// useFaceGuide with a fake detector and fake timers: loads only once the video plays, at most
// four rounds a second, never two at once, paused while hidden, smaller input when slow, off
// (and saying so) when the model fails or even the smallest input is too slow.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref, shallowRef, type EffectScope } from 'vue'
import { useFaceGuide, type UseFaceGuideOptions } from '@/composables/useFaceGuide.ts'
import type {
  FaceDetector,
  FrameAssessment,
  Instruction,
  LiveFrame,
  LiveFrameOptions,
} from '@/face/index.ts'

const detector: FaceDetector = {
  where: 'worker',
  info: { backend: 'cpu', loadMs: 10, warmupMs: 10 },
  detect: async () => ({ faces: [], ms: 1 }),
  describe: async () => ({ faces: 0, descriptor: null, ms: 1 }),
  dispose() {},
}

function assessment(instruction: Instruction | null): FrameAssessment {
  return { checks: [], allPass: instruction === null, instruction, chosen: null, geometry: null }
}

/** One frame's result: the instruction to report and how long detection took. */
function frame(instruction: Instruction | null, detectMs = 20): LiveFrame {
  return {
    faces: [],
    assessment: assessment(instruction),
    lighting: null,
    sharpness: null,
    width: 640,
    height: 480,
    detectMs,
    totalMs: detectMs + 2,
  }
}

function playingVideo(): HTMLVideoElement {
  const video = document.createElement('video')
  Object.defineProperties(video, {
    readyState: { value: 4 },
    videoWidth: { value: 640 },
    videoHeight: { value: 480 },
    paused: { value: false },
    ended: { value: false },
  })
  return video
}

let scope: EffectScope
let doc: Document & { hidden: boolean }

beforeEach(() => {
  vi.useFakeTimers()
  scope = effectScope()
  doc = Object.assign(new EventTarget(), { hidden: false }) as unknown as Document & {
    hidden: boolean
  }
})

afterEach(() => {
  scope.stop()
  vi.useRealTimers()
})

function setup(
  next: (call: number) => LiveFrame | Promise<LiveFrame>,
  options: Partial<UseFaceGuideOptions> = {},
) {
  const video = shallowRef<HTMLVideoElement | null>(null)
  const loadDetector = vi.fn(async () => detector)
  let calls = 0
  const assess = vi.fn<
    (
      detector: FaceDetector,
      video: HTMLVideoElement,
      options: LiveFrameOptions,
    ) => Promise<LiveFrame>
  >(async () => next(++calls))
  const guide = scope.run(() =>
    useFaceGuide(video, {
      loadDetector,
      assess: assess as unknown as UseFaceGuideOptions['assess'],
      // No requestIdleCallback: the round runs straight from the timer.
      window: { document: doc } as unknown as Window,
      ...options,
    }),
  )!
  return { guide, video, loadDetector, assess }
}

describe('useFaceGuide', () => {
  it('loads the detector only once a video plays, then reports each frame', async () => {
    const { guide, video, loadDetector } = setup(() => frame(null))
    expect(guide.status.value).toBe('loading')
    expect(guide.instruction.value).toBe('face.status.loading')
    await vi.advanceTimersByTimeAsync(1000)
    expect(loadDetector).not.toHaveBeenCalled()

    video.value = playingVideo()
    await vi.advanceTimersByTimeAsync(10)
    expect(loadDetector).toHaveBeenCalledTimes(1)
    expect(guide.status.value).toBe('ready')
    expect(guide.allPass.value).toBe(true)
    expect(guide.guideState.value).toBe('good')
    expect(guide.instruction.value).toBeNull()
    expect(guide.timings.value).toMatchObject({ where: 'worker', backend: 'cpu' })
    await vi.advanceTimersByTimeAsync(1100)
    expect(guide.stableFor.value).toBeGreaterThanOrEqual(1000)
  })

  it('runs at most twelve rounds a second, and never two at once', async () => {
    const fast = setup(() => frame(null))
    fast.video.value = playingVideo()
    await vi.advanceTimersByTimeAsync(2000)
    expect(fast.assess.mock.calls.length).toBeGreaterThanOrEqual(20)
    expect(fast.assess.mock.calls.length).toBeLessThanOrEqual(25)

    scope.stop()
    scope = effectScope()
    // Each round takes 900 ms: ticks that find one running are skipped.
    let running = 0
    let most = 0
    const slow = setup(async () => {
      most = Math.max(most, ++running)
      await new Promise((r) => setTimeout(r, 900))
      running--
      return frame(null, 100)
    })
    slow.video.value = playingVideo()
    await vi.advanceTimersByTimeAsync(2000)
    expect(most).toBe(1)
    expect(slow.assess.mock.calls.length).toBeLessThanOrEqual(3)
  })

  it('starts the next round when one longer than the interval ends, not at the next tick', async () => {
    // Rounds of 100 ms at twelve a second (a tick every 83 ms): back to back, ten a second,
    // where waiting for the tick after each would give six.
    const { video, assess } = setup(async () => {
      await new Promise((r) => setTimeout(r, 100))
      return frame(null, 100)
    })
    video.value = playingVideo()
    await vi.advanceTimersByTimeAsync(2000)
    expect(assess.mock.calls.length).toBeGreaterThanOrEqual(19)
    expect(assess.mock.calls.length).toBeLessThanOrEqual(21)
  })

  it('pauses while the tab is hidden', async () => {
    const { video, assess } = setup(() => frame(null))
    video.value = playingVideo()
    await vi.advanceTimersByTimeAsync(300)
    const before = assess.mock.calls.length
    doc.hidden = true
    doc.dispatchEvent(new Event('visibilitychange'))
    await vi.advanceTimersByTimeAsync(3000)
    expect(assess.mock.calls.length).toBe(before)
    doc.hidden = false
    doc.dispatchEvent(new Event('visibilitychange'))
    await vi.advanceTimersByTimeAsync(10)
    expect(assess.mock.calls.length).toBe(before + 1)
  })

  it('is off, and says so, when the model cannot load', async () => {
    const enabled = ref(true)
    const { guide, video } = setup(() => frame(null), {
      loadDetector: () => Promise.reject(new Error('404')),
      enabled,
    })
    video.value = playingVideo()
    await vi.advanceTimersByTimeAsync(10)
    expect(guide.status.value).toBe('off')
    expect(guide.offReason.value).toBe('model')
    expect(guide.instruction.value).toBe('face.status.off')
    expect(guide.guideState.value).toBe('neutral')
    expect(guide.cropFor(640, 480)).toBeNull()
    // Pausing it (a picture on the desk) and resuming keeps the reason.
    enabled.value = false
    await nextTick()
    enabled.value = true
    await nextTick()
    expect(guide.offReason.value).toBe('model')
    expect(guide.instruction.value).toBe('face.status.off')
  })

  it('steps down to a smaller input when slow, and turns off when even that is too slow', async () => {
    // On the page a detection blocks the UI: more than 400 ms is too slow.
    const { guide, video, assess } = setup(() => frame(null, 600), {
      inputSizes: [224, 160],
      loadDetector: async () => ({ ...detector, where: 'main' }),
    })
    video.value = playingVideo()
    await vi.advanceTimersByTimeAsync(10)
    // The first round ran at 224 and was slow: the next one uses 160.
    expect(assess.mock.calls[0]?.[2]).toMatchObject({ inputSize: 224 })
    await vi.advanceTimersByTimeAsync(300)
    expect(assess.mock.calls[1]?.[2]).toMatchObject({ inputSize: 160 })
    await vi.advanceTimersByTimeAsync(2000)
    expect(guide.status.value).toBe('off')
    expect(guide.offReason.value).toBe('slow')
    // One at 224, then three strikes at 160; nothing after.
    expect(assess).toHaveBeenCalledTimes(4)
  })

  it('in a worker, tolerates slower detections before turning off', async () => {
    const { guide, video, assess } = setup(() => frame(null, 900))
    video.value = playingVideo()
    await vi.advanceTimersByTimeAsync(3000)
    expect(guide.status.value).toBe('ready')
    expect(guide.timings.value.inputSize).toBe(160)
    scope.stop()
    scope = effectScope()
    const slow = setup(() => frame(null, 1500))
    slow.video.value = playingVideo()
    await vi.advanceTimersByTimeAsync(3000)
    expect(slow.guide.offReason.value).toBe('slow')
    expect(assess).toHaveBeenCalled()
  })

  it('starts with the sweep (whole frame and tiles) and keeps it while detection is fast', async () => {
    const { guide, video, assess } = setup(() => frame(null, 30))
    video.value = playingVideo()
    await vi.advanceTimersByTimeAsync(1500)
    expect(assess.mock.calls[0]?.[2]).not.toHaveProperty('inputSize')
    expect(assess.mock.calls[0]?.[2]?.sweep).toBeDefined()
    expect(guide.timings.value.inputSize).toBe(0)
  })

  it('changes the instruction once two frames agree, so it does not flicker', async () => {
    const script: (Instruction | null)[] = ['closer', 'closer', 'left', 'closer', 'left', 'left']
    const { guide, video } = setup((n) => frame(script[n - 1] ?? 'left'), { maxPerSecond: 4 })
    video.value = playingVideo()
    const seen: (string | null)[] = []
    for (let i = 0; i < script.length; i++) {
      await vi.advanceTimersByTimeAsync(i === 0 ? 10 : 250)
      seen.push(guide.instruction.value)
    }
    expect(seen).toEqual([
      'face.do.closer',
      'face.do.closer',
      'face.do.closer',
      'face.do.closer',
      'face.do.closer',
      'face.do.left',
    ])
    expect(guide.allPass.value).toBe(false)
    expect(guide.stableFor.value).toBe(0)
    expect(guide.guideState.value).toBe('warn')
  })

  it('follows the mirror and aspect options, and can be switched off and on', async () => {
    const enabled = ref(true)
    const mirrored = ref(false)
    const { guide, video, assess } = setup(() => frame(null), {
      enabled,
      mirrored,
      aspect: 0.75,
    })
    video.value = playingVideo()
    await vi.advanceTimersByTimeAsync(10)
    expect(assess.mock.calls[0]?.[2]).toMatchObject({ mirrored: false, aspect: 0.75 })
    enabled.value = false
    await nextTick()
    expect(guide.status.value).toBe('off')
    expect(guide.offReason.value).toBe('disabled')
    expect(guide.instruction.value).toBeNull()
    const calls = assess.mock.calls.length
    await vi.advanceTimersByTimeAsync(1000)
    expect(assess.mock.calls.length).toBe(calls)
    enabled.value = true
    await nextTick()
    await vi.advanceTimersByTimeAsync(10)
    expect(guide.status.value).toBe('ready')
    expect(assess.mock.calls.length).toBe(calls + 1)
  })

  it('gives the crop of a grabbed frame from the last detection, if it matches', async () => {
    const eyeToChin = 100
    const landmarks = Array.from({ length: 68 }, () => ({ x: 320, y: 250 }))
    for (let i = 36; i <= 41; i++) landmarks[i] = { x: 290, y: 200 }
    for (let i = 42; i <= 47; i++) landmarks[i] = { x: 350, y: 200 }
    landmarks[8] = { x: 320, y: 200 + eyeToChin }
    landmarks[0] = { x: 250, y: 205 }
    landmarks[16] = { x: 390, y: 205 }
    const faces = [{ box: { x: 250, y: 170, width: 140, height: 130 }, score: 0.9, landmarks }]
    const { guide, video } = setup(() => ({ ...frame(null), faces, width: 640, height: 480 }))
    video.value = playingVideo()
    await vi.advanceTimersByTimeAsync(10)
    const result = guide.cropFor(640, 480, 1)
    expect(result).toMatchObject({ faces: 1, reason: 'face', onRule: true })
    expect(result!.crop.height).toBeCloseTo((2 * eyeToChin) / 0.6, 6)
    expect(guide.cropFor(1280, 720)).toBeNull()
    await vi.advanceTimersByTimeAsync(0)
    expect(guide.cropFor(640, 480, 1, 0)).toBeNull()
  })
})
