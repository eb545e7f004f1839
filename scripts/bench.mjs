// `npm run bench`: the benchmark suite of issue 8 (bench/README.md). Finds Chromium like the
// browser tests do, then runs bench/run.ts with tsx. Arguments pass through:
//   npm run bench -- --quick            fewer runs, nothing written
//   npm run bench -- --only=encoder     some measures, nothing written
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { ensureChromium } from './find-chromium.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const env = { ...process.env, CHROMIUM_PATH: ensureChromium(), NO_COLOR: '1', FORCE_COLOR: '0' }
const run = spawnSync(
  process.execPath,
  ['--import', 'tsx', 'bench/run.ts', ...process.argv.slice(2)],
  { cwd: root, env, stdio: 'inherit' },
)
if (run.error) console.error(run.error)
process.exit(run.status ?? 1)
