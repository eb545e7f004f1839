import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PrepareRequest, PrepareResult } from '@/batch/prepare-file.ts'
import type { Crop, PreparedPhoto } from '@/photo/index.ts'
import { isPhotoError } from '@/photo/index.ts'
import type { BatchWorkerApi, DeskWorkerApi } from '@/workers/photo-api.ts'
import { DeskPreparer, createBatchPreparer } from '@/workers/photo-workers.ts'
import { FakeWorker, fakeWorkers, sleep } from '../../helpers/fake-worker.ts'

// The page's own pipeline, where no worker runs: happy-dom cannot draw, so it is a stand-in that
// says where it ran (quality 0.9 on the page, 0.8 in the worker).
const onPage = vi.hoisted(() => ({ calls: 0 }))
vi.mock('@/photo/prepare.ts', () => ({
  async preparePhoto(_source: unknown, crop: Crop): Promise<PreparedPhoto> {
    onPage.calls++
    return {
      blob: new Blob(['page']),
      bytes: 4,
      width: crop.width,
      height: crop.height,
      quality: 0.9,
      attempts: 1,
    }
  },
}))

afterEach(() => {
  FakeWorker.reset()
  onPage.calls = 0
})

describe('createBatchPreparer', () => {
  const request = { aspect: 1, maxSide: 400, maxBytes: 16_000 }
  const load = { now: 0, max: 0, names: [] as string[] }
  beforeEach(() => Object.assign(load, { now: 0, max: 0, names: [] }))

  /** A batch worker that "prepares" a file by its name; `crash.jpg` never finishes. */
  const batchApi = (): BatchWorkerApi => ({
    async prepareFile(file: Blob, req: PrepareRequest): Promise<PrepareResult> {
      // A File crosses the fake channel as its plain fields.
      const name = (file as File).name
      load.names.push(name)
      load.max = Math.max(load.max, ++load.now)
      if (name === 'crash.jpg') await new Promise(() => {})
      await sleep(5)
      load.now--
      const thumb = new Blob([])
      return { ok: true, jpeg: thumb, thumb, bytes: 1, width: req.maxSide, height: 1, quality: 1 }
    },
  })
  const files = (n: number) => Array.from({ length: n }, (_, i) => new File(['x'], `${i + 1}.jpg`))

  it('prepares files in `workers` workers, one file per worker at a time, in order', async () => {
    const preparer = createBatchPreparer({ workers: 2, createWorker: fakeWorkers(batchApi) })
    expect([preparer.slots, preparer.mode]).toEqual([2, 'worker'])
    const results = await Promise.all(files(5).map((f) => preparer.prepare(f, request)))
    expect(results.every((r) => r.ok && r.width === 400)).toBe(true)
    expect(load.max).toBe(2)
    expect(load.names).toEqual(['1.jpg', '2.jpg', '3.jpg', '4.jpg', '5.jpg'])
    expect(FakeWorker.made.length).toBe(2)
    preparer.dispose()
  })

  it('fails the file of a worker that crashed, and prepares the next in a new worker', async () => {
    const preparer = createBatchPreparer({ workers: 1, createWorker: fakeWorkers(batchApi) })
    const doomed = preparer.prepare(new File(['x'], 'crash.jpg'), request)
    await sleep(10)
    FakeWorker.made[0]!.crash('out of memory')
    await expect(doomed).rejects.toThrow('The batch photo worker stopped: out of memory')
    expect((await preparer.prepare(files(1)[0]!, request)).ok).toBe(true)
    expect(FakeWorker.made.length).toBe(2)
    expect(preparer.mode).toBe('worker')
  })

  it('prepares on the main thread, one at a time, for good once a worker cannot load', async () => {
    const preparer = createBatchPreparer({ workers: 3, createWorker: fakeWorkers(null) })
    // Not a picture: the page's pipeline (the real one) refuses it from its first bytes.
    const result = await preparer.prepare(new File(['hello'], 'notes.jpg'), request)
    expect(result).toMatchObject({ ok: false, problem: { kind: 'refused' } })
    expect([preparer.slots, preparer.mode]).toEqual([1, 'main'])
    await preparer.prepare(new File(['hello'], 'more.jpg'), request)
    expect(FakeWorker.made.length).toBe(1)
  })

  it('stays on the main thread when asked to', async () => {
    const preparer = createBatchPreparer({ mainThread: true, createWorker: fakeWorkers(batchApi) })
    expect([preparer.slots, preparer.mode]).toEqual([1, 'main'])
    await preparer.prepare(new File(['hello'], 'notes.jpg'), request)
    expect(FakeWorker.made.length).toBe(0)
  })
})

describe('DeskPreparer', () => {
  const settings = { aspect: 1, maxSide: 400, maxBytes: 16_000 }
  const crop = (width: number): Crop => ({ x: 0, y: 0, width, height: width, rotation: 0 })
  /** Stand-ins for the store's pictures (only their identity matters to the preparer). */
  const picture = (name: string) => ({ name, width: 800, height: 800 }) as unknown as ImageBitmap
  let log: string[]
  let copies: ArrayBuffer[]

  beforeEach(() => {
    log = []
    copies = []
    // The copy that crosses: an ArrayBuffer, which the fake channel can transfer like a bitmap.
    vi.stubGlobal('createImageBitmap', async () => {
      const copy = new ArrayBuffer(1024)
      copies.push(copy)
      return copy
    })
  })
  afterEach(() => vi.unstubAllGlobals())

  /** A desk worker that logs what crossed; a crop 13 wide is over the byte budget. */
  const deskApi = (): DeskWorkerApi => {
    let kept: ArrayBuffer | null = null
    return {
      setPicture(bitmap) {
        kept = bitmap as unknown as ArrayBuffer
        log.push(`picture ${kept.byteLength} bytes`)
      },
      forgetPicture() {
        kept = null
        log.push('forget')
      },
      async prepare(c) {
        log.push(`crop ${c.width}`)
        if (!kept) throw new Error('No picture to prepare')
        if (c.width === 13)
          return {
            ok: false,
            failure: { reason: 'over-budget', message: 'Too big', detail: { bytes: 20_000 } },
          }
        const photo = { bytes: 6, width: c.width, height: c.width }
        return { ok: true, photo: { ...photo, blob: new Blob([]), quality: 0.8, attempts: 2 } }
      },
    }
  }

  it('sends the picture once; crop changes cross as numbers', async () => {
    const desk = new DeskPreparer({ createWorker: fakeWorkers(deskApi) })
    const first = picture('first')
    expect((await desk.prepare(first, crop(100), settings)).quality).toBe(0.8)
    expect((await desk.prepare(first, crop(120), settings)).width).toBe(120)
    expect(log).toEqual(['picture 1024 bytes', 'crop 100', 'crop 120'])
    // Transferred, not copied: the page's copy is empty now.
    expect(copies.map((c) => c.byteLength)).toEqual([0])

    await desk.prepare(picture('second'), crop(90), settings)
    expect(log.slice(3)).toEqual(['picture 1024 bytes', 'crop 90'])
    expect(onPage.calls).toBe(0)
    desk.dispose()
  })

  it('gives a pipeline failure back as a PhotoError with its reason and numbers', async () => {
    const desk = new DeskPreparer({ createWorker: fakeWorkers(deskApi) })
    const error = await desk.prepare(picture('p'), crop(13), settings).catch((e: unknown) => e)
    expect(isPhotoError(error, 'over-budget')).toBe(true)
    expect(error).toMatchObject({ message: 'Too big', detail: { bytes: 20_000 } })
  })

  it('prepares on the page when its worker stops under a photo, then sends the picture to a new one', async () => {
    const desk = new DeskPreparer({ createWorker: fakeWorkers(deskApi) })
    const p = picture('p')
    await desk.prepare(p, crop(100), settings)
    const pending = desk.prepare(p, crop(110), settings)
    FakeWorker.made[0]!.crash('out of memory')
    expect((await pending).quality).toBe(0.9)
    expect(onPage.calls).toBe(1)

    log = []
    expect((await desk.prepare(p, crop(120), settings)).quality).toBe(0.8)
    // The new worker holds nothing: the picture crosses again.
    expect(log).toEqual(['picture 1024 bytes', 'crop 120'])
    expect(FakeWorker.made.length).toBe(2)
  })

  it('prepares on the page when no worker can start, without trying again', async () => {
    const desk = new DeskPreparer({ createWorker: fakeWorkers(null) })
    expect((await desk.prepare(picture('p'), crop(100), settings)).quality).toBe(0.9)
    expect((await desk.prepare(picture('p'), crop(110), settings)).quality).toBe(0.9)
    expect(onPage.calls).toBe(2)
    expect(FakeWorker.made.length).toBe(1)
  })

  it('frees the worker copy on forget, and sends the picture again after', async () => {
    const desk = new DeskPreparer({ createWorker: fakeWorkers(deskApi) })
    const p = picture('p')
    await desk.prepare(p, crop(100), settings)
    desk.forget()
    await desk.prepare(p, crop(100), settings)
    expect(log).toEqual([
      'picture 1024 bytes',
      'crop 100',
      'forget',
      'picture 1024 bytes',
      'crop 100',
    ])
  })
})
