// The one seam between the page and its workers: Comlink for the calls, plus what Comlink leaves
// out. A worker starts on the first call; calls in flight fail when it dies (Comlink's own
// promises never settle then) and the next call starts a new one; a worker that never started
// makes every call fail with WorkerUnavailableError, the callers' sign to use the main thread.
import { expose, transfer, wrap, type Endpoint, type Remote } from 'comlink'

export { transfer }
export type { Remote }

/** What a worker posts once its script ran and its API listens (Comlink ignores it: no id). */
const READY = 'photo-desk:worker-ready'

/** Runs in a worker entry: answers calls to `api` and tells the page the worker started. */
export function serveWorker<T extends object>(api: T, scope?: Endpoint): void {
  const endpoint = scope ?? (globalThis as unknown as Endpoint)
  expose(api, endpoint)
  endpoint.postMessage(READY)
}

/** The worker never ran (no module workers, script blocked or missing): use the main thread. */
export class WorkerUnavailableError extends Error {
  constructor(
    readonly worker: string,
    readonly why: string,
  ) {
    super(`The ${worker} worker could not start: ${why}`)
    this.name = 'WorkerUnavailableError'
  }
}

/** A worker that was running stopped (crashed, closed); the next call starts a new one. */
export class WorkerStoppedError extends Error {
  constructor(
    readonly worker: string,
    readonly why: string,
  ) {
    super(`The ${worker} worker stopped: ${why}`)
    this.name = 'WorkerStoppedError'
  }
}

export interface WorkerSpec {
  /** Names the worker in errors: "The face worker stopped: ...". */
  name: string
  /**
   * Starts the worker. Write `new Worker(new URL('./x.worker.ts', import.meta.url), { type:
   * 'module' })` out at the call site: that is the form the bundler finds and emits as a chunk.
   */
  create(): Worker
}

/** One started worker. */
interface Running<T> {
  worker: Worker
  // Held for the worker's life: when Comlink's root proxy is garbage collected, Comlink tells
  // the worker to stop listening, and calls still in flight never come back.
  remote: Remote<T>
  /** Which start this is (1, 2, ...): a new number is a fresh worker that holds nothing. */
  run: number
  /** It posted READY: its script loaded and ran. */
  started: boolean
  /** Rejects when the worker stops; every call in flight races it. */
  stopped: Promise<never>
  stop(error: Error): void
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** One worker behind Comlink, started on the first call and again after it died. */
export class WorkerClient<T> {
  private current: Running<T> | null = null
  private unavailable: WorkerUnavailableError | null = null
  private runs = 0
  private calls = 0

  constructor(private readonly spec: WorkerSpec) {}

  get name(): string {
    return this.spec.name
  }

  /** Calls in flight. */
  get pending(): number {
    return this.calls
  }

  /** False once a worker failed to start: every call then fails with that error at once. */
  get available(): boolean {
    return this.unavailable === null
  }

  /**
   * Runs `use` against the worker's API, starting the worker if none runs. `run` numbers the
   * worker's start, so a caller can tell a fresh worker (which holds nothing yet) from the one
   * it talked to before. Rejects with WorkerStoppedError if the worker dies first, with
   * WorkerUnavailableError if it never started.
   */
  call<R>(use: (remote: Remote<T>, run: number) => Promise<R>): Promise<R> {
    if (this.unavailable) return Promise.reject(this.unavailable)
    let running: Running<T>
    try {
      running = this.start()
    } catch (error) {
      return Promise.reject(error as Error)
    }
    this.calls++
    const work = Promise.resolve().then(() => use(running.remote, running.run))
    return Promise.race([work, running.stopped]).finally(() => this.calls--)
  }

  /** Stops the worker; calls in flight fail with WorkerStoppedError(`why`). */
  terminate(why = 'it was closed'): void {
    if (this.current) this.stop(this.current, new WorkerStoppedError(this.name, why))
  }

  private start(): Running<T> {
    if (this.current) return this.current
    let worker: Worker
    try {
      worker = this.spec.create()
    } catch (error) {
      throw this.markUnavailable(describe(error))
    }
    let stop!: (error: Error) => void
    const stopped = new Promise<never>((_, reject) => (stop = reject))
    // Nobody may be waiting when it stops.
    stopped.catch(() => {})
    const running: Running<T> = {
      worker,
      remote: wrap<T>(worker),
      run: ++this.runs,
      started: false,
      stopped,
      stop,
    }
    worker.addEventListener('message', (event: MessageEvent) => {
      if (event.data === READY) running.started = true
    })
    worker.addEventListener('error', (event: ErrorEvent) => {
      // Handled here: not an uncaught error of the page.
      event.preventDefault()
      const why = event.message || (running.started ? 'it crashed' : 'its script did not load')
      this.died(running, why)
    })
    worker.addEventListener('messageerror', () => this.died(running, 'a message could not be read'))
    this.current = running
    return running
  }

  private died(running: Running<T>, why: string): void {
    const error = running.started
      ? new WorkerStoppedError(this.name, why)
      : this.markUnavailable(why)
    this.stop(running, error)
  }

  private stop(running: Running<T>, error: Error): void {
    if (this.current !== running) return
    this.current = null
    running.worker.terminate()
    running.stop(error)
  }

  private markUnavailable(why: string): WorkerUnavailableError {
    this.unavailable ??= new WorkerUnavailableError(this.name, why)
    return this.unavailable
  }
}

interface Job<T> {
  use(remote: Remote<T>): Promise<unknown>
  resolve(value: unknown): void
  reject(error: unknown): void
}

/**
 * `size` workers of one kind, each doing one job at a time (so each holds at most one job's
 * data); jobs wait in order. Workers start as jobs need them. A worker that dies fails its own
 * job and is started again for the next; one that never started fails every job with
 * WorkerUnavailableError, now and later.
 */
export class WorkerPool<T> {
  private readonly clients: WorkerClient<T>[]
  private readonly running = new Map<WorkerClient<T>, Job<T>>()
  private queue: Job<T>[] = []
  private closed: Error | null = null

  constructor(
    private readonly spec: WorkerSpec,
    readonly size: number,
  ) {
    this.clients = Array.from({ length: Math.max(1, size) }, () => new WorkerClient<T>(spec))
  }

  /** Runs `use` on the next free worker. */
  run<R>(use: (remote: Remote<T>) => Promise<R>): Promise<R> {
    if (this.closed) return Promise.reject(this.closed)
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ use, resolve: resolve as (value: unknown) => void, reject })
      this.dispatch()
    })
  }

  /** Jobs waiting or running. */
  get pending(): number {
    return this.queue.length + this.running.size
  }

  /** Stops every worker; running and waiting jobs fail, and so does every later one. */
  dispose(): void {
    this.fail(new WorkerStoppedError(this.spec.name, 'the pool was closed'))
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      // The first free one: workers already started are reused before new ones start.
      const client = this.clients.find((c) => !this.running.has(c))
      if (!client) return
      const job = this.queue.shift()!
      this.running.set(client, job)
      // The worker is free again before its job's caller hears back (and may send the next).
      client
        .call((remote) => job.use(remote))
        .then(
          (value) => {
            this.running.delete(client)
            job.resolve(value)
          },
          (error: unknown) => {
            this.running.delete(client)
            job.reject(error)
            // It never started: neither will the others.
            if (error instanceof WorkerUnavailableError) this.fail(error)
          },
        )
        .finally(() => this.dispatch())
    }
  }

  /** Fails every job with `error` (a job settles once: its worker's own error comes too late). */
  private fail(error: Error): void {
    this.closed ??= error
    const jobs = [...this.running.values(), ...this.queue]
    this.queue = []
    for (const job of jobs) job.reject(this.closed)
    for (const client of this.clients) client.terminate('the pool was closed')
  }
}
