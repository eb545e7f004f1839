import { randomBytes } from 'node:crypto'

export interface Session {
  id: string
  userId: string
  createdAt: number
  lastSeen: number
}

/**
 * Live sessions. Ids come from node:crypto rather than the seeded PRNG on purpose: a restarted
 * simulator with the same seed must not hand out an id an old client still holds.
 */
export class SessionStore {
  private sessions = new Map<string, Session>()

  create(userId: string, now: number, single: boolean): Session {
    if (single) this.endFor(userId)
    const session = { id: randomBytes(16).toString('hex'), userId, createdAt: now, lastSeen: now }
    this.sessions.set(session.id, session)
    return session
  }

  /** The session if still valid (renewing it in sliding mode); expired ones are removed. */
  use(
    id: string | undefined,
    now: number,
    timeoutMs: number,
    mode: 'sliding' | 'absolute',
  ): Session | undefined {
    const session = id ? this.sessions.get(id) : undefined
    if (!session) return undefined
    const since = mode === 'absolute' ? session.createdAt : session.lastSeen
    if (now - since > timeoutMs) {
      this.sessions.delete(session.id)
      return undefined
    }
    session.lastSeen = now
    return session
  }

  end(id: string): void {
    this.sessions.delete(id)
  }

  endFor(userId: string): void {
    for (const [id, s] of this.sessions) if (s.userId === userId) this.sessions.delete(id)
  }

  clear(): void {
    this.sessions.clear()
  }

  get size(): number {
    return this.sessions.size
  }
}

/** Failed-login counting and lock-out per login id (Maximum Invalid Attempts). */
export class LoginGuard {
  private entries = new Map<string, { failures: number; lockedUntil: number }>()

  isLocked(loginId: string, now: number): boolean {
    const entry = this.entries.get(loginId)
    if (!entry || entry.lockedUntil === 0) return false
    if (entry.lockedUntil > now) return true
    this.entries.delete(loginId)
    return false
  }

  /** Counts a failure; true when this failure locked the account. */
  fail(loginId: string, now: number, attempts: number, lockMs: number): boolean {
    const entry = this.entries.get(loginId) ?? { failures: 0, lockedUntil: 0 }
    entry.failures++
    this.entries.set(loginId, entry)
    if (attempts > 0 && entry.failures >= attempts) {
      entry.lockedUntil = now + lockMs
      return true
    }
    return false
  }

  succeed(loginId: string): void {
    this.entries.delete(loginId)
  }

  clear(): void {
    this.entries.clear()
  }
}
