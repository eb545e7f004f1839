// The idle lock's rules: when the countdown starts, what it shows, when it signs out, and which
// restored tab is too old to be signed in.
import { describe, expect, it } from 'vitest'
import { countdownSeconds, IDLE_COUNTDOWN_MS, idlePhase, isStale } from '@/session/idle.ts'

const MIN = 60_000

describe('idlePhase', () => {
  it('is active until the idle time, counts down for a minute, then is over', () => {
    const idle = 15 * MIN
    expect(idlePhase(0, 0, idle)).toEqual({ kind: 'active', msLeft: idle })
    expect(idlePhase(0, idle - 1, idle)).toEqual({ kind: 'active', msLeft: 1 })
    expect(idlePhase(0, idle, idle)).toEqual({ kind: 'countdown', msLeft: IDLE_COUNTDOWN_MS })
    expect(idlePhase(0, idle + 59_500, idle)).toEqual({ kind: 'countdown', msLeft: 500 })
    expect(idlePhase(0, idle + IDLE_COUNTDOWN_MS, idle)).toEqual({ kind: 'over' })
    // A tab that slept for hours: over at once, no second countdown.
    expect(idlePhase(0, 5 * 60 * MIN, idle)).toEqual({ kind: 'over' })
  })

  it('treats a last activity in the future (a clock set back) as now', () => {
    expect(idlePhase(10 * MIN, 0, MIN)).toEqual({ kind: 'active', msLeft: MIN })
  })

  it('takes its countdown length from the caller', () => {
    expect(idlePhase(0, 1_500, 1_000, 2_000)).toEqual({ kind: 'countdown', msLeft: 1_500 })
    expect(idlePhase(0, 3_000, 1_000, 2_000)).toEqual({ kind: 'over' })
  })
})

describe('countdownSeconds', () => {
  it('shows whole seconds from 60 down to 1', () => {
    expect(countdownSeconds(60_000)).toBe(60)
    expect(countdownSeconds(59_001)).toBe(60)
    expect(countdownSeconds(59_000)).toBe(59)
    expect(countdownSeconds(1)).toBe(1)
    expect(countdownSeconds(0)).toBe(1)
  })
})

describe('isStale', () => {
  it('is stale at the idle time or later, or when nothing is known', () => {
    expect(isStale(0, 15 * MIN - 1, 15 * MIN)).toBe(false)
    expect(isStale(0, 15 * MIN, 15 * MIN)).toBe(true)
    expect(isStale(null, 0, 15 * MIN)).toBe(true)
  })

  it('is never stale with the idle lock off', () => {
    expect(isStale(0, 100 * 60 * MIN, 0)).toBe(false)
    expect(isStale(null, 0, 0)).toBe(false)
  })
})
