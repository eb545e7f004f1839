/**
 * Estimates time left from recent completions: the rate over the last `window` finished tasks,
 * with paused time left out, so a coffee break does not make the estimate jump.
 */
export class ThroughputMeter {
  private times: number[] = []
  private pausedAt: number | null = null
  private offset = 0

  constructor(
    private readonly window = 24,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Clock time with pauses removed. */
  private clock(): number {
    return (this.pausedAt ?? this.now()) - this.offset
  }

  /** Starts timing (e.g. "Upload all") without forgetting earlier completions. */
  start(): void {
    if (this.times.length === 0) this.times.push(this.clock())
    this.resume()
  }

  pause(): void {
    this.pausedAt ??= this.now()
  }

  resume(): void {
    if (this.pausedAt === null) return
    this.offset += this.now() - this.pausedAt
    this.pausedAt = null
  }

  /** One task finished. */
  record(): void {
    this.times.push(this.clock())
    if (this.times.length > this.window + 1) this.times.shift()
  }

  reset(): void {
    this.times = []
    this.pausedAt = null
    this.offset = 0
  }

  /** Tasks per second, or null before there are three completions to go on. */
  rate(): number | null {
    if (this.times.length < 4) return null
    const span = this.times[this.times.length - 1]! - this.times[0]!
    return span > 0 ? ((this.times.length - 1) * 1000) / span : null
  }

  /** Milliseconds for `remaining` more tasks, or null when not known yet. */
  timeLeft(remaining: number): number | null {
    if (remaining <= 0) return 0
    const rate = this.rate()
    return rate ? (remaining / rate) * 1000 : null
  }
}
