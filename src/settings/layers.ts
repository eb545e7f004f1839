// A station's settings in three layers: built in (schema.ts), the site file (site-file.ts) and
// the station's own choices (localStorage). A locked key takes the site's value (or the built-in
// one when the file names no value) whatever the station chose. Pure: the store keeps the state.
import { DEFAULT_SETTINGS, isSettingKey, sanitize, SETTING_KEYS } from './schema.ts'
import type { SettingKey, Settings } from './schema.ts'
import type { SiteProblem } from './site-file.ts'

/** What a station takes from the site. */
export interface SiteSettings {
  /** `none`: no file (404), the built-in defaults; `read`: a file came (maybe with problems). */
  state: 'none' | 'read' | 'unreadable'
  values: Partial<Settings>
  locked: SettingKey[]
  problems: SiteProblem[]
}

export const NO_SITE_FILE: SiteSettings = Object.freeze({
  state: 'none',
  values: {},
  locked: [],
  problems: [],
})

/** Where an effective value comes from (Diagnostics). */
export type SettingSource = 'built-in' | 'site' | 'station'

export interface Effective {
  settings: Settings
  sources: Record<SettingKey, SettingSource>
}

/** Marks what this version stores: the station's choices only. */
const STORED_VERSION = 2

/**
 * The station's own choices from what localStorage holds. Versions before the site file stored
 * every setting, chosen or not: of those, only values other than the built-in ones count as
 * choices, so the site's defaults reach stations that never changed a thing.
 */
export function readStation(stored: unknown): Partial<Settings> {
  if (typeof stored !== 'object' || stored === null) return {}
  const record = stored as Record<string, unknown>
  const legacy = record.v !== STORED_VERSION
  const station: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) {
    if (!isSettingKey(key) || (legacy && value === DEFAULT_SETTINGS[key])) continue
    station[key] = value
  }
  return station as Partial<Settings>
}

/** What localStorage keeps of the station's choices. */
export const storedStation = (station: Partial<Settings>) => ({ v: STORED_VERSION, ...station })

/** The site's defaults: its values over the built-in ones. */
export const siteDefaults = (site: SiteSettings): Settings => sanitize(site.values)

/** The settings in effect, and where each one comes from. */
export function effective(site: SiteSettings, station: Partial<Settings>): Effective {
  const merged: Record<string, unknown> = {}
  const sources = {} as Record<SettingKey, SettingSource>
  for (const key of SETTING_KEYS) {
    const fromStation = key in station && !site.locked.includes(key)
    const fromSite = key in site.values
    if (fromStation) merged[key] = station[key]
    else if (fromSite) merged[key] = site.values[key]
    sources[key] = fromStation
      ? 'station'
      : fromSite || site.locked.includes(key)
        ? 'site'
        : 'built-in'
  }
  return { settings: sanitize(merged, siteDefaults(site)), sources }
}

/**
 * The station's choices after `patch`: locked keys are refused, values are made to fit, and a
 * value equal to the site's default is no choice (the station follows the site again).
 */
export function changeStation(
  site: SiteSettings,
  station: Partial<Settings>,
  patch: Partial<Record<SettingKey, unknown>>,
): Partial<Settings> {
  const next: Record<string, unknown> = { ...station }
  for (const [key, value] of Object.entries(patch)) {
    if (!isSettingKey(key) || site.locked.includes(key)) continue
    // Nothing (an emptied field) is no choice: the site's default again.
    if (value === undefined || Number.isNaN(value)) delete next[key]
    else next[key] = value
  }
  for (const key of site.locked) delete next[key]
  const defaults = siteDefaults(site)
  const clean = sanitize(next, defaults)
  const kept: Record<string, unknown> = {}
  for (const key of SETTING_KEYS) {
    if (key in next && clean[key] !== defaults[key]) kept[key] = clean[key]
  }
  return kept as Partial<Settings>
}
