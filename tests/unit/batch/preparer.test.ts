import { describe, expect, it } from 'vitest'
import { WorkerPool, WorkerUnavailableError, type WorkerJob } from '@/photo/worker-client.ts'
import { relativeFocus } from '@/batch/preparer.ts'
import { toCropFocus } from '@/batch/prepare-file.ts'

/** A stand-in Worker: answers each job with `request * 2` after a tick, or fails to load. */
class FakeWorker {
  static alive = 0
  static busy = 0
  static maxBusy = 0
  onmessage: ((event: MessageEvent) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  onmessageerror: (() => void) | null = null
  terminated = false

  constructor(private readonly mode: 'ok' | 'no-load' | 'crash-on-3' = 'ok') {
    FakeWorker.alive++
  }

  postMessage(job: WorkerJob<number>) {
    FakeWorker.busy++
    FakeWorker.maxBusy = Math.max(FakeWorker.maxBusy, FakeWorker.busy)
    setTimeout(() => {
      FakeWorker.busy--
      if (this.mode === 'no-load' || (this.mode === 'crash-on-3' && job.request === 3)) {
        this.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent)
        return
      }
      this.onmessage?.({ data: { id: job.id, result: job.request * 2 } } as MessageEvent)
    }, 2)
  }

  terminate() {
    this.terminated = true
    FakeWorker.alive--
  }
}

const asWorker = (w: FakeWorker) => w as unknown as Worker

describe('WorkerPool', () => {
  it('runs at most `size` jobs at once, one per worker, and answers each in order', async () => {
    FakeWorker.maxBusy = 0
    const pool = new WorkerPool<number, number>(() => asWorker(new FakeWorker()), 2)
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => pool.run(n)))
    expect(results).toEqual([2, 4, 6, 8, 10])
    expect(FakeWorker.maxBusy).toBe(2)
    pool.dispose()
    await expect(pool.run(1)).rejects.toBeInstanceOf(WorkerUnavailableError)
  })

  it('reports a worker that cannot load as unavailable, for every job', async () => {
    const pool = new WorkerPool<number, number>(() => asWorker(new FakeWorker('no-load')), 1)
    const settled = await Promise.allSettled([pool.run(1), pool.run(2)])
    for (const job of settled) {
      expect(job.status).toBe('rejected')
      expect((job as PromiseRejectedResult).reason).toBeInstanceOf(WorkerUnavailableError)
    }
    await expect(pool.run(3)).rejects.toBeInstanceOf(WorkerUnavailableError)
  })

  it('fails only the job of a worker that crashes later, and replaces the worker', async () => {
    const pool = new WorkerPool<number, number>(() => asWorker(new FakeWorker('crash-on-3')), 1)
    expect(await pool.run(1)).toBe(2)
    await expect(pool.run(3)).rejects.toThrow('boom')
    expect(await pool.run(4)).toBe(8)
    pool.dispose()
  })
})

describe('face-aware crop seam', () => {
  it('carries a crop or a focus from the small detection bitmap to the full picture', () => {
    // A crop found on a 400 x 300 downscale...
    const focus = relativeFocus({ x: 100, y: 50, width: 120, height: 120 }, 400, 300)
    expect(focus).toEqual({ cx: 0.4, cy: 110 / 300, size: 0.4 })
    // ...lands on the same spot of the 4000 x 3000 original.
    expect(toCropFocus(focus, 4000, 3000)).toEqual({ cx: 1600, cy: 1100, size: 1200 })
    expect(relativeFocus({ cx: 200, cy: 150 }, 400, 300)).toEqual({
      cx: 0.5,
      cy: 0.5,
      size: undefined,
    })
    // Out of range values are clamped to the picture.
    expect(toCropFocus({ cx: 1.5, cy: -1 }, 100, 100)).toEqual({ cx: 100, cy: 0, size: undefined })
  })
})
