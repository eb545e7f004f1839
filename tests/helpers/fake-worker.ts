// A stand-in Worker for unit tests (happy-dom has none): the "worker" side is an API object
// served with the real seam (serveWorker: Comlink.expose + the ready message) on one end of a
// MessageChannel, in this process; the page side is the other end, behind Worker's events.
import { serveWorker } from '@/workers/rpc.ts'

export class FakeWorker extends EventTarget {
  /** Every fake made since the last reset, in order. */
  static made: FakeWorker[] = []

  private readonly page: MessagePort
  private readonly scope: MessagePort
  terminated = false

  /** `api` null: the script never loads (an error event follows, as in a browser). */
  constructor(api: object | null) {
    super()
    const { port1, port2 } = new MessageChannel()
    this.page = port1
    this.scope = port2
    port1.onmessage = (event: MessageEvent) => {
      if (!this.terminated) this.dispatchEvent(new MessageEvent('message', { data: event.data }))
    }
    if (api) serveWorker(api, port2)
    else setTimeout(() => this.crash(''), 1)
    FakeWorker.made.push(this)
  }

  static reset(): void {
    for (const worker of FakeWorker.made) worker.terminate()
    FakeWorker.made = []
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    if (!this.terminated) this.page.postMessage(message, transfer)
  }

  terminate(): void {
    this.terminated = true
    this.page.close()
    this.scope.close()
  }

  /** The worker throws outside any call (or, with '', its script fails to load). */
  crash(message = 'boom'): void {
    this.dispatchEvent(new ErrorEvent('error', { message, cancelable: true }))
  }

  /** A message from the worker could not be deserialized. */
  garble(): void {
    this.dispatchEvent(new MessageEvent('messageerror'))
  }

  asWorker(): Worker {
    return this as unknown as Worker
  }
}

/** A `create` for the seam that makes a FakeWorker serving `api()` (a new object per worker). */
export const fakeWorkers =
  (api: (() => object) | null = null) =>
  (): Worker =>
    new FakeWorker(api ? api() : null).asWorker()

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
