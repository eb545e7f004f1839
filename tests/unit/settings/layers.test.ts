// A station's settings in layers: built in, the site file, the station's own choices; locks.
import { describe, expect, it } from 'vitest'
import {
  changeStation,
  effective,
  NO_SITE_FILE,
  readStation,
  storedStation,
  type SiteSettings,
} from '@/settings/layers.ts'
import { DEFAULT_SETTINGS } from '@/settings/schema.ts'

const site = (
  values: SiteSettings['values'],
  locked: SiteSettings['locked'] = [],
): SiteSettings => ({
  state: 'read',
  values,
  locked,
  problems: [],
})

describe('effective', () => {
  it('is the built-in defaults without a site file or a choice', () => {
    const { settings, sources } = effective(NO_SITE_FILE, {})
    expect(settings).toEqual(DEFAULT_SETTINGS)
    expect(new Set(Object.values(sources))).toEqual(new Set(['built-in']))
  })

  it("takes the site's values over the built-in ones, and the station's over the site's", () => {
    const { settings, sources } = effective(site({ maxBytes: 12_000, faceGuide: false }), {
      faceGuide: true,
      maxSide: 600,
    })
    expect(settings).toMatchObject({ maxBytes: 12_000, faceGuide: true, maxSide: 600 })
    expect(sources).toMatchObject({
      maxBytes: 'site',
      faceGuide: 'station',
      maxSide: 'station',
      aspect: 'built-in',
    })
  })

  it("ignores the station's value of a locked key, also when the file gives no value", () => {
    const locks = site({ maxBytes: 12_000 }, ['maxBytes', 'deviceSafe'])
    const { settings, sources } = effective(locks, { maxBytes: 100_000, deviceSafe: false })
    expect(settings.maxBytes).toBe(12_000)
    expect(settings.deviceSafe).toBe(true)
    expect(sources).toMatchObject({ maxBytes: 'site', deviceSafe: 'site' })
  })

  it('caps the budget at the slot while device-safe mode is on, wherever the values come from', () => {
    const locked = site({ deviceSafe: true }, ['deviceSafe'])
    expect(effective(locked, { maxBytes: 50_000 }).settings.maxBytes).toBe(16_384)
    const open = site({ maxBytes: 50_000, deviceSafe: false })
    expect(effective(open, {}).settings.maxBytes).toBe(50_000)
    expect(effective(open, { deviceSafe: true }).settings.maxBytes).toBe(16_384)
  })

  it("falls back to the site's value for a broken station value", () => {
    const s = site({ idleLockMin: 5 })
    expect(effective(s, { idleLockMin: 'x' as never }).settings.idleLockMin).toBe(5)
  })
})

describe('changeStation', () => {
  const s = site({ maxBytes: 12_000, faceGuide: false }, ['deviceSafe'])

  it('keeps a change as the station’s choice, made to fit', () => {
    expect(changeStation(s, {}, { maxSide: 5000, kiosk: true })).toEqual({
      maxSide: 1024,
      kiosk: true,
    })
  })

  it('refuses a locked key, whatever the code path (kiosk enter/exit, reset, storage)', () => {
    expect(changeStation(s, {}, { deviceSafe: false })).toEqual({})
    const kiosk = site({ kiosk: true }, ['kiosk'])
    expect(changeStation(kiosk, {}, { kiosk: false })).toEqual({})
    expect(effective(kiosk, changeStation(kiosk, {}, { kiosk: false })).settings.kiosk).toBe(true)
    // A value stored before the lock is dropped.
    expect(changeStation(s, { deviceSafe: false, maxSide: 600 }, {})).toEqual({ maxSide: 600 })
  })

  it("drops a choice equal to the site's default: the station follows the site again", () => {
    expect(changeStation(s, { maxBytes: 14_000 }, { maxBytes: 12_000 })).toEqual({})
    // The built-in value against the site's is a choice.
    expect(changeStation(s, {}, { faceGuide: true })).toEqual({ faceGuide: true })
  })

  it("takes an emptied field (NaN) for the site's default", () => {
    expect(changeStation(s, { maxBytes: 14_000 }, { maxBytes: NaN })).toEqual({})
  })

  it('ignores keys that are no setting', () => {
    expect(changeStation(s, {}, { colour: 'red' } as never)).toEqual({})
  })
})

describe('readStation', () => {
  it('reads what this version stores: the choices, even those equal to a built-in value', () => {
    const stored = JSON.parse(JSON.stringify(storedStation({ faceGuide: true, maxBytes: 9000 })))
    expect(readStation(stored)).toEqual({ faceGuide: true, maxBytes: 9000 })
  })

  it('keeps of an older version’s full record only what differs from the built-in values', () => {
    const legacy = { ...DEFAULT_SETTINGS, maxBytes: 12_000, kiosk: true }
    expect(readStation(legacy)).toEqual({ maxBytes: 12_000, kiosk: true })
    expect(readStation({ faceGuide: false })).toEqual({ faceGuide: false })
  })

  it('reads nothing from nothing, or from something else', () => {
    for (const stored of [null, 'x', 12, undefined]) expect(readStation(stored)).toEqual({})
    expect(readStation({ v: 2, colour: 'red', maxSide: 600 })).toEqual({ maxSide: 600 })
  })
})
