// The site file (/photo-desk.json): the settings every station of a site starts from, and the
// ones it may not change. Plain JSON, one object: setting keys (src/settings/schema.ts) with
// their values, and `locked`, a list of setting keys. Whatever is wrong is reported key by key
// and left out; the rest applies. Pure: the fetch is src/api/site-file.ts. Loaded only when a
// site has a file (src/settings/read-site.ts), so sites without one never load this.
import type { SiteFileAnswer } from '@/api/site-file.ts'
import { NO_SITE_FILE, type SiteSettings } from './layers.ts'
import {
  DEVICE_SLOT_BYTES,
  isSettingKey,
  ruleProblem,
  SETTINGS_SCHEMA,
  type SettingKey,
} from './schema.ts'

/**
 * One thing wrong with the file. `key` is the setting (or `locked`), absent for the whole file.
 * - `unreadable`: the server answered `status` (not 404), or nothing came (`status` 0)
 * - `not-json`, `not-object`: the file as a whole
 * - `unknown-key`: a key that is no setting
 * - `type`, `integer`, `range`: a value that does not fit the key's rule
 * - `over-slot`: maxBytes over the reader's slot while device-safe mode stays on
 * - `locked-type`: `locked` is not a list, or an entry of it no string; `locked-unknown`: an
 *   entry that names no setting
 */
export type SiteProblem =
  | { code: 'unreadable'; status: number }
  | { code: 'not-json' | 'not-object' }
  | { code: 'unknown-key'; key: string }
  | { code: 'type' | 'integer' | 'range' | 'over-slot'; key: SettingKey; value: unknown }
  | { code: 'locked-type'; key: 'locked'; value: unknown }
  | { code: 'locked-unknown'; key: 'locked'; value: string }

/** The file's text checked key by key: the valid values and locks, and every problem. */
export function parseSiteFile(text: string): SiteSettings {
  const site: SiteSettings = { state: 'read', values: {}, locked: [], problems: [] }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    site.problems.push({ code: 'not-json' })
    return site
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    site.problems.push({ code: 'not-object' })
    return site
  }
  const file = data as Record<string, unknown>
  const values = site.values as Record<SettingKey, unknown>
  for (const [key, value] of Object.entries(file)) {
    if (key === 'locked') continue
    if (!isSettingKey(key)) {
      site.problems.push({ code: 'unknown-key', key })
      continue
    }
    const code = ruleProblem(SETTINGS_SCHEMA[key], value)
    if (code) site.problems.push({ code, key, value })
    else values[key] = value
  }
  // The budget is capped while device-safe mode is on (the file's, else the built-in one).
  const bytes = site.values.maxBytes
  if (bytes !== undefined && bytes > DEVICE_SLOT_BYTES && file.deviceSafe !== false) {
    site.problems.push({ code: 'over-slot', key: 'maxBytes', value: bytes })
    delete site.values.maxBytes
  }
  if ('locked' in file) readLocks(file.locked, site)
  return site
}

function readLocks(locked: unknown, site: SiteSettings) {
  if (!Array.isArray(locked)) {
    site.problems.push({ code: 'locked-type', key: 'locked', value: locked })
    return
  }
  // A mistake in one entry keeps the other locks: they are what a site relies on.
  for (const key of locked as unknown[]) {
    if (typeof key !== 'string')
      site.problems.push({ code: 'locked-type', key: 'locked', value: key })
    else if (!isSettingKey(key))
      site.problems.push({ code: 'locked-unknown', key: 'locked', value: key })
    else if (!site.locked.includes(key)) site.locked.push(key)
  }
}

/** What the server's answer means for the station: no file is normal, no answer is a problem. */
export function siteFromAnswer(answer: SiteFileAnswer): SiteSettings {
  if (answer.status === 404) return NO_SITE_FILE
  if (answer.text === undefined) {
    return {
      ...NO_SITE_FILE,
      state: 'unreadable',
      problems: [{ code: 'unreadable', status: answer.status }],
    }
  }
  return parseSiteFile(answer.text)
}
