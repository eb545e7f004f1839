import { describe, expect, it } from 'vitest'
import { Scheduler } from '@/batch/scheduler.ts'
import { ThroughputMeter } from '@/batch/eta.ts'

/** A task whose end the test decides. */
interface Task {
  id: number
  done: () => void
  fail: (error: Error) => void
  promise: Promise<void>
}

function harness(count: number, concurrency: number) {
  const queue = Array.from({ length: count }, (_, i) => i)
  const started: number[] = []
  const running = new Map<number, Task>()
  let maxInFlight = 0
  const errors: Array<[number, unknown]> = []
  let drained = 0
  let gate = true
  const scheduler = new Scheduler<number>({
    concurrency,
    next: () => queue.shift(),
    canStart: () => gate,
    run(id) {
      started.push(id)
      let done!: () => void
      let fail!: (e: Error) => void
      const promise = new Promise<void>((resolve, reject) => {
        done = resolve
        fail = reject
      })
      running.set(id, { id, done, fail, promise })
      maxInFlight = Math.max(maxInFlight, running.size)
      return promise.finally(() => running.delete(id))
    },
    onError: (id, error) => errors.push([id, error]),
    onDrained: () => drained++,
  })
  const finishAll = async () => {
    for (const task of [...running.values()]) task.done()
    await flush()
  }
  return {
    scheduler,
    queue,
    started,
    running,
    errors,
    finishAll,
    get maxInFlight() {
      return maxInFlight
    },
    get drained() {
      return drained
    },
    setGate(open: boolean) {
      gate = open
    },
  }
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

describe('Scheduler', () => {
  it('never has more than `concurrency` tasks in flight, and runs them all in order', async () => {
    const h = harness(10, 3)
    h.scheduler.start()
    expect(h.started).toEqual([0, 1, 2])
    expect(h.scheduler.inFlight).toBe(3)
    for (let i = 0; i < 10 && h.running.size; i++) await h.finishAll()
    expect(h.started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(h.maxInFlight).toBe(3)
    expect(h.drained).toBeGreaterThanOrEqual(1)
  })

  it('with concurrency 1 sends one at a time', async () => {
    const h = harness(4, 1)
    h.scheduler.start()
    expect(h.started).toEqual([0])
    await h.finishAll()
    expect(h.started).toEqual([0, 1])
    expect(h.maxInFlight).toBe(1)
  })

  it('pause lets tasks in flight finish and starts no new ones; resume carries on', async () => {
    const h = harness(8, 2)
    h.scheduler.start()
    h.scheduler.pause()
    expect(h.scheduler.state).toBe('paused')
    await h.finishAll()
    expect(h.started).toEqual([0, 1])
    expect(h.scheduler.inFlight).toBe(0)
    await flush()
    expect(h.started).toEqual([0, 1])
    h.scheduler.resume()
    expect(h.started).toEqual([0, 1, 2, 3])
    for (let i = 0; i < 10 && h.running.size; i++) await h.finishAll()
    expect(h.started).toHaveLength(8)
    // Nothing started twice, nothing skipped.
    expect(new Set(h.started).size).toBe(8)
  })

  it('cancel stops new tasks; abort fires the signal of the ones in flight', async () => {
    const signals: AbortSignal[] = []
    const queue = [1, 2, 3, 4]
    const scheduler = new Scheduler<number>({
      concurrency: 2,
      next: () => queue.shift(),
      run: (_id, signal) => {
        signals.push(signal)
        return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()))
      },
    })
    scheduler.start()
    scheduler.cancel()
    expect(signals.every((s) => !s.aborted)).toBe(true)
    scheduler.cancel({ abort: true })
    expect(signals.every((s) => s.aborted)).toBe(true)
    await scheduler.settled()
    expect(queue).toEqual([3, 4])
    // A restart gets a fresh signal.
    scheduler.start()
    expect(signals.at(-1)?.aborted).toBe(false)
    scheduler.cancel({ abort: true })
  })

  it('a failed task goes to onError and frees its slot; a retried task runs again', async () => {
    const h = harness(3, 1)
    h.scheduler.start()
    h.running.get(0)!.fail(new Error('503'))
    await flush()
    expect(h.errors.map(([id]) => id)).toEqual([0])
    expect(h.started).toEqual([0, 1])
    // The caller puts the failed task back; fill() picks it up when a slot is free.
    h.queue.push(0)
    await h.finishAll()
    await h.finishAll()
    await h.finishAll()
    expect(h.started).toEqual([0, 1, 2, 0])
  })

  it('starts nothing while the gate is shut (an expired session), then fills the slots', async () => {
    const h = harness(5, 2)
    h.setGate(false)
    h.scheduler.start()
    expect(h.started).toEqual([])
    h.setGate(true)
    h.scheduler.fill()
    expect(h.started).toEqual([0, 1])
  })

  it('picks up work that becomes ready later with fill()', async () => {
    const h = harness(0, 2)
    h.scheduler.start()
    expect(h.drained).toBe(1)
    h.queue.push(7)
    h.scheduler.fill()
    expect(h.started).toEqual([7])
    h.scheduler.setConcurrency(4)
    expect(h.scheduler.concurrency).toBe(4)
  })
})

describe('ThroughputMeter', () => {
  it('estimates time left from recent completions, leaving paused time out', () => {
    let now = 0
    const meter = new ThroughputMeter(10, () => now)
    meter.start()
    expect(meter.timeLeft(10)).toBeNull()
    for (let i = 0; i < 4; i++) {
      now += 500
      meter.record()
    }
    // Two per second: ten more take five seconds.
    expect(meter.rate()).toBeCloseTo(2)
    expect(meter.timeLeft(10)).toBeCloseTo(5000)
    meter.pause()
    now += 60_000
    meter.resume()
    now += 500
    meter.record()
    expect(meter.rate()).toBeCloseTo(2)
    expect(meter.timeLeft(0)).toBe(0)
  })
})
