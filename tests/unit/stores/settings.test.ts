// The settings this issue added: the idle lock's minutes (0 = off, kept as 0) and the kiosk's
// fixed language, as stored and as typed.
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, MAX_IDLE_LOCK_MIN, sanitize } from '@/stores/settings.ts'

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
