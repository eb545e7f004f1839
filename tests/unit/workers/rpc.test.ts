import { afterEach, describe, expect, it } from 'vitest'
import {
  WorkerClient,
  WorkerPool,
  WorkerStoppedError,
  WorkerUnavailableError,
  transfer,
} from '@/workers/rpc.ts'
import { FakeWorker, fakeWorkers, sleep } from '../../helpers/fake-worker.ts'

/** What the test worker answers; `hang` never answers (a job the worker dies under). */
interface TestApi {
  double(n: number, ms?: number): Promise<number>
  fail(message: string): Promise<never>
  hang(): Promise<never>
  byteLength(buffer: ArrayBuffer): number
  /** How many calls this worker has answered (each worker counts its own). */
  count(): number
}

/** Jobs running at once, across every test worker. */
const load = { now: 0, max: 0, order: [] as number[] }

function testApi(): TestApi {
  let answered = 0
  return {
    async double(n, ms = 5) {
      load.order.push(n)
      load.max = Math.max(load.max, ++load.now)
      await sleep(ms)
      load.now--
      answered++
      return n * 2
    },
    async fail(message) {
      throw new Error(message)
    },
    hang: () => new Promise<never>(() => {}),
    byteLength: (buffer) => buffer.byteLength,
    count: () => answered,
  }
}

const client = () => new WorkerClient<TestApi>({ name: 'test', create: fakeWorkers(testApi) })

afterEach(() => {
  FakeWorker.reset()
  Object.assign(load, { now: 0, max: 0, order: [] })
})

describe('WorkerClient', () => {
  it('starts the worker on the first call and matches each answer to its call', async () => {
    const worker = client()
    expect(FakeWorker.made.length).toBe(0)
    // The slower call is sent first: answers come back out of order.
    const answers = await Promise.all([
      worker.call((api) => api.double(1, 30)),
      worker.call((api) => api.double(2, 1)),
      worker.call((api) => api.double(3, 10)),
    ])
    expect(answers).toEqual([2, 4, 6])
    expect(FakeWorker.made.length).toBe(1)
    expect(await worker.call((api) => api.count())).toBe(3)
    expect(worker.pending).toBe(0)
  })

  it("passes a worker's own error on with its message, and the worker stays", async () => {
    const worker = client()
    await expect(worker.call((api) => api.fail('no such picture'))).rejects.toThrow(
      'no such picture',
    )
    expect(await worker.call((api) => api.double(5))).toBe(10)
    expect(FakeWorker.made.length).toBe(1)
  })

  it('transfers what it is told to, instead of copying it', async () => {
    const worker = client()
    const buffer = new ArrayBuffer(64)
    expect(await worker.call((api) => api.byteLength(transfer(buffer, [buffer])))).toBe(64)
    // Transferred: the page's buffer is now empty.
    expect(buffer.byteLength).toBe(0)
  })

  it('fails every call in flight when the worker dies, and starts a new one for the next', async () => {
    const worker = client()
    let runs: number[] = []
    expect(await worker.call((api, run) => (runs.push(run), api.double(1)))).toBe(2)
    const inFlight = [worker.call((api) => api.hang()), worker.call((api) => api.hang())]
    await sleep(5)
    FakeWorker.made[0]!.crash('out of memory')
    for (const call of await Promise.allSettled(inFlight)) {
      const reason = (call as PromiseRejectedResult).reason
      expect(reason).toBeInstanceOf(WorkerStoppedError)
      expect(reason.message).toBe('The test worker stopped: out of memory')
    }
    expect(FakeWorker.made[0]!.terminated).toBe(true)

    runs = []
    expect(await worker.call((api, run) => (runs.push(run), api.count()))).toBe(0)
    expect(FakeWorker.made.length).toBe(2)
    // A new run number: the caller knows this worker holds nothing of the last one's.
    expect(runs).toEqual([2])
    expect(worker.available).toBe(true)
  })

  it('treats an unreadable message as a dead worker', async () => {
    const worker = client()
    await worker.call((api) => api.count())
    const call = worker.call((api) => api.hang())
    FakeWorker.made[0]!.garble()
    await expect(call).rejects.toThrow('The test worker stopped: a message could not be read')
    expect(await worker.call((api) => api.double(4))).toBe(8)
  })

  it('fails its calls when closed, and starts again if called after', async () => {
    const worker = client()
    const call = worker.call((api) => api.hang())
    await sleep(5)
    worker.terminate('the desk was closed')
    await expect(call).rejects.toThrow('The test worker stopped: the desk was closed')
    expect(await worker.call((api) => api.double(2))).toBe(4)
  })

  it('says "unavailable" when the script never loads, for that call and every later one', async () => {
    const worker = new WorkerClient<TestApi>({ name: 'test', create: fakeWorkers(null) })
    const first = worker.call((api) => api.double(1))
    await expect(first).rejects.toBeInstanceOf(WorkerUnavailableError)
    await expect(first).rejects.toThrow('The test worker could not start: its script did not load')
    expect(worker.available).toBe(false)
    await expect(worker.call((api) => api.double(2))).rejects.toBeInstanceOf(WorkerUnavailableError)
    // No second attempt at a script that cannot load.
    expect(FakeWorker.made.length).toBe(1)
  })

  it('says "unavailable" when the worker cannot even be made', async () => {
    const worker = new WorkerClient<TestApi>({
      name: 'test',
      create: () => {
        throw new DOMException('Module scripts are not supported', 'SecurityError')
      },
    })
    await expect(worker.call((api) => api.double(1))).rejects.toThrow(
      'The test worker could not start: Module scripts are not supported',
    )
  })

  it('does not mistake a worker that loaded and then crashed for one that never ran', async () => {
    const worker = client()
    const call = worker.call((api) => api.hang())
    await sleep(5) // the ready message arrived
    FakeWorker.made[0]!.crash('')
    await expect(call).rejects.toBeInstanceOf(WorkerStoppedError)
    await expect(call).rejects.toThrow('The test worker stopped: it crashed')
  })
})

describe('WorkerPool', () => {
  const pool = (size: number, api = fakeWorkers(testApi)) =>
    new WorkerPool<TestApi>({ name: 'test', create: api }, size)

  it('runs at most `size` jobs at once, one per worker, started in the order they came', async () => {
    const workers = pool(2)
    const jobs = [1, 2, 3, 4, 5].map((n) => workers.run((api) => api.double(n, 10)))
    expect(workers.pending).toBe(5)
    expect(await Promise.all(jobs)).toEqual([2, 4, 6, 8, 10])
    expect(load.max).toBe(2)
    expect(load.order).toEqual([1, 2, 3, 4, 5])
    expect(FakeWorker.made.length).toBe(2)
    expect(workers.pending).toBe(0)
  })

  it('starts workers only as jobs need them', async () => {
    const workers = pool(3)
    await workers.run((api) => api.double(1))
    await workers.run((api) => api.double(2))
    expect(FakeWorker.made.length).toBe(1)
  })

  it('fails only the job of a worker that dies later, and replaces that worker', async () => {
    const workers = pool(2)
    await Promise.all([workers.run((api) => api.count()), workers.run((api) => api.count())])
    const doomed = workers.run((api) => api.hang())
    const fine = workers.run((api) => api.double(3, 20))
    await sleep(5)
    FakeWorker.made[0]!.crash('boom')
    await expect(doomed).rejects.toThrow('The test worker stopped: boom')
    expect(await fine).toBe(6)
    expect(await workers.run((api) => api.double(4))).toBe(8)
    expect(FakeWorker.made.length).toBe(3)
  })

  it('fails every job with WorkerUnavailableError when the workers cannot load', async () => {
    const workers = pool(2, fakeWorkers(null))
    const settled = await Promise.allSettled([1, 2, 3].map((n) => workers.run((a) => a.double(n))))
    for (const job of settled) {
      expect(job.status).toBe('rejected')
      expect((job as PromiseRejectedResult).reason).toBeInstanceOf(WorkerUnavailableError)
    }
    await expect(workers.run((api) => api.double(4))).rejects.toBeInstanceOf(WorkerUnavailableError)
  })

  it('fails running and waiting jobs when disposed', async () => {
    const workers = pool(1)
    const running = workers.run((api) => api.hang())
    const waiting = workers.run((api) => api.double(1))
    await sleep(5)
    workers.dispose()
    await expect(running).rejects.toThrow('The test worker stopped: the pool was closed')
    await expect(waiting).rejects.toThrow('The test worker stopped: the pool was closed')
    await expect(workers.run((api) => api.double(2))).rejects.toBeInstanceOf(WorkerStoppedError)
    expect(FakeWorker.made.every((w) => w.terminated)).toBe(true)
  })
})
