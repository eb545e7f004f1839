import type { IncomingMessage, ServerResponse } from 'node:http'
import type { SimState } from './context.ts'
import { httpError } from './envelope.ts'
import { FaultInjector, defaultFaults } from './faults.ts'
import type { Faults } from './faults.ts'
import { writeReply } from './http-io.ts'
import { isValidUserId } from './ids.ts'
import { startServer } from './listen.ts'
import type { ListenOptions, RunningServer } from './listen.ts'
import { resolveOptions } from './options.ts'
import type { ResolvedOptions, SimOptions } from './options.ts'
import { Persister, loadState } from './persist.ts'
import { createPrng } from './prng.ts'
import { ALL_USERS, DEMO_OPERATOR, DEMO_VIEWER, baseUser, seedState } from './seed.ts'
import { LoginGuard, SessionStore } from './session.ts'
import { UserStore } from './store.ts'
import { createServe } from './serve.ts'
import { UserFaults } from './user-faults.ts'
import type { NamedRef, RecordedRequest, SimStats, StoredUser } from './types.ts'

export { DEMO_NO_LEVEL, DEMO_OPERATOR, DEMO_VIEWER } from './seed.ts'
export { optionsFromEnv } from './env.ts'
export { SUPPORT_LINK } from './envelope.ts'
export { BIOSTAR_SECURITY_HEADERS } from './http-io.ts'
export type { Faults, FaultPhase } from './faults.ts'
export type { ListenOptions, RunningServer } from './listen.ts'
export type { ResolvedOptions, SimOptions } from './options.ts'
export type { NamedRef, Permission, RecordedRequest, SimStats, StoredUser } from './types.ts'

export interface DemoOperator {
  loginId: string
  password: string
  role: string
}

/** addUser input: any record fields; the group may be given by id. */
export type NewUser = Partial<Omit<StoredUser, 'user_group_id'>> & {
  user_id: string
  name: string
  user_group_id?: NamedRef | string
  /** With `login_id` and a `permission`: an operator who can sign in. */
  password?: string
}

export interface Simulator {
  /** Live options: change them at runtime (dataFile and seed are read at creation). */
  options: ResolvedOptions
  /** Live fault knobs. */
  faults: Faults
  setFaults(faults: Partial<Faults>): void
  /** Connect-style middleware: answers /api and /api/..., calls next() for anything else. */
  handle(req: IncomingMessage, res: ServerResponse, next?: () => void): void
  listen(opts?: ListenOptions): Promise<RunningServer>
  /** Ends every session: the next call of each client gets 401 code "10". */
  expireSessions(): void
  /** The next n requests (login exempt unless faultsOnLogin) answer `status` (default 503). */
  failNext(n: number, status?: number): void
  /** A copy of the stored record, photo included. */
  getUser(id: string): StoredUser | undefined
  addUser(user: NewUser): StoredUser
  /** Sets (raw base64, unchecked) or removes the photo, as another BioStar client would. */
  setPhoto(id: string, base64: string | null): void
  /**
   * Holds every PUT of this user's record (`/api/users/:id`) for `ms` before it is handled, on
   * top of any latency fault; 0 ends it.
   */
  delayPuts(id: string, ms: number): void
  /** The next n PUTs of this user's record answer `status` (default 503) without applying. */
  failNextPuts(id: string, n: number, status?: number): void
  /** Successful PUTs for this user that set or removed the photo. */
  putCount(id: string): number
  readonly stats: SimStats
  /**
   * The newest 5,000 requests, oldest first: method, path, status, size; bodies only with the
   * recordBodies option.
   */
  requests: RecordedRequest[]
  /** Back to the seeded users, creation-time options and faults; sessions and records cleared. */
  reset(): void
  /** Writes pending changes to dataFile now. */
  flush(): void
  /** Demo sign-ins for banners. */
  operators: DemoOperator[]
  /** Flushes persistence and closes every server started by listen(). */
  close(): Promise<void>
}

function emptyStats(): SimStats {
  return { requests: 0, logins: 0, failedLogins: 0, puts: 0, photoPuts: {} }
}

export function createSimulator(simOptions: SimOptions = {}): Simulator {
  const initialOptions = resolveOptions(simOptions)
  const initialFaults: Faults = { ...defaultFaults(), ...simOptions.faults }
  const options: ResolvedOptions = { ...initialOptions }
  const faults: Faults = structuredClone(initialFaults)
  const log = (line: string) => options.log?.(line)

  const store = new UserStore()
  const sessions = new SessionStore()
  const guard = new LoginGuard()
  const stats = emptyStats()
  const requests: RecordedRequest[] = []
  const injector = new FaultInjector(createPrng(options.seed))
  const userFaults = new UserFaults()
  const servers = new Set<RunningServer>()
  const dataFile = options.dataFile
  const persister = dataFile
    ? new Persister(
        dataFile,
        () => options.persistDebounceMs,
        () => store.snapshot(),
        log,
      )
    : undefined
  const state: SimState = {
    options,
    store,
    sessions,
    guard,
    stats,
    issuedImages: new Map(),
    changed: () => persister?.schedule(),
  }
  const seed = () =>
    seedState({
      userCount: options.userCount,
      idType: options.idType,
      photoMess: options.photoMess,
      photoEvery: options.photoEvery,
    })
  store.load((dataFile && loadState(dataFile)) || seed())

  const serve = createServe({ state, faults, injector, userFaults, requests })

  function handle(req: IncomingMessage, res: ServerResponse, next?: () => void): void {
    // Connect strips a mount prefix from req.url; originalUrl keeps the full path.
    const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/'
    const q = url.indexOf('?')
    const path = q < 0 ? url : url.slice(0, q)
    if (path !== '/api' && !path.startsWith('/api/')) {
      if (next) return next()
      res.writeHead(404, { 'Content-Type': 'text/plain;charset=UTF-8' })
      res.end('Not found. The BioStar 2 simulator serves /api only.\n')
      return
    }
    serve(req, res, path, q < 0 ? '' : url.slice(q + 1)).catch((error: unknown) => {
      log(`simulator failed on ${req.method} ${path}: ${String(error)}`)
      writeReply(res, httpError(500, 'Internal simulator error.'))
    })
  }

  async function listen(opts: ListenOptions = {}): Promise<RunningServer> {
    const server = await startServer((req, res) => handle(req, res), opts)
    const running: RunningServer = {
      ...server,
      close: () => {
        servers.delete(running)
        return server.close()
      },
    }
    servers.add(running)
    return running
  }

  function requireUser(id: string): StoredUser {
    const user = store.get(id)
    if (!user) throw new Error(`No simulated user with id "${id}"`)
    return user
  }

  function addUser(input: NewUser): StoredUser {
    if (!isValidUserId(input.user_id, options.idType)) {
      throw new Error(`"${input.user_id}" is not a valid ${options.idType} user id`)
    }
    const { user_group_id: group, password, ...fields } = input
    const groupRef =
      typeof group === 'string' ? (store.group(group) ?? { id: group, name: group }) : group
    const user: StoredUser = {
      ...baseUser(input.user_id, input.name),
      ...fields,
      user_group_id: { ...(groupRef ?? ALL_USERS) },
    }
    user.photo_exists = user.photo ? 'true' : 'false'
    if (!user.photo) delete user.photo
    const saved = store.save(user, { bump: true })
    if (password !== undefined) store.passwords.set(saved.user_id, password)
    state.changed()
    return structuredClone(saved)
  }

  function setPhoto(id: string, base64: string | null): void {
    const user: StoredUser = { ...requireUser(id), photo_exists: base64 ? 'true' : 'false' }
    if (base64) user.photo = base64
    else delete user.photo
    store.save(user, { bump: true })
    state.changed()
  }

  function reset(): void {
    for (const key of Object.keys(options)) delete (options as Record<string, unknown>)[key]
    Object.assign(options, initialOptions)
    for (const key of Object.keys(faults))
      delete (faults as unknown as Record<string, unknown>)[key]
    Object.assign(faults, structuredClone(initialFaults))
    injector.clear(createPrng(options.seed))
    userFaults.clear()
    store.load(seed())
    sessions.clear()
    guard.clear()
    state.issuedImages.clear()
    requests.length = 0
    Object.assign(stats, emptyStats())
    state.changed()
  }

  return {
    options,
    faults,
    setFaults: (partial) => void Object.assign(faults, partial),
    handle,
    listen,
    expireSessions: () => sessions.clear(),
    failNext: (n, status = 503) => injector.failNext(n, status),
    getUser: (id) => {
      const user = store.get(id)
      return user && structuredClone(user)
    },
    addUser,
    setPhoto,
    delayPuts: (id, ms) => userFaults.delay(id, ms),
    failNextPuts: (id, n, status = 503) => userFaults.failNext(id, n, status),
    putCount: (id) => stats.photoPuts[id] ?? 0,
    stats,
    requests,
    reset,
    flush: () => persister?.flush(),
    operators: [
      { ...DEMO_OPERATOR, role: 'Administrator' },
      { ...DEMO_VIEWER, role: 'User Operator, read-only' },
    ],
    close: async () => {
      persister?.flush()
      await Promise.all([...servers].map((s) => s.close()))
    },
  }
}
