import type { IncomingHttpHeaders } from 'node:http'
import type { ParsedBody } from './context.ts'
import type { RecordedRequest } from './types.ts'

// `sim.requests`: what each call was and how it was answered. Every entry is small by default
// (no body, capped path, query and header values), so 5,000 of them stay a few MB whatever
// callers send; bodies are kept only with the recordBodies option.

export const MAX_RECORDED = 5_000
/** Longer paths, queries and header values are cut to this many characters. */
const MAX_TEXT = 512
/** Bodies above this keep their shape but long strings (photos) become a size note. */
const FULL_BODY_BYTES = 2 * 1024 * 1024
const LONG_STRING = 64 * 1024

function cut(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}[${text.length} chars]` : text
}

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

/** What recordBodies keeps: parsed JSON, the start of invalid text, undefined when empty. */
export function recordedBody(body: ParsedBody, size: number): unknown {
  if (body.kind === 'empty') return undefined
  if (body.kind === 'invalid') return body.text.slice(0, 1024)
  return size > FULL_BODY_BYTES ? shrink(body.value) : body.value
}

function recordedHeaders(headers: IncomingHttpHeaders): RecordedRequest['headers'] {
  const picked: RecordedRequest['headers'] = {}
  for (const name of ['bs-session-id', 'content-type', 'origin', 'cookie'] as const) {
    const value = headers[name]
    if (typeof value === 'string') picked[name] = cut(value)
  }
  return picked
}

/** The declared body size, 0 when there is none or it is malformed. */
export function declaredSize(headers: IncomingHttpHeaders): number {
  const size = Number(headers['content-length'])
  return Number.isSafeInteger(size) && size > 0 ? size : 0
}

/** A new entry; status, size, body and duration are filled in as the call goes. */
export function newEntry(
  time: number,
  method: string,
  path: string,
  query: string,
  headers: IncomingHttpHeaders,
): RecordedRequest {
  return {
    time,
    method: cut(method),
    path: cut(path),
    query: cut(query),
    status: 0,
    headers: recordedHeaders(headers),
    size: declaredSize(headers),
    body: undefined,
    durationMs: 0,
  }
}

/** Appends, keeping only the newest MAX_RECORDED entries. */
export function pushBounded(list: RecordedRequest[], entry: RecordedRequest): void {
  list.push(entry)
  if (list.length > MAX_RECORDED) list.splice(0, list.length - MAX_RECORDED)
}
