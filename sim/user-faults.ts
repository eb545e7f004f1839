import type { FaultPlan } from './faults.ts'

// Per-user knobs for deterministic tests: hold every PUT of one user's record, or fail the next
// few of them, whatever the random faults do to everyone else.

/** The user id of `PUT /api/users/:id` (not `/api/users/check/...`), or null. */
export function userOfPath(path: string): string | null {
  const match = /^\/api\/users\/([^/]+)$/.exec(path)
  if (!match?.[1]) return null
  try {
    return decodeURIComponent(match[1])
  } catch {
    return null
  }
}

export class UserFaults {
  private delays = new Map<string, number>()
  private failures = new Map<string, number[]>()

  delay(id: string, ms: number): void {
    if (ms > 0) this.delays.set(id, ms)
    else this.delays.delete(id)
  }

  failNext(id: string, n: number, status: number): void {
    const queue = this.failures.get(id) ?? []
    for (let i = 0; i < n; i++) queue.push(status)
    this.failures.set(id, queue)
  }

  /** The plan for a PUT of `id`: its delay added, its queued failure taking precedence. */
  plan(id: string, base: FaultPlan): FaultPlan {
    const delayMs = base.delayMs + (this.delays.get(id) ?? 0)
    const status = this.failures.get(id)?.shift()
    if (status === undefined) return { ...base, delayMs }
    return { delayMs, action: 'error', status, phase: 'before' }
  }

  clear(): void {
    this.delays.clear()
    this.failures.clear()
  }
}
