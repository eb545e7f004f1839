/** `running` starts tasks; `paused` and `cancelled` start none (tasks in flight finish). */
export type SchedulerState = 'idle' | 'running' | 'paused' | 'cancelled'

export interface SchedulerOptions<T> {
  /** Most tasks in flight at once (at least 1). */
  concurrency: number
  /**
   * Claims the next task, or gives undefined when none is ready now. It must mark what it
   * returns as taken: the scheduler calls it again right away to fill the next slot.
   */
  next(): T | undefined
  /** Does the work. Errors are the task's own business; a thrown one goes to onError. */
  run(task: T, signal: AbortSignal): Promise<void>
  /** An extra gate: no task starts while it returns false (e.g. the session expired). */
  canStart?(): boolean
  /** Nothing in flight and nothing to claim while running: the queue is drained for now. */
  onDrained?(): void
  onError?(task: T, error: unknown): void
}

/**
 * Runs tasks with at most `concurrency` in flight. Pull-based: it asks `next()` whenever a slot
 * is free, so tasks that become ready later (a photo prepared, a failed row retried) are picked
 * up by `fill()`. Pause and cancel never abort a request in flight unless asked: a PUT that was
 * sent gets its real answer, so a row never shows "not sent" for a photo the server has.
 */
export class Scheduler<T> {
  private options: SchedulerOptions<T>
  private current: SchedulerState = 'idle'
  private active = 0
  private controller = new AbortController()
  private waiters: Array<() => void> = []
  private pumping = false

  constructor(options: SchedulerOptions<T>) {
    this.options = { ...options, concurrency: Math.max(1, Math.floor(options.concurrency)) }
  }

  get state(): SchedulerState {
    return this.current
  }

  /** Tasks running now. */
  get inFlight(): number {
    return this.active
  }

  get concurrency(): number {
    return this.options.concurrency
  }

  /** Starts (or restarts after a cancel) and fills every free slot. */
  start(): void {
    if (this.current === 'cancelled') this.controller = new AbortController()
    this.current = 'running'
    this.pump()
  }

  /** No new tasks; the ones in flight finish. */
  pause(): void {
    if (this.current === 'running') this.current = 'paused'
  }

  resume(): void {
    if (this.current === 'paused') this.start()
  }

  /** No new tasks; with `abort`, the signal given to the tasks in flight fires too. */
  cancel({ abort = false }: { abort?: boolean } = {}): void {
    this.current = 'cancelled'
    if (abort) this.controller.abort()
  }

  /** Something may have become ready: fill free slots (a no-op unless running). */
  fill(): void {
    this.pump()
  }

  setConcurrency(n: number): void {
    this.options.concurrency = Math.max(1, Math.floor(n))
    this.pump()
  }

  /** Resolves once nothing is in flight. */
  settled(): Promise<void> {
    if (this.active === 0) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  private pump(): void {
    // next() or a gate may call fill() again; one loop at a time fills the slots.
    if (this.pumping) return
    this.pumping = true
    try {
      while (
        this.current === 'running' &&
        this.active < this.options.concurrency &&
        (this.options.canStart?.() ?? true)
      ) {
        const task = this.options.next()
        if (task === undefined) break
        this.launch(task)
      }
    } finally {
      this.pumping = false
    }
    if (this.current === 'running' && this.active === 0) this.options.onDrained?.()
  }

  private launch(task: T): void {
    this.active++
    const signal = this.controller.signal
    let work: Promise<void>
    try {
      work = this.options.run(task, signal)
    } catch (error) {
      work = Promise.reject(error)
    }
    work
      .catch((error: unknown) => this.options.onError?.(task, error))
      .finally(() => {
        this.active--
        if (this.active === 0) {
          const waiters = this.waiters
          this.waiters = []
          for (const resolve of waiters) resolve()
        }
        this.pump()
      })
  }
}
