// The server check behind "BioStar server: answers in N ms": median of the pings, the proxy's
// error taken from the client's "failed" event, and no waiting on a server that is down.
import { describe, expect, it } from 'vitest'
import type { ClientEvent } from '@/api/client.ts'
import { ApiError } from '@/api/errors.ts'
import { checkServer, median } from '@/diagnostics/server-check.ts'

/** A fake clock and client: each ping takes the next duration and may emit an event. */
function fake(pings: Array<{ ms: number; up: boolean; event?: ClientEvent }>) {
  let clock = 0
  const listeners = new Set<(e: ClientEvent) => void>()
  let calls = 0
  return {
    get calls() {
      return calls
    },
    get listening() {
      return listeners.size
    },
    deps: {
      now: () => clock,
      onClientEvent(listener: (e: ClientEvent) => void) {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
      async ping() {
        const next = pings[calls++]!
        clock += next.ms
        if (next.event) for (const l of listeners) l(next.event)
        return next.up
      },
    },
  }
}

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull()
    expect(median([40])).toBe(40)
    expect(median([300, 10, 20])).toBe(20)
    expect(median([10, 40, 20, 30])).toBe(25)
  })
})

describe('checkServer', () => {
  it('pings three times and reports the median, so one slow answer does not count', async () => {
    const f = fake([
      { ms: 15, up: true },
      { ms: 900, up: true },
      { ms: 21, up: true },
    ])
    expect(await checkServer(3, f.deps)).toEqual({
      state: 'ok',
      samples: [15, 900, 21],
      medianMs: 21,
      error: null,
    })
    expect(f.listening).toBe(0)
  })

  it('stops at the first ping without an answer and keeps the proxy’s explanation', async () => {
    const error = new ApiError({ kind: 'unreachable', status: 502, server: 'https://10.0.0.5' })
    const f = fake([
      { ms: 3, up: false, event: { type: 'failed', path: '/users', error } },
      { ms: 3, up: true },
    ])
    const result = await checkServer(3, f.deps)
    expect(f.calls).toBe(1)
    expect(result).toEqual({
      state: 'down',
      samples: [],
      medianMs: null,
      error: { kind: 'unreachable', status: 502, server: 'https://10.0.0.5' },
    })
    expect(f.listening).toBe(0)
  })

  it('calls an answer that is not BioStar’s "odd" (e.g. /api not proxied)', async () => {
    const error = new ApiError({ kind: 'bad-response', status: 200 })
    const f = fake([
      { ms: 4, up: true, event: { type: 'failed', path: '/users', error } },
      { ms: 6, up: true },
      { ms: 5, up: true },
    ])
    const result = await checkServer(3, f.deps)
    expect(result.state).toBe('odd')
    expect(result.medianMs).toBe(5)
    expect(result.error).toEqual({ kind: 'bad-response', status: 200 })
  })

  it('ignores other calls failing meanwhile', async () => {
    const error = new ApiError({ kind: 'not-found', status: 400 })
    const f = fake([{ ms: 8, up: true, event: { type: 'failed', path: '/users/77', error } }])
    expect((await checkServer(1, f.deps)).state).toBe('ok')
  })
})
