// The site file's checks, key by key: what each setting accepts and refuses, the file as a whole
// (not JSON, not an object), unknown keys, and `locked`. Whatever is wrong is reported and left
// out; the rest applies.
import { describe, expect, it } from 'vitest'
import { parseSiteFile, siteFromAnswer, type SiteProblem } from '@/settings/site-file.ts'
import { SETTING_KEYS, type SettingKey } from '@/settings/schema.ts'

const parse = (file: unknown) => parseSiteFile(JSON.stringify(file))

/**
 * Per setting: values the file may hold, and values it may not with the problem each gives.
 * Written out by hand (not derived from the schema), so a wrong range in the schema shows here.
 */
const CASES: Record<SettingKey, { ok: unknown[]; bad: [unknown, SiteProblem['code']][] }> = {
  aspect: {
    ok: [1, 0.75],
    bad: [
      [0.5, 'type'],
      ['1', 'type'],
      [null, 'type'],
    ],
  },
  maxSide: {
    ok: [200, 400, 1024],
    bad: [
      [199, 'range'],
      [1025, 'range'],
      [400.5, 'integer'],
      ['400', 'type'],
      [true, 'type'],
    ],
  },
  maxBytes: {
    ok: [4000, 12_000, 16_384],
    bad: [
      [3999, 'range'],
      [1_000_001, 'range'],
      [12_000.5, 'integer'],
      ['12k', 'type'],
    ],
  },
  deviceSafe: {
    ok: [true, false],
    bad: [
      ['true', 'type'],
      [1, 'type'],
      [null, 'type'],
    ],
  },
  idType: {
    ok: ['numeric', 'alphanumeric'],
    bad: [
      ['text', 'type'],
      [1, 'type'],
    ],
  },
  timeoutSec: {
    ok: [5, 20, 120],
    bad: [
      [4, 'range'],
      [121, 'range'],
      [NaN, 'type'],
    ],
  },
  kiosk: {
    ok: [true, false],
    bad: [
      ['yes', 'type'],
      [0, 'type'],
    ],
  },
  kioskLocale: {
    ok: ['', 'en', 'ko'],
    bad: [
      ['fr', 'type'],
      ['KO', 'type'],
      [null, 'type'],
    ],
  },
  idleLockMin: {
    ok: [0, 15, 600],
    bad: [
      [-1, 'range'],
      [601, 'range'],
      [1.5, 'integer'],
    ],
  },
  autoCapture: {
    ok: [true, false],
    bad: [
      [null, 'type'],
      ['false', 'type'],
    ],
  },
  samePersonCheck: {
    ok: [true, false],
    bad: [
      ['on', 'type'],
      [1, 'type'],
    ],
  },
  faceGuide: {
    ok: [true, false],
    bad: [
      [0, 'type'],
      [[], 'type'],
    ],
  },
}

describe('parseSiteFile', () => {
  it('has a case for every setting (a new setting needs its own here)', () => {
    expect(Object.keys(CASES).sort()).toEqual([...SETTING_KEYS].sort())
  })

  describe.each(SETTING_KEYS)('%s', (key) => {
    it.each(CASES[key].ok.map((v) => [v]))('takes %j', (value) => {
      // maxBytes over the reader's slot needs device-safe mode off (see below).
      expect(parse({ [key]: value })).toEqual({
        state: 'read',
        values: { [key]: value },
        locked: [],
        problems: [],
      })
    })

    it.each(CASES[key].bad)('refuses %j (%s) and keeps the other keys', (value, code) => {
      const other = key === 'kiosk' ? 'faceGuide' : 'kiosk'
      // JSON has no NaN: it arrives as null, which is refused the same way.
      const site = parse({ [key]: value, [other]: true })
      expect(site.values).toEqual({ [other]: true })
      expect(site.problems).toEqual([{ code, key, value: Number.isNaN(value) ? null : value }])
    })
  })

  it('refuses a budget over the 16,384-byte slot unless device-safe mode is off in the file', () => {
    expect(parse({ maxBytes: 20_000 }).problems).toEqual([
      { code: 'over-slot', key: 'maxBytes', value: 20_000 },
    ])
    expect(parse({ maxBytes: 20_000, deviceSafe: true }).values).toEqual({ deviceSafe: true })
    expect(parse({ maxBytes: 20_000, deviceSafe: false })).toMatchObject({
      values: { maxBytes: 20_000, deviceSafe: false },
      problems: [],
    })
  })

  it('reports each unknown key and applies the known ones', () => {
    const site = parse({ maxbytes: 12_000, colour: 'red', deviceSafe: true })
    expect(site.values).toEqual({ deviceSafe: true })
    expect(site.problems).toEqual([
      { code: 'unknown-key', key: 'maxbytes' },
      { code: 'unknown-key', key: 'colour' },
    ])
    // Not even Object's own names are settings.
    expect(parseSiteFile('{"toString": 1, "__proto__": 2}').problems).toEqual([
      { code: 'unknown-key', key: 'toString' },
      { code: 'unknown-key', key: '__proto__' },
    ])
  })

  it('reports a file that is not JSON, and one that is not an object', () => {
    for (const text of ['', '{ "deviceSafe": true, }', '{ deviceSafe: true }', '// x\n{}'])
      expect(parseSiteFile(text).problems, text).toEqual([{ code: 'not-json' }])
    for (const text of ['[]', 'null', '12', '"deviceSafe"', '[{"deviceSafe": true}]'])
      expect(parseSiteFile(text).problems, text).toEqual([{ code: 'not-object' }])
    expect(parseSiteFile('nope')).toMatchObject({ state: 'read', values: {}, locked: [] })
  })

  it('reads `locked` as a list of setting keys, each once', () => {
    const site = parse({ deviceSafe: true, locked: ['deviceSafe', 'maxBytes', 'deviceSafe'] })
    expect(site.locked).toEqual(['deviceSafe', 'maxBytes'])
    expect(site.problems).toEqual([])
    expect(parse({ locked: [] })).toMatchObject({ locked: [], problems: [] })
  })

  it('reports entries of `locked` that name no setting, and keeps the other locks', () => {
    const site = parse({ locked: ['deviceSafe', 'kioskMode', 7, 'locked'] })
    expect(site.locked).toEqual(['deviceSafe'])
    expect(site.problems).toEqual([
      { code: 'locked-unknown', key: 'locked', value: 'kioskMode' },
      { code: 'locked-type', key: 'locked', value: 7 },
      { code: 'locked-unknown', key: 'locked', value: 'locked' },
    ])
  })

  it('reports a `locked` that is no list', () => {
    for (const locked of ['deviceSafe', true, { deviceSafe: true }, null])
      expect(parse({ locked }).problems).toEqual([
        { code: 'locked-type', key: 'locked', value: locked },
      ])
  })

  it('keeps a lock whose value is wrong: the key is locked at its built-in value', () => {
    const site = parse({ deviceSafe: 'no', locked: ['deviceSafe'] })
    expect(site.values).toEqual({})
    expect(site.locked).toEqual(['deviceSafe'])
    expect(site.problems).toEqual([{ code: 'type', key: 'deviceSafe', value: 'no' }])
  })
})

describe('siteFromAnswer', () => {
  it('takes a 404 for no file: no problem, the built-in defaults', () => {
    expect(siteFromAnswer({ status: 404 })).toEqual({
      state: 'none',
      values: {},
      locked: [],
      problems: [],
    })
  })

  it('reports a server error or no answer, without values', () => {
    expect(siteFromAnswer({ status: 500 })).toEqual({
      state: 'unreadable',
      values: {},
      locked: [],
      problems: [{ code: 'unreadable', status: 500 }],
    })
    expect(siteFromAnswer({ status: 0 }).problems).toEqual([{ code: 'unreadable', status: 0 }])
  })

  it('checks the text of a file that came', () => {
    expect(siteFromAnswer({ status: 200, text: '{"kiosk": true}' })).toMatchObject({
      state: 'read',
      values: { kiosk: true },
    })
  })
})
