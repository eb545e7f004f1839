// Diagnostics' Settings section: the site file's state, each of its problems in words (both
// languages), and every setting's value in effect with where it comes from.
import { describe, expect, it } from 'vitest'
import { createAppI18n } from '@/i18n/index.ts'
import { messages } from '@/i18n/messages.ts'
import { describeSiteProblem, settingsRows } from '@/diagnostics/settings-rows.ts'
import { effective, NO_SITE_FILE, type SiteSettings } from '@/settings/layers.ts'
import { parseSiteFile, siteFromAnswer, type SiteProblem } from '@/settings/site-file.ts'
import { SETTING_KEYS } from '@/settings/schema.ts'

function translator(locale: 'en' | 'ko') {
  return createAppI18n(locale, messages).global.t as (
    key: string,
    values?: Record<string, unknown>,
    plural?: number,
  ) => string
}
const en = translator('en')

function rows(site: SiteSettings, station = {}) {
  return settingsRows({ site, ...effective(site, station) }, en, 'en')
}
const text = (list: ReturnType<typeof rows>) =>
  Object.fromEntries(list.map((r) => [r.id, `${r.label}: ${r.value}`]))

/** One of each problem the checks can find. */
const EVERY_PROBLEM: SiteProblem[] = [
  ...siteFromAnswer({ status: 503 }).problems,
  ...siteFromAnswer({ status: 0 }).problems,
  ...parseSiteFile('{').problems,
  ...parseSiteFile('[]').problems,
  ...parseSiteFile(
    JSON.stringify({
      colour: 'red',
      deviceSafe: 'yes',
      aspect: 2,
      idType: 'text',
      maxSide: 10,
      timeoutSec: 7.5,
      idleLockMin: 'ten',
      maxBytes: 20_000,
      locked: ['kioskMode', 3],
    }),
  ).problems,
  ...parseSiteFile('{"locked": "kiosk"}').problems,
]

describe('describeSiteProblem', () => {
  it('says each problem in both languages, with the value the file holds', () => {
    const codes = new Set(EVERY_PROBLEM.map((p) => p.code))
    expect(codes.size).toBe(10)
    for (const locale of ['en', 'ko'] as const) {
      const t = translator(locale)
      for (const problem of EVERY_PROBLEM) {
        const said = describeSiteProblem(problem, t, locale)
        expect(said, JSON.stringify(problem)).not.toMatch(/diag\.|\{/)
        if ('value' in problem && problem.value !== undefined)
          expect(said).toContain(JSON.stringify(problem.value).slice(0, 10))
      }
    }
  })

  it('names the rule that was broken', () => {
    const said = EVERY_PROBLEM.map((p) => describeSiteProblem(p, en, 'en'))
    expect(said).toContain('The server answered HTTP 503.')
    expect(said).toContain('"yes" is not true or false: ignored.')
    expect(said).toContain('10 is not a whole number from 200 to 1,024: ignored.')
    expect(said).toContain('7.5 is not a whole number from 5 to 120: ignored.')
    expect(said).toContain('"ten" is not a number: ignored.')
    expect(said).toContain('"text" is not one of "numeric", "alphanumeric": ignored.')
    expect(said).toContain('2 is not one of 1, 0.75: ignored.')
  })
})

describe('settingsRows', () => {
  it('says there is no site file, and lists every setting as built in', () => {
    const list = rows(NO_SITE_FILE)
    expect(list[0]).toMatchObject({
      id: 'site-file',
      value: 'none: the built-in defaults apply',
      status: 'info',
    })
    expect(list.slice(1).map((r) => r.id)).toEqual(SETTING_KEYS.map((k) => `setting-${k}`))
    expect(text(list)['setting-deviceSafe']).toBe('Device-safe mode (deviceSafe): on · built in')
    expect(text(list)['setting-kioskLocale']).toBe(
      'Kiosk language (kioskLocale): (none) · built in',
    )
  })

  it('lists the problems key by key after the file row, then the values and their sources', () => {
    const site = parseSiteFile(
      JSON.stringify({ maxBytes: 12_000, colour: 'red', deviceSafe: 1, locked: ['maxBytes'] }),
    )
    const list = rows(site, { faceGuide: false })
    expect(list[0]).toMatchObject({
      value: 'read (values: 1, locked: 1). It has 2 problems; the rest applies.',
      status: 'bad',
    })
    expect(text(list)).toMatchObject({
      'site-problem-1': 'colour: No such setting: ignored.',
      'site-problem-2': 'deviceSafe: 1 is not true or false: ignored.',
      'setting-maxBytes': 'Size budget (bytes) (maxBytes): 12,000 · site, locked',
      'setting-deviceSafe': 'Device-safe mode (deviceSafe): on · built in',
      'setting-faceGuide': 'Face guidance (faceGuide): off · this station',
    })
  })

  it('marks a file that could not be read', () => {
    const list = rows(siteFromAnswer({ status: 0 }))
    expect(list[0]).toMatchObject({ value: 'could not be read: the built-in defaults apply' })
    expect(text(list)['site-problem-1']).toBe('File: No answer in time, or no network.')
  })
})
