// The one list of settings: the built-in defaults and the station's lenient clean-up follow it,
// and the site file's reference (docs/deploying.md) and example (deploy/) are held to it.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_SETTINGS,
  ruleProblem,
  sanitize,
  SETTING_KEYS,
  SETTINGS_SCHEMA,
} from '@/settings/schema.ts'
import { parseSiteFile } from '@/settings/site-file.ts'

// Vitest runs from the repository's root.
const read = (path: string) => readFileSync(join(process.cwd(), path), 'utf8')

describe('the settings schema', () => {
  it('gives every setting a default that fits its own rule', () => {
    for (const key of SETTING_KEYS) {
      expect(ruleProblem(SETTINGS_SCHEMA[key], DEFAULT_SETTINGS[key]), key).toBeNull()
    }
    expect(DEFAULT_SETTINGS).toMatchObject({ deviceSafe: true, maxBytes: 16_000, idleLockMin: 15 })
  })

  it('cleans stored values up leniently: rounded into range, else the default', () => {
    expect(sanitize({ maxSide: 5000, timeoutSec: 2.6, aspect: 0.5, kiosk: 'yes' })).toMatchObject({
      maxSide: 1024,
      timeoutSec: 5,
      aspect: 1,
      kiosk: false,
    })
    expect(sanitize({ maxBytes: 50_000 }).maxBytes).toBe(16_384)
    expect(sanitize({ maxBytes: 50_000, deviceSafe: false }).maxBytes).toBe(50_000)
    expect(sanitize({}, { ...DEFAULT_SETTINGS, maxSide: 600 }).maxSide).toBe(600)
  })

  it('is documented key by key in docs/deploying.md, with type, default and meaning', () => {
    const docs = read('docs/deploying.md')
    const section = docs.slice(docs.indexOf('## Site settings'))
    for (const key of [...SETTING_KEYS, 'locked']) {
      const row = section.split('\n').find((line) => line.startsWith(`| \`${key}\` |`))
      expect(row, `docs/deploying.md has no row for ${key}`).toBeDefined()
      const [, type, allowed, fallback, meaning] = row!.split(' | ')
      expect([type, allowed, fallback, meaning].every(Boolean), key).toBe(true)
      if (key !== 'locked')
        expect(fallback, key).toBe(`\`${JSON.stringify(DEFAULT_SETTINGS[key as 'aspect'])}\``)
    }
  })

  it('has every key in the commented example, which is a valid file once the comments go', () => {
    const example = read('deploy/photo-desk.example.jsonc')
    const json = example.replace(/^\s*\/\/.*$/gm, '')
    const site = parseSiteFile(json)
    expect(site.problems).toEqual([])
    expect(Object.keys(site.values).sort()).toEqual([...SETTING_KEYS].sort())
    // The example shows the defaults.
    expect(site.values).toEqual(DEFAULT_SETTINGS)
    expect(site.locked).toEqual(['deviceSafe'])
  })

  it('has the documented example file valid as it stands', () => {
    const docs = read('docs/deploying.md')
    const block = /### The file[\s\S]*?```json\n([\s\S]*?)```/.exec(docs)?.[1]
    expect(block).toBeDefined()
    expect(parseSiteFile(block!)).toMatchObject({
      problems: [],
      locked: ['deviceSafe', 'maxBytes', 'idleLockMin'],
    })
  })
})
