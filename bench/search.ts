// Measure 6, name search: runs bench/search.bench.ts (Vitest bench; 20,000 simulated users in a
// simulator process) and collects its figures: its own (load, event-loop stall, per keystroke)
// from BENCH_SEARCH_JSON, and Vitest's per-bench table from --outputJson.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../tests/helpers/app-server.ts'
import { summarise, type Summary } from './stats.ts'

export interface SearchResults {
  users: number
  pages: number
  pageSize: number
  /** Full loads of the user list from scratch, ms (the bench's setup loads 3 times). */
  load: Summary
  /** Longest gap between event-loop turns while loading (a frozen page), ms. */
  longestStall: number
  /** Each keystroke of typed names and ids, timed alone. */
  keystroke: { keystrokes: number; rounds: number; median: number; p95: number; max: number }
  /** Vitest bench rows: name, median, max, samples. */
  benches: { name: string; median: number; p99: number; max: number; samples: number }[]
}

interface FiguresFile {
  users: number
  pageSize: number
  pages: number
  loads: { elapsed: number; longest: number }[]
  stall: number
  typing: SearchResults['keystroke']
}

interface VitestJson {
  files: {
    groups: {
      benchmarks: {
        name: string
        median: number
        p99: number
        max: number
        sampleCount: number
        mean: number
        min: number
      }[]
    }[]
  }[]
}

export async function measureSearch(log: (line: string) => void): Promise<SearchResults> {
  const dir = mkdtempSync(join(tmpdir(), 'photo-desk-bench-search-'))
  const figuresFile = join(dir, 'figures.json')
  const vitestFile = join(dir, 'vitest.json')
  try {
    const args = [
      join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
      'bench',
      '--run',
      '--project',
      'integration',
      'bench/search.bench.ts',
      '--outputJson',
      vitestFile,
    ]
    const env = { ...process.env, BENCH_SEARCH_JSON: figuresFile, NO_COLOR: '1', FORCE_COLOR: '0' }
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGTERM'), 180_000)
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    clearTimeout(timer)
    if (code !== 0) throw new Error(`vitest bench exited with ${code}:\n${output.slice(-3000)}`)
    const figures = JSON.parse(readFileSync(figuresFile, 'utf8')) as FiguresFile
    const vitest = JSON.parse(readFileSync(vitestFile, 'utf8')) as VitestJson
    const benches = vitest.files
      .flatMap((f) => f.groups)
      .flatMap((g) => g.benchmarks)
      .map((b) => ({
        name: b.name,
        median: b.median,
        p99: b.p99,
        max: b.max,
        samples: b.sampleCount,
      }))
    const loads = figures.loads.map((l) => l.elapsed)
    log(
      `  load ${figures.users} users: ${loads.map((v) => v.toFixed(0)).join(', ')} ms;` +
        ` keystroke median ${figures.typing.median.toFixed(2)} ms, max ${figures.typing.max.toFixed(2)} ms`,
    )
    return {
      users: figures.users,
      pages: figures.pages,
      pageSize: figures.pageSize,
      load: summarise(loads),
      longestStall: figures.stall,
      keystroke: figures.typing,
      benches,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
