// `npm test`: type check, lint and format (at once), then unit, integration and browser tests. The last line is the
// plain "N passed, N failed, N skipped" that CI reads, counting each static check as one test.
import { spawn, spawnSync } from 'node:child_process'
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

/** Runs a check with its output kept, so that checks run at once print one after another. */
function check(name, cmd, args) {
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      console.log(`\n> ${name}: ${cmd} ${args.join(' ')}`)
      if (output) process.stdout.write(output)
      console.log(`< ${name} ${code === 0 ? 'ok' : 'FAILED'} in ${seconds} s`)
      resolve(code === 0)
    })
  })
}

// The static checks at once (about 40 s one after another, 20 s together on two cores).
const checks = await Promise.all([
  check('type check', bin('vue-tsc'), ['--build']),
  check('lint', bin('eslint'), ['.', '--max-warnings', '0']),
  check('format', bin('prettier'), ['--check', '.', '--log-level', 'warn']),
])
for (const ok of checks) {
  if (ok) totals.passed++
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
