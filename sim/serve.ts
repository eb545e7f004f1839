import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Call, ParsedBody, SimState } from './context.ts'
import { fail, httpError } from './envelope.ts'
import type { FaultInjector, FaultPlan, Faults } from './faults.ts'
import {
  BIOSTAR_SECURITY_HEADERS,
  discard,
  dropConnection,
  readBody,
  sleep,
  writeReply,
} from './http-io.ts'
import { newEntry, pushBounded, recordedBody } from './recorder.ts'
import { admit, bodyLimit, dispatch, findRoute } from './router.ts'
import type { RecordedRequest, Reply } from './types.ts'
import { userOfPath } from './user-faults.ts'
import type { UserFaults } from './user-faults.ts'

// One call, start to finish: faults, the checks that need no body, the body (within its limit),
// the handler, the answer and its entry in `sim.requests`.

export interface ServeDeps {
  state: SimState
  faults: Faults
  injector: FaultInjector
  userFaults: UserFaults
  requests: RecordedRequest[]
}

const NO_FAULT: FaultPlan = { delayMs: 0, action: 'none', status: 0, phase: 'before' }

function parseBody(bytes: Buffer): ParsedBody {
  if (bytes.length === 0) return { kind: 'empty' }
  const text = bytes.toString('utf8')
  try {
    return { kind: 'json', value: JSON.parse(text) }
  } catch {
    return { kind: 'invalid', text }
  }
}

export function createServe({ state, faults, injector, userFaults, requests }: ServeDeps) {
  const { options, stats } = state
  const log = (line: string) => options.log?.(line)

  return async function serve(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: string,
  ): Promise<void> {
    const started = Date.now()
    const method = req.method ?? 'GET'
    const entry = newEntry(started, method, path, query, req.headers)
    stats.requests++
    const exempt =
      (path === '/api/login' && !faults.faultsOnLogin) ||
      (faults.methods.length > 0 && !faults.methods.includes(method))
    let plan = exempt ? NO_FAULT : injector.plan(faults)
    const putOf = method === 'PUT' ? userOfPath(path) : null
    if (putOf !== null) plan = userFaults.plan(putOf, plan)
    if (plan.delayMs > 0) await sleep(plan.delayMs)

    const found = findRoute(method, path)
    const limit = bodyLimit(options, found)
    /** Reads the body within its limit; undefined when it is too large (413). */
    const receive = async (): Promise<ParsedBody | undefined> => {
      const raw = await readBody(req, limit)
      entry.size = raw.size
      if (raw.tooLarge) return undefined
      const body = parseBody(raw.bytes)
      if (options.recordBodies) entry.body = recordedBody(body, raw.size)
      return body
    }
    const finish = (reply: Reply | undefined) => {
      if (reply) {
        writeReply(res, reply, options.securityHeaders ? BIOSTAR_SECURITY_HEADERS : {})
        // Whatever is left of a body nobody read goes unread, up to the largest allowed body.
        discard(req, options.photoBodyLimitBytes)
      } else dropConnection(req, res)
      entry.status = reply?.status ?? 0
      entry.durationMs = Date.now() - started
      pushBounded(requests, entry)
      const note = entry.fault ? ` [${entry.fault}${entry.applied ? ' after applying' : ''}]` : ''
      log(`${method} ${path} ${entry.status || 'dropped'} ${entry.durationMs}ms${note}`)
    }
    const faultReply = () => (plan.action === 'error' ? httpError(plan.status) : undefined)

    if (plan.action !== 'none' && plan.phase === 'before') {
      // A gateway failed the call and BioStar never saw it; the body is read only to record it.
      entry.fault = plan.action
      if (options.recordBodies) await receive()
      return finish(faultReply())
    }
    const call: Call = {
      method,
      path,
      query: new URLSearchParams(query),
      headers: req.headers,
      body: undefined,
      params: [],
      now: Date.now(),
    }
    // The session is checked before the body is read: a caller without one costs nothing.
    const admitted = admit(state, call, found)
    let reply: Reply
    if ('status' in admitted) reply = admitted
    else {
      const body = await receive()
      reply = body
        ? dispatch(state, call, admitted, body)
        : fail(413, options.badRequestCode, 'The request body is too large.')
    }
    if (plan.action !== 'none') {
      entry.fault = plan.action
      entry.applied = true
      return finish(faultReply())
    }
    finish(reply)
  }
}
