// Runs photo work in module Workers: a small pool, one job per worker at a time, so each worker
// holds at most one decoded picture. No Vue; the job itself is defined by the worker script.

/** A job message: `request` goes to the worker, which answers `{ id, result }` or `{ id, error }`. */
export interface WorkerJob<Req> {
  id: number
  request: Req
}

export type WorkerAnswer<Res> = { id: number; result: Res } | { id: number; error: string }

/** The worker could not run at all (no support, a load failure, a crash): use the main thread. */
export class WorkerUnavailableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WorkerUnavailableError'
  }
}

/** Module Workers with OffscreenCanvas and its JPEG encoder: what the pipeline needs there. */
export function canPrepareInWorker(): boolean {
  return (
    typeof Worker !== 'undefined' &&
    typeof OffscreenCanvas !== 'undefined' &&
    typeof OffscreenCanvas.prototype.convertToBlob === 'function' &&
    typeof createImageBitmap === 'function'
  )
}

/** Workers to start: leave a core to the page, and never more than three. */
export function defaultWorkerCount(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2
  return Math.max(1, Math.min(3, cores - 1))
}

interface Pending<Req, Res> {
  job: WorkerJob<Req>
  resolve(result: Res): void
  reject(error: Error): void
}

interface Slot<Req, Res> {
  worker: Worker
  busy: Pending<Req, Res> | null
  answered: boolean
}

/**
 * A pool of `size` workers made by `create` (started on first use). Jobs queue in order; a
 * worker that dies fails its job and is replaced; one that dies before its first answer (it
 * could not load) marks the pool broken, and every job then fails with WorkerUnavailableError.
 */
export class WorkerPool<Req, Res> {
  private slots: Array<Slot<Req, Res>> = []
  private queue: Array<Pending<Req, Res>> = []
  private nextId = 1
  private broken: string | null = null

  constructor(
    private readonly create: () => Worker,
    readonly size: number,
  ) {}

  /** Sends one job; resolves with the worker's answer. */
  run(request: Req): Promise<Res> {
    if (this.broken) return Promise.reject(new WorkerUnavailableError(this.broken))
    return new Promise<Res>((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, request }, resolve, reject })
      this.dispatch()
    })
  }

  /** Jobs waiting or running. */
  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.busy).length
  }

  /** Stops every worker; running and queued jobs fail. */
  dispose(): void {
    this.fail(new WorkerUnavailableError('The worker pool was closed'))
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.broken) {
      let slot = this.slots.find((s) => !s.busy)
      if (!slot && this.slots.length < this.size) slot = this.spawn()
      if (!slot) return
      const pending = this.queue.shift()!
      slot.busy = pending
      slot.worker.postMessage(pending.job)
    }
  }

  private spawn(): Slot<Req, Res> | undefined {
    let worker: Worker
    try {
      worker = this.create()
    } catch (error) {
      this.fail(new WorkerUnavailableError(`The worker could not start: ${String(error)}`))
      return undefined
    }
    const slot: Slot<Req, Res> = { worker, busy: null, answered: false }
    worker.onmessage = (event: MessageEvent<WorkerAnswer<Res>>) => {
      const answer = event.data
      const pending = slot.busy
      if (!pending || pending.job.id !== answer.id) return
      slot.busy = null
      slot.answered = true
      if ('error' in answer) pending.reject(new Error(answer.error))
      else pending.resolve(answer.result)
      this.dispatch()
    }
    const crash = (message: string) => {
      worker.terminate()
      this.slots = this.slots.filter((s) => s !== slot)
      const pending = slot.busy
      slot.busy = null
      if (!slot.answered) {
        // It never worked: the script did not load (CSP, an old browser). No worker will.
        const error = new WorkerUnavailableError(message)
        pending?.reject(error)
        this.fail(error)
        return
      }
      pending?.reject(new Error(message))
      this.dispatch()
    }
    worker.onerror = (event) => {
      event.preventDefault()
      crash(`The photo worker failed: ${event.message || 'it could not load'}`)
    }
    worker.onmessageerror = () => crash('The photo worker sent an unreadable answer')
    this.slots.push(slot)
    return slot
  }

  private fail(error: WorkerUnavailableError): void {
    this.broken = error.message
    for (const slot of this.slots) {
      slot.worker.terminate()
      slot.busy?.reject(error)
    }
    this.slots = []
    const queued = this.queue
    this.queue = []
    for (const pending of queued) pending.reject(error)
  }
}
