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

const mayInstall = () =>
  typeof process.getuid === 'function' && process.getuid() === 0 && hasAptGet()

/**
 * Whether a font with Korean glyphs is installed (fontconfig's view, which Chromium uses);
 * without one, Korean renders as empty boxes in tests and screenshots.
 */
export function hasKoreanFont() {
  const list = spawnSync('fc-list', [':lang=ko', 'family'], { encoding: 'utf8' })
  if (list.status === 0) return list.stdout.trim() !== ''
  // No fc-list (fontconfig's tools are not installed): ask the package manager.
  return spawnSync('dpkg', ['-s', 'fonts-noto-cjk'], { stdio: 'ignore' }).status === 0
}

/** Installs Debian's Noto CJK fonts when no Korean font is there (root only); else a no-op. */
export function ensureKoreanFonts() {
  if (hasKoreanFont()) return true
  if (mayInstall()) {
    console.log('No Korean font: installing Debian\'s "fonts-noto-cjk" for the browser tests...')
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    const update = spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env })
    if (update.status === 0)
      spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'fonts-noto-cjk'], {
        stdio: 'inherit',
        env,
      })
    if (hasKoreanFont()) return true
  }
  console.error(
    'No Korean font found: Korean text would show as empty boxes. Install one (Debian: sudo apt-get install fonts-noto-cjk).',
  )
  return false
}

/**
 * Returns the path, installing `chromium` (and the Korean fonts) with apt-get when running as
 * root; else exits.
 */
export function ensureChromium() {
  const found = findChromium()
  // A missing font is reported here and fails the font test, with the same advice.
  if (found) {
    ensureKoreanFonts()
    return found
  }
  if (process.env.CHROMIUM_PATH) {
    console.error(
      `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist: point it at a Chromium or Chrome binary.`,
    )
    process.exit(1)
  }
  if (mayInstall()) {
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
