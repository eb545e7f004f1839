// The desk's steps run one at a time in the order asked for; a corrected lookup replaces one
// still running, never a capture or save queued before it.
import { describe, expect, it } from 'vitest'
import { StepQueue } from '@/desk/steps.ts'

function deferred() {
  let resolve!: (v?: unknown) => void
  const promise = new Promise((r) => (resolve = r))
  return { promise, resolve }
}

describe('StepQueue', () => {
  it('runs steps one at a time, in order, each after the one before ends', async () => {
    const q = new StepQueue()
    const log: string[] = []
    const find = deferred()
    const a = q.run('find', async () => {
      log.push('find start')
      await find.promise
      log.push('find end')
      return true
    })
    const b = q.run('capture', async () => void log.push('capture'))
    const c = q.run('save', async () => {
      log.push('save')
      return 'saved'
    })
    expect(q.pending).toEqual(['find', 'capture', 'save'])
    await Promise.resolve()
    expect(log).toEqual(['find start'])
    find.resolve()
    expect(await a).toBe(true)
    await b
    expect(await c).toBe('saved')
    expect(log).toEqual(['find start', 'find end', 'capture', 'save'])
    expect(q.pending).toEqual([])
  })

  it('goes on after a step that throws', async () => {
    const q = new StepQueue()
    const failed = q.run('capture', async () => {
      throw new Error('camera gone')
    })
    const next = q.run('save', async () => 'ok')
    expect(await failed).toBeUndefined()
    expect(await next).toBe('ok')
  })

  it('lets a new lookup replace one still running, with its signal aborted', async () => {
    const q = new StepQueue()
    let aborted = false
    const first = q.run('find', (signal) => {
      return new Promise((resolve) => {
        signal.addEventListener('abort', () => {
          aborted = true
          resolve('replaced')
        })
      })
    })
    await Promise.resolve()
    const second = q.run('find', async () => 'second')
    expect(aborted).toBe(true)
    expect(await first).toBe('replaced')
    expect(await second).toBe('second')
  })

  it('never skips a capture or save queued before a new lookup', async () => {
    const q = new StepQueue()
    const log: string[] = []
    const hold = deferred()
    void q.run('find', async (signal) => {
      await hold.promise
      log.push(signal.aborted ? 'find 12 aborted' : 'find 12')
    })
    void q.run('capture', async () => void log.push('capture'))
    void q.run('save', async () => void log.push('save'))
    // A waiting lookup with nothing after it is replaced by the next one.
    const dropped = q.run('find', async () => void log.push('find 1212'))
    const last = q.run('find', async () => void log.push('find 13'))
    expect(await dropped).toBeUndefined()
    hold.resolve()
    await last
    expect(log).toEqual(['find 12', 'capture', 'save', 'find 13'])
  })

  it('clear drops the waiting steps and aborts the running one', async () => {
    const q = new StepQueue()
    let signalled = false
    const running = q.run('capture', (signal) => {
      return new Promise((resolve) =>
        signal.addEventListener('abort', () => resolve((signalled = true))),
      )
    })
    const waiting = q.run('save', async () => 'never')
    await Promise.resolve()
    q.clear()
    expect(await waiting).toBeUndefined()
    expect(await running).toBe(true)
    expect(signalled).toBe(true)
  })
})
