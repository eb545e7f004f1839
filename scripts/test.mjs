// `npm test`: type check, lint, then unit, integration and browser tests. The last line is the
// plain "N passed, N failed, N skipped" that CI reads, counting each static check as one test.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureChromium } from './find-chromium.mjs'
import { ensureNginx } from './find-nginx.mjs'

const env = {
  ...process.env,
  NO_COLOR: '1',
  FORCE_COLOR: '0',
  CHROMIUM_PATH: ensureChromium(),
  NGINX_PATH: ensureNginx(),
}
const dir = mkdtempSync(join(tmpdir(), 'photo-desk-test-'))
const reportFile = join(dir, 'counts.json')
env.PLAIN_REPORT_FILE = reportFile
const totals = { passed: 0, failed: 0, skipped: 0 }

function step(name, cmd, args) {
  console.log(`\n> ${name}: ${cmd} ${args.join(' ')}`)
  const started = Date.now()
  const run = spawnSync(cmd, args, { stdio: 'inherit', env })
  const ok = run.status === 0
  console.log(
    `< ${name} ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
  return ok
}

const bin = (name) => join('node_modules', '.bin', name)
for (const [name, cmd, args] of [
  ['type check', bin('vue-tsc'), ['--build']],
  ['lint', bin('eslint'), ['.', '--max-warnings', '0']],
  ['format', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
]) {
  if (step(name, cmd, args)) totals.passed++
  else totals.failed++
}

const vitestOk = step('tests', bin('vitest'), ['run', ...process.argv.slice(2)])
let counts
try {
  counts = JSON.parse(readFileSync(reportFile, 'utf8'))
} catch {
  counts = { passed: 0, failed: 1, skipped: 0 }
}
rmSync(dir, { recursive: true, force: true })
totals.passed += counts.passed
totals.failed += counts.failed + (vitestOk || counts.failed > 0 ? 0 : 1)
totals.skipped += counts.skipped

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed > 0 ? 1 : 0)
