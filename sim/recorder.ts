import type { IncomingHttpHeaders } from 'node:http'
import type { ParsedBody } from './context.ts'
import type { RecordedRequest } from './types.ts'

export const MAX_RECORDED = 5_000
/** Bodies above this keep their shape but long strings (photos) become a size note. */
const FULL_BODY_BYTES = 2 * 1024 * 1024
const LONG_STRING = 64 * 1024

function shrink(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.length > LONG_STRING ? `[${value.length} chars]` : value
  }
  if (Array.isArray(value)) return value.map(shrink)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shrink(v)]))
  }
  return value
}

export function recordedBody(body: ParsedBody, size: number): unknown {
  if (body.kind === 'empty') return undefined
  if (body.kind === 'invalid') return body.text.slice(0, 1024)
  return size > FULL_BODY_BYTES ? shrink(body.value) : body.value
}

export function recordedHeaders(headers: IncomingHttpHeaders): RecordedRequest['headers'] {
  const picked: RecordedRequest['headers'] = {}
  for (const name of ['bs-session-id', 'content-type', 'origin', 'cookie'] as const) {
    const value = headers[name]
    if (typeof value === 'string') picked[name] = value
  }
  return picked
}

/** Appends, keeping only the newest MAX_RECORDED entries. */
export function pushBounded(list: RecordedRequest[], entry: RecordedRequest): void {
  list.push(entry)
  if (list.length > MAX_RECORDED) list.splice(0, list.length - MAX_RECORDED)
}
