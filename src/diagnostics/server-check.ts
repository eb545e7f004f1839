import { onClientEvent, type ClientEvent } from '@/api/client.ts'
import { apiErrorData, type ApiErrorInit } from '@/api/errors.ts'
import { ping } from '@/api/health.ts'

/** How the BioStar server answered through the proxy. */
export interface ServerCheck {
  /** ok: answered like BioStar; odd: answered, but not like BioStar; down: no answer. */
  state: 'ok' | 'odd' | 'down'
  /** Round trips in ms, one per answered ping. */
  samples: number[]
  medianMs: number | null
  /** What the proxy or the server said when it went wrong. */
  error: ApiErrorInit | null
}

export interface ServerCheckDeps {
  ping(): Promise<boolean>
  now(): number
  onClientEvent(listener: (event: ClientEvent) => void): () => void
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * Pings BioStar `count` times, one after the other, and takes the median round trip. ping() only
 * says up or down; what went wrong (the proxy's message) comes from the client's "failed" event.
 * Stops at the first ping without an answer: the next ones would only wait as long.
 */
export async function checkServer(
  count = 3,
  deps: ServerCheckDeps = { ping, now: () => performance.now(), onClientEvent },
): Promise<ServerCheck> {
  let error: ApiErrorInit | null = null
  const stop = deps.onClientEvent((event) => {
    if (event.type === 'failed' && event.path === '/users') error = apiErrorData(event.error)
  })
  const samples: number[] = []
  let answered = true
  try {
    for (let i = 0; i < count && answered; i++) {
      const started = deps.now()
      answered = await deps.ping()
      if (answered) samples.push(Math.round(deps.now() - started))
    }
  } finally {
    stop()
  }
  const state = !answered ? 'down' : error ? 'odd' : 'ok'
  return { state, samples, medianMs: median(samples), error }
}
