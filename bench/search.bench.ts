// User search at a large site: load 20,000 users from the local simulator in pages of 500, then
// time each keystroke of a clerk typing names and ids. Prints its own figures (median / max per
// keystroke, longest event-loop stall while loading) next to Vitest's table. The simulator runs
// in its own process, so the stall is the client's work alone (parsing pages, building keys).
// Run: npx vitest bench --run --project integration bench/search.bench.ts
import { spawn, type ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, bench, describe } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { DEMO_OPERATOR } from '../sim/index.ts'

// tsconfig.node.json checks bench/ without the app's `@/` paths and DOM types, so the app's
// modules are imported by URL at run time (Vitest resolves them) and typed by these shapes.
interface AppModules {
  client: { clientConfig: { baseURL: string }; setSessionId(id: string | null): void }
  auth: { login(loginId: string, password: string): Promise<{ sessionId: string }> }
  directory: { PAGE_SIZE: number; useDirectoryStore(): DirectoryStore }
}
interface DirectoryStore {
  clear(): void
  ensureLoaded(): Promise<void>
  searchWithTotal(query: string, limit?: number): { total: number }
}
const load = <K extends keyof AppModules>(path: string) =>
  import(/* @vite-ignore */ new URL(path, import.meta.url).href) as Promise<AppModules[K]>
const { clientConfig, setSessionId } = await load<'client'>('../src/api/client.ts')
const { login } = await load<'auth'>('../src/api/auth.ts')
const { PAGE_SIZE, useDirectoryStore } = await load<'directory'>('../src/stores/directory.ts')

const USER_COUNT = 20_000
// What clerks type, one keystroke at a time: English and Korean names, ids, a miss.
const TYPED = ['olivia smith', 'james w', '김민준', '이서연', '민준', '12345', '7', 'xyz', 'a']
const KEYSTROKES = TYPED.flatMap((word) => [...word].map((_, i) => word.slice(0, i + 1)))

const root = fileURLToPath(new URL('..', import.meta.url))
let sim: ChildProcess | undefined
let store: DirectoryStore

const ms = (n: number) => `${n.toFixed(2)} ms`

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
  return { median: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 }
}

/** Loads from scratch, noting the longest gap between event-loop turns (a frozen page). */
async function timedLoad() {
  store.clear()
  let last = performance.now()
  let longest = 0
  const ticker = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
  }, 0)
  const started = performance.now()
  await store.ensureLoaded()
  const elapsed = performance.now() - started
  clearInterval(ticker)
  return { elapsed, longest }
}

/** Every keystroke of KEYSTROKES, timed alone, repeated. */
function timedTyping(rounds: number) {
  const samples: number[] = []
  for (let r = 0; r < rounds; r++) {
    for (const query of KEYSTROKES) {
      const started = performance.now()
      store.searchWithTotal(query, 50)
      samples.push(performance.now() - started)
    }
  }
  return samples
}

/** `npm run sim` on a free port; resolves with its base URL. */
function startSimulator(): Promise<string> {
  const env = { ...process.env, SIM_PORT: '0', SIM_USERS: String(USER_COUNT), SIM_QUIET: '1' }
  const child = spawn(process.execPath, ['--import', 'tsx', 'sim/cli.ts'], { cwd: root, env })
  sim = child
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const url = /listening on (\S+)\/api/.exec(out)?.[1]
      if (url) resolve(url)
    })
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk))
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}: ${out}`)))
  })
}

beforeAll(async () => {
  clientConfig.baseURL = `${await startSimulator()}/api`
  setActivePinia(createPinia())
  setSessionId((await login(DEMO_OPERATOR.loginId, DEMO_OPERATOR.password)).sessionId)
  store = useDirectoryStore()

  const loads = []
  for (let i = 0; i < 3; i++) loads.push(await timedLoad())
  const typing = { keystrokes: KEYSTROKES.length, rounds: 20, ...stats(timedTyping(20)) }
  const pages = Math.ceil(USER_COUNT / PAGE_SIZE)
  const stall = Math.max(...loads.map((l) => l.longest))
  // `npm run bench` (bench/search.ts) reads these figures from the file it names.
  if (process.env.BENCH_SEARCH_JSON)
    writeFileSync(
      process.env.BENCH_SEARCH_JSON,
      JSON.stringify({ users: USER_COUNT, pageSize: PAGE_SIZE, pages, loads, stall, typing }),
    )
  console.log(
    [
      `\nUser search, ${USER_COUNT.toLocaleString('en')} simulated users`,
      `  load: ${loads.map((l) => ms(l.elapsed)).join(', ')} (${pages} pages of ${PAGE_SIZE} each)`,
      `  longest event-loop stall while loading: ${ms(stall)}`,
      `  per keystroke (${KEYSTROKES.length} keystrokes x 20): median ${ms(typing.median)},` +
        ` p95 ${ms(typing.p95)}, max ${ms(typing.max)}`,
    ].join('\n'),
  )
}, 120_000)

afterAll(() => {
  setSessionId(null)
  sim?.kill('SIGTERM')
})

describe(`search ${USER_COUNT.toLocaleString('en')} users`, () => {
  let i = 0
  bench('one keystroke (cycling through typed names and ids)', () => {
    store.searchWithTotal(KEYSTROKES[i++ % KEYSTROKES.length] ?? '', 50)
  })

  bench('Korean given name "민준"', () => {
    store.searchWithTotal('민준', 50)
  })

  bench('one letter "a" (most users match)', () => {
    store.searchWithTotal('a', 50)
  })

  bench(
    'load all users from the simulator',
    async () => {
      store.clear()
      await store.ensureLoaded()
    },
    { iterations: 5, time: 0, warmupIterations: 1 },
  )
})
