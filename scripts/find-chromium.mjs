// Finds a Chromium for the browser tests, installing Debian's package when we may.
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
]

export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined
  return CANDIDATES.find((p) => existsSync(p))
}

function hasAptGet() {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0
}

/** Returns the path, installing `chromium` with apt-get when running as root; else exits. */
export function ensureChromium() {
  const found = findChromium()
  if (found) return found
  if (process.env.CHROMIUM_PATH) {
    console.error(
      `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist: point it at a Chromium or Chrome binary.`,
    )
    process.exit(1)
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (isRoot && hasAptGet()) {
    console.log(
      'Chromium not found: installing Debian\'s "chromium" package for the browser tests...',
    )
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    const update = spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env })
    const install =
      update.status === 0 &&
      spawnSync(
        'apt-get',
        ['install', '-y', '-q', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'],
        {
          stdio: 'inherit',
          env,
        },
      )
    const path = findChromium()
    if (install && install.status === 0 && path) return path
  }
  console.error(
    'No Chromium found for the browser tests: install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary.',
  )
  process.exit(1)
}
