// Fault injection for tests and demos: latency, gateway errors, dropped connections.
// All rolls come from the seeded PRNG so a test sees the same sequence on every run.

export type FaultPhase = 'before' | 'after' | 'random'

export interface Faults {
  /** Extra delay per request, uniformly drawn from [min, max] ms. */
  latencyMs: [number, number]
  /** Share of requests (0..1) answered with one of errorStatuses. */
  errorRate: number
  errorStatuses: number[]
  /** 'after' applies the change first, then hides the real reply (tests idempotent retries). */
  errorPhase: FaultPhase
  /** Share of requests (0..1) whose socket is destroyed without an answer. */
  dropRate: number
  /** Faults skip POST /api/login unless this is set. */
  faultsOnLogin: boolean
  /** Only requests with these methods get faults (e.g. ['PUT']); empty: every method. */
  methods: string[]
}

export function defaultFaults(): Faults {
  return {
    latencyMs: [0, 0],
    errorRate: 0,
    errorStatuses: [502, 503, 504],
    errorPhase: 'before',
    dropRate: 0,
    faultsOnLogin: false,
    methods: [],
  }
}

export interface FaultPlan {
  delayMs: number
  action: 'none' | 'error' | 'drop'
  status: number
  phase: 'before' | 'after'
}

export class FaultInjector {
  /** Statuses queued by failNext, consumed one per request. */
  private queue: number[] = []

  constructor(private random: () => number) {}

  failNext(n: number, status: number): void {
    for (let i = 0; i < n; i++) this.queue.push(status)
  }

  clear(random: () => number): void {
    this.queue = []
    this.random = random
  }

  plan(faults: Faults): FaultPlan {
    const [min, max] = faults.latencyMs
    const delayMs = max > 0 ? Math.round(min + this.random() * Math.max(0, max - min)) : 0
    let action: FaultPlan['action'] = 'none'
    let status = 0
    const queued = this.queue.shift()
    if (queued !== undefined) {
      action = 'error'
      status = queued
    } else if (faults.dropRate > 0 && this.random() < faults.dropRate) {
      action = 'drop'
    } else if (faults.errorRate > 0 && this.random() < faults.errorRate) {
      action = 'error'
      const statuses = faults.errorStatuses.length ? faults.errorStatuses : [503]
      status = statuses[Math.floor(this.random() * statuses.length)] ?? 503
    }
    let phase: FaultPlan['phase'] = faults.errorPhase === 'after' ? 'after' : 'before'
    if (action !== 'none' && faults.errorPhase === 'random') {
      phase = this.random() < 0.5 ? 'before' : 'after'
    }
    return { delayMs, action, status, phase }
  }
}

/** "1000-3000" -> [1000, 3000]; "500" -> [500, 500]. */
export function parseLatency(text: string): [number, number] {
  const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(text)
  if (!match) throw new Error(`Latency must look like "500" or "1000-3000", got "${text}"`)
  const min = Number(match[1])
  const max = match[2] === undefined ? min : Number(match[2])
  if (max < min) throw new Error(`Latency range "${text}" has max below min`)
  return [min, max]
}
