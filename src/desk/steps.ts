// The desk's steps run one after another, in the order the clerk asked for them: Space pressed
// while a lookup is still running captures once the person is there, Enter pressed right after
// Space saves once the picture (and its face-aware crop) is ready. Pure: no Vue.

export type StepKind = 'find' | 'capture' | 'file' | 'crop' | 'retake' | 'save' | 'remove' | 'undo'

interface Step {
  kind: StepKind
  run(signal: AbortSignal): Promise<unknown>
  controller: AbortController
  resolve(value: unknown): void
}

/**
 * A queue of steps, one running at a time. A new lookup replaces a lookup that is still
 * running or waiting with nothing after it (a corrected ID), but never skips steps queued
 * before it: those still happen first, for the person they were meant for.
 */
export class StepQueue {
  private queue: Step[] = []
  private current: Step | null = null
  private listeners = new Set<() => void>()

  /** Runs `run` after every step queued before it; undefined when it was replaced or cleared. */
  run<T>(kind: StepKind, run: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    if (kind === 'find') this.replaceFinds()
    return new Promise<T | undefined>((resolve) => {
      this.queue.push({
        kind,
        run,
        controller: new AbortController(),
        resolve: resolve as (value: unknown) => void,
      })
      this.changed()
      void this.next()
    })
  }

  /** The kinds running or waiting, in order. */
  get pending(): StepKind[] {
    return [...(this.current ? [this.current.kind] : []), ...this.queue.map((s) => s.kind)]
  }

  /** Called whenever a step starts or ends. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Drops every waiting step and aborts the running one (sign-out). */
  clear(): void {
    const dropped = this.queue
    this.queue = []
    for (const step of dropped) step.resolve(undefined)
    this.current?.controller.abort()
    this.changed()
  }

  private replaceFinds(): void {
    // Only finds at the tail: a find with a capture or save after it is a person to serve.
    while (this.queue.at(-1)?.kind === 'find') this.queue.pop()?.resolve(undefined)
    if (this.queue.length === 0 && this.current?.kind === 'find') this.current.controller.abort()
  }

  private async next(): Promise<void> {
    if (this.current) return
    const step = this.queue.shift()
    if (!step) return
    this.current = step
    this.changed()
    try {
      step.resolve(await step.run(step.controller.signal))
    } catch {
      // A step reports its own errors in the state it sets; the queue goes on.
      step.resolve(undefined)
    } finally {
      this.current = null
      this.changed()
      void this.next()
    }
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener()
  }
}
