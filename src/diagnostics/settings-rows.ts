// The Diagnostics rows about settings: the site file (read, missing, or what is wrong with it,
// key by key) and every setting's effective value with where it comes from. New settings need
// nothing here: they are listed from the schema, under their own key when no label is known.
import type { SettingSource, SiteSettings } from '@/settings/layers.ts'
import { SETTING_KEYS, SETTINGS_SCHEMA, type SettingKey, type Settings } from '@/settings/schema.ts'
import type { SiteProblem } from '@/settings/site-file.ts'
import type { DiagRow } from './report.ts'

type Translate = (key: string, values?: Record<string, unknown>, plural?: number) => string

export interface SettingsFacts {
  site: SiteSettings
  settings: Settings
  sources: Record<SettingKey, SettingSource>
}

/** The Settings screen's names (settings.* strings, loaded with Diagnostics). */
const LABELS: Partial<Record<SettingKey, string>> = {
  aspect: 'settings.aspect',
  maxSide: 'settings.maxSide',
  maxBytes: 'settings.maxBytes',
  deviceSafe: 'settings.deviceSafe',
  idType: 'settings.idType',
  timeoutSec: 'settings.timeout',
  kiosk: 'settings.kiosk',
  kioskLocale: 'settings.kioskLocale',
  idleLockMin: 'settings.idleLock',
  autoCapture: 'settings.autoCapture',
  faceGuide: 'settings.faceGuide',
  samePersonCheck: 'settings.samePersonCheck',
}

/** A value as the file would hold it (JSON), cut short: problems quote what the file said. */
function quoted(value: unknown): string {
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = String(value)
  }
  return text.length > 60 ? `${text.slice(0, 59)}…` : text
}

/** One problem of the site file, in words. */
export function describeSiteProblem(problem: SiteProblem, t: Translate, locale: string): string {
  const n = (value: number) => value.toLocaleString(locale)
  switch (problem.code) {
    case 'unreadable':
      return problem.status
        ? t('diag.site.unreadableStatus', { status: problem.status })
        : t('diag.site.unreadable')
    case 'not-json':
    case 'not-object':
      return t(`diag.site.${problem.code === 'not-json' ? 'notJson' : 'notObject'}`)
    case 'unknown-key':
      return t('diag.site.unknownKey', { key: problem.key })
    case 'locked-type':
      return t('diag.site.lockedType', { value: quoted(problem.value) })
    case 'locked-unknown':
      return t('diag.site.lockedUnknown', { value: quoted(problem.value) })
    case 'over-slot':
      return t('diag.site.overSlot', { value: quoted(problem.value) })
  }
  const rule = SETTINGS_SCHEMA[problem.key]
  const values = { key: problem.key, value: quoted(problem.value) }
  if (rule.type === 'integer' && problem.code !== 'type')
    return t('diag.site.range', { ...values, min: n(rule.min), max: n(rule.max) })
  if (rule.type === 'integer') return t('diag.site.notNumber', values)
  if (rule.type === 'boolean') return t('diag.site.notBoolean', values)
  return t('diag.site.notChoice', { ...values, values: rule.values.map(quoted).join(', ') })
}

function formatValue(value: unknown, t: Translate, locale: string): string {
  if (typeof value === 'boolean') return t(value ? 'diag.site.on' : 'diag.site.off')
  if (typeof value === 'number') return value.toLocaleString(locale)
  return value === '' ? t('diag.site.empty') : String(value)
}

function fileRow(site: SiteSettings, t: Translate): DiagRow {
  const count = site.problems.length
  const row = { id: 'site-file', label: t('diag.site.label') }
  if (site.state === 'none') return { ...row, value: t('diag.site.none'), status: 'info' }
  if (site.state === 'unreadable') return { ...row, value: t('diag.site.notRead'), status: 'bad' }
  const read = t('diag.site.read', {
    values: Object.keys(site.values).length,
    locked: site.locked.length,
  })
  if (!count) return { ...row, value: read, status: 'ok' }
  return {
    ...row,
    value: `${read} ${t('diag.site.problems', {}, count)}`,
    status: 'bad',
    help: t('diag.site.fix'),
  }
}

/** The rows of the Settings section. */
export function settingsRows(f: SettingsFacts, t: Translate, locale: string): DiagRow[] {
  const rows: DiagRow[] = [fileRow(f.site, t)]
  f.site.problems.forEach((problem, i) =>
    rows.push({
      id: `site-problem-${i + 1}`,
      label: 'key' in problem ? problem.key : t('diag.site.file'),
      value: describeSiteProblem(problem, t, locale),
      status: 'bad',
    }),
  )
  for (const key of SETTING_KEYS) {
    const label = LABELS[key]
    const source = f.sources[key]
    const from =
      source === 'site' && f.site.locked.includes(key)
        ? t('diag.site.fromLocked')
        : t(`diag.site.from.${source}`)
    rows.push({
      id: `setting-${key}`,
      label: label ? `${t(label)} (${key})` : key,
      value: `${formatValue(f.settings[key], t, locale)} · ${from}`,
      status: 'info',
    })
  }
  return rows
}
