// The idle lock's minutes (0 = off, kept as 0) and the kiosk's fixed language, as stored and as
// typed; and the store with a site file: its defaults, its locks, the station's own choices.
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { clientConfig } from '@/api/client.ts'
import { parseSiteFile } from '@/settings/site-file.ts'
import {
  DEFAULT_SETTINGS,
  MAX_IDLE_LOCK_MIN,
  sanitize,
  useSettingsStore,
} from '@/stores/settings.ts'

const clean = (patch: Record<string, unknown>) =>
  sanitize({ ...DEFAULT_SETTINGS, ...patch } as typeof DEFAULT_SETTINGS)

describe('sanitize', () => {
  it('locks after 15 idle minutes by default; 0 turns the lock off and stays 0', () => {
    expect(DEFAULT_SETTINGS.idleLockMin).toBe(15)
    expect(clean({ idleLockMin: 0 }).idleLockMin).toBe(0)
    expect(clean({ idleLockMin: 4.6 }).idleLockMin).toBe(5)
    expect(clean({ idleLockMin: -3 }).idleLockMin).toBe(0)
    expect(clean({ idleLockMin: 10_000 }).idleLockMin).toBe(MAX_IDLE_LOCK_MIN)
  })

  it('falls back to the default for a missing or broken idle time', () => {
    expect(clean({ idleLockMin: undefined }).idleLockMin).toBe(15)
    expect(clean({ idleLockMin: NaN }).idleLockMin).toBe(15)
    expect(clean({ idleLockMin: '5' }).idleLockMin).toBe(15)
  })

  it('keeps a kiosk language only when it is one the app has', () => {
    expect(DEFAULT_SETTINGS.kioskLocale).toBe('')
    expect(clean({ kioskLocale: 'ko' }).kioskLocale).toBe('ko')
    expect(clean({ kioskLocale: 'en' }).kioskLocale).toBe('en')
    expect(clean({ kioskLocale: 'fr' }).kioskLocale).toBe('')
  })
})

describe('the settings store with a site file', () => {
  const KEY = 'photo-desk:settings'
  const stored = () => JSON.parse(localStorage.getItem(KEY) ?? 'null')
  const siteFile = (file: unknown) => parseSiteFile(JSON.stringify(file))

  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  it("starts from the station's stored choices and keeps only its own choices", () => {
    localStorage.setItem(KEY, JSON.stringify({ ...DEFAULT_SETTINGS, maxSide: 600 }))
    const store = useSettingsStore()
    expect(store.settings.maxSide).toBe(600)
    store.update({ aspect: 0.75 })
    expect(stored()).toEqual({ v: 2, maxSide: 600, aspect: 0.75 })
    expect(store.sources).toMatchObject({
      maxSide: 'station',
      aspect: 'station',
      kiosk: 'built-in',
    })
  })

  it('refuses to change a locked key, and drops what the station stored for it', () => {
    localStorage.setItem(
      KEY,
      JSON.stringify({ deviceSafe: false, maxBytes: 100_000, maxSide: 600 }),
    )
    const store = useSettingsStore()
    expect(store.settings.deviceSafe).toBe(false)
    store.applySite(
      siteFile({ deviceSafe: true, maxBytes: 12_000, locked: ['deviceSafe', 'maxBytes'] }),
    )
    expect(store.settings).toMatchObject({ deviceSafe: true, maxBytes: 12_000, maxSide: 600 })
    expect(stored()).toEqual({ v: 2, maxSide: 600 })
    expect(store.isLocked('deviceSafe')).toBe(true)
    expect(store.isLocked('maxSide')).toBe(false)

    store.update({ deviceSafe: false, maxBytes: 4000, maxSide: 800 })
    expect(store.settings).toMatchObject({ deviceSafe: true, maxBytes: 12_000, maxSide: 800 })
    store.reset()
    expect(store.settings).toMatchObject({ deviceSafe: true, maxBytes: 12_000, maxSide: 400 })
    expect(stored()).toEqual({ v: 2 })
  })

  it('keeps a kiosk the site locks on: leaving it (the header, Settings) changes nothing', () => {
    const store = useSettingsStore()
    store.applySite(siteFile({ kiosk: true, kioskLocale: 'ko', locked: ['kiosk'] }))
    expect(store.settings).toMatchObject({ kiosk: true, kioskLocale: 'ko' })
    store.update({ kiosk: false })
    expect(store.settings.kiosk).toBe(true)
    // Not locked: the station may choose its kiosk language.
    store.update({ kioskLocale: '' })
    expect(store.settings.kioskLocale).toBe('')
  })

  it('keeps a station out of kiosk mode when the site locks it off', () => {
    const store = useSettingsStore()
    store.applySite(siteFile({ locked: ['kiosk'] }))
    store.update({ kiosk: true })
    expect(store.settings.kiosk).toBe(false)
  })

  it("uses the site's values as defaults the station may change", async () => {
    const store = useSettingsStore()
    store.applySite(siteFile({ idleLockMin: 5, timeoutSec: 30 }))
    expect(store.idleLockMs()).toBe(5 * 60_000)
    await nextTick()
    expect(clientConfig.timeoutMs).toBe(30_000)
    store.update({ idleLockMin: 0 })
    expect(store.idleLockMs()).toBe(0)
    expect(store.sources.idleLockMin).toBe('station')
    store.update({ idleLockMin: 5 })
    expect(store.sources.idleLockMin).toBe('site')
  })
})
