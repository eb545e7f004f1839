// Finds nginx for the deployment tests (tests/e2e/deploy-nginx.test.ts), installing Debian's
// package when we may. tests/helpers/nginx.ts looks in the same places.
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'

const CANDIDATES = [
  '/usr/sbin/nginx',
  '/usr/bin/nginx',
  '/usr/local/sbin/nginx',
  '/usr/local/bin/nginx',
  '/usr/local/nginx/sbin/nginx',
  '/opt/homebrew/bin/nginx',
]

export function findNginx() {
  const fromEnv = process.env.NGINX_PATH
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined
  return CANDIDATES.find((p) => existsSync(p))
}

function hasAptGet() {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0
}

/** Returns the path, installing `nginx-light` with apt-get when running as root; else exits. */
export function ensureNginx() {
  const found = findNginx()
  if (found) return found
  if (process.env.NGINX_PATH) {
    console.error(
      `NGINX_PATH=${process.env.NGINX_PATH} does not exist: point it at an nginx binary.`,
    )
    process.exit(1)
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (isRoot && hasAptGet()) {
    console.log(
      'nginx not found: installing Debian\'s "nginx-light" package for the deployment tests...',
    )
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    const update = spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env })
    if (update.status === 0)
      spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'nginx-light'], {
        stdio: 'inherit',
        env,
      })
    // Without systemd the package may fail to start its own service, yet the binary is there,
    // which is all the tests need (they run their own nginx on free ports).
    const path = findNginx()
    if (path) return path
  }
  console.error(
    'No nginx found for the deployment tests: install it (Debian: sudo apt-get install nginx-light) or set NGINX_PATH to an nginx binary.',
  )
  process.exit(1)
}
