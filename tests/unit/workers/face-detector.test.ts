import { afterEach, describe, expect, it, vi } from 'vitest'
import { FaceModelError, type FaceDetector } from '@/face/detector.ts'
import type { FaceWorkerApi } from '@/workers/face-api.ts'
import { loadFaceDetector } from '@/workers/face-detector.ts'
import { FakeWorker, fakeWorkers, sleep } from '../../helpers/fake-worker.ts'

// The page's own detector needs face-api and a canvas: a stand-in that says where it ran.
vi.mock('@/face/detector.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/face/detector.ts')>()),
  async loadPageDetector(): Promise<FaceDetector> {
    return {
      where: 'main',
      info: { backend: 'cpu', loadMs: 0, warmupMs: 0 },
      detect: async () => ({ faces: [], ms: 0 }),
      describe: async () => ({ faces: 0, descriptor: null, ms: 0 }),
      dispose() {},
    }
  },
}))

const box = { x: 10, y: 20, width: 30, height: 40 }

/** What crossed into the face workers, in order, across every start. */
let log: string[] = []

/** A face worker: `models` says how loading goes; a 3 x 3 image never gets an answer. */
const faceApi =
  (models: 'ok' | 'missing' = 'ok') =>
  (): FaceWorkerApi => ({
    async init(modelUrl, backend) {
      log.push(`init ${modelUrl} ${backend}`)
      if (models === 'missing') throw new Error('Failed to fetch models/face/tiny.json (404)')
      return { backend: 'webgl', loadMs: 5, warmupMs: 7 }
    },
    async detect(image, options) {
      log.push(`detect ${image.width}x${image.height} ${image.data.byteLength} bytes`)
      if (image.width === 3) await new Promise(() => {})
      return { faces: [{ box, score: 0.9, landmarks: [] }], ms: options.inputSize ?? 0 }
    },
    async describe(image) {
      log.push(`describe ${image.width}x${image.height}`)
      return { faces: 1, descriptor: [0.5], ms: 1 }
    },
  })

// Plain pixels: happy-dom's ImageData keeps its fields where a structured clone cannot see them.
const image = (side: number) =>
  ({ data: new Uint8ClampedArray(side * side * 4), width: side, height: side }) as ImageData
const load = (api: (() => FaceWorkerApi) | null) =>
  loadFaceDetector({ modelUrl: '/models/face/', backend: 'auto', createWorker: fakeWorkers(api) })

afterEach(() => {
  FakeWorker.reset()
  log = []
  vi.useRealTimers()
})

describe('loadFaceDetector', () => {
  it('loads the models in the worker and detects there, taking the image buffer', async () => {
    const detector = await load(faceApi())
    expect(detector.where).toBe('worker')
    expect(detector.info).toEqual({ backend: 'webgl', loadMs: 5, warmupMs: 7 })
    const frame = image(8)
    const result = await detector.detect(frame, { inputSize: 224 })
    expect(result).toEqual({ faces: [{ box, score: 0.9, landmarks: [] }], ms: 224 })
    expect(log).toEqual(['init /models/face/ auto', 'detect 8x8 256 bytes'])
    // Transferred, not copied.
    expect(frame.data.byteLength).toBe(0)
    detector.dispose()
  })

  it('says why the models did not load, as a FaceModelError, and stops the worker', async () => {
    const error = await load(faceApi('missing')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FaceModelError)
    expect((error as Error).message).toBe('Failed to fetch models/face/tiny.json (404)')
    expect(FakeWorker.made[0]!.terminated).toBe(true)
  })

  it('runs on the page when the worker script cannot load', async () => {
    const detector = await load(null)
    expect(detector.where).toBe('main')
  })

  it('fails the detection a dying worker had, then loads a new worker for the next', async () => {
    const detector = await load(faceApi())
    const lost = detector.detect(image(3))
    await sleep(5)
    FakeWorker.made[0]!.crash('out of memory')
    const error = await lost.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FaceModelError)
    expect((error as Error).message).toBe('The face worker stopped: out of memory')

    log = []
    expect((await detector.detect(image(4))).faces).toHaveLength(1)
    // The new worker loads the models before its first detection.
    expect(log).toEqual(['init /models/face/ auto', 'detect 4x4 64 bytes'])
    expect(FakeWorker.made.length).toBe(2)
  })

  it('gives up on a detection after 10 s', async () => {
    const detector = await load(faceApi())
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const slow = detector.detect(image(3)).catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(10_001)
    const error = await slow
    expect(error).toBeInstanceOf(FaceModelError)
    expect((error as Error).message).toBe('A face detection took over 10000 ms')
  })

  it('refuses detections once closed, without starting a worker again', async () => {
    const detector = await load(faceApi())
    detector.dispose()
    await expect(detector.detect(image(4))).rejects.toThrow('The face detector was closed')
    expect(FakeWorker.made.length).toBe(1)
  })
})
