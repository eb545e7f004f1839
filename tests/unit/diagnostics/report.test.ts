// The Diagnostics rows and the copied report: what each state reads like, the fixes offered,
// and that neither a session id nor a password can end up on the clipboard.
import { describe, expect, it } from 'vitest'
import { createAppI18n } from '@/i18n/index.ts'
import { messages } from '@/i18n/messages.ts'
import diagEn from '@/i18n/diag.en.ts'
import diagKo from '@/i18n/diag.ko.ts'
import logEn from '@/i18n/log.en.ts'
import logKo from '@/i18n/log.ko.ts'
import { buildSections, type DiagFacts } from '@/diagnostics/rows.ts'
import { reportText, type DiagSection } from '@/diagnostics/report.ts'
import { sessionTimes } from '@/diagnostics/activity.ts'
import { effective, NO_SITE_FILE } from '@/settings/layers.ts'

// Mounted here as en.ts / ko.ts mount them, so the test does not depend on that wiring.
function translator(locale: 'en' | 'ko') {
  const i18n = createAppI18n(locale, {
    en: { ...messages.en, diag: diagEn, log: logEn },
    ko: { ...messages.ko, diag: diagKo, log: logKo },
  })
  return i18n.global.t as (key: string, values?: Record<string, unknown>) => string
}

const NOW = Date.parse('2025-03-07T05:30:00Z')
const SESSION_ID = '5d41402abc4b2a76b9719d911017c592'

function facts(extra: Partial<DiagFacts> = {}): DiagFacts {
  return {
    now: NOW,
    secure: true,
    secureUrl: 'https://desk.example.lan/diagnostics',
    online: true,
    server: {
      checking: false,
      check: { state: 'ok', samples: [12, 30, 18], medianMs: 18, error: null },
    },
    demo: false,
    session: {
      signedIn: true,
      expired: false,
      name: 'Kim Clerk',
      loginId: 'clerk',
      lastActivity: NOW - 7 * 60_000 - 5_000,
    },
    camera: {
      permission: 'granted',
      cameras: ['USB Camera', 'Rear'],
      checking: false,
      error: null,
    },
    version: '1.2.3',
    worker: { state: 'controlling', version: 'abc123def456', updateReady: false, error: null },
    storage: { usage: 1_500_000, quota: 2_000_000_000 },
    settings: { site: NO_SITE_FILE, ...effective(NO_SITE_FILE, {}) },
    browser: {
      userAgent: 'Mozilla/5.0 Test',
      languages: ['ko-KR', 'en-US'],
      screen: { width: 1280, height: 800, ratio: 2 },
      window: { width: 1200, height: 700 },
      standalone: false,
    },
    ...extra,
  }
}

const row = (sections: DiagSection[], id: string) =>
  sections.flatMap((s) => s.rows).find((r) => r.id === id)

function report(f: DiagFacts, locale: 'en' | 'ko' = 'en', redact: string[] = []) {
  const t = translator(locale)
  return reportText(buildSections(f, t, locale), {
    title: t('diag.reportTitle'),
    created: t('diag.created', { time: '2025-03-07T14:30:00+09:00' }),
    redact,
  })
}

describe('the report', () => {
  it('reads as plain "Label: value" lines support can act on', () => {
    const text = report(facts())
    expect(text).toContain('Photo Desk diagnostics\nCreated: 2025-03-07T14:30:00+09:00\n')
    for (const line of [
      '== Connection ==',
      'Secure context: yes',
      'BioStar server: answers in 18 ms (median of 3)',
      'Server type: BioStar 2 server',
      'Network: online',
      'Session: signed in as Kim Clerk (clerk)',
      'Last activity: 7 minutes ago',
      'Expires: after ~60 min of inactivity (server setting); about 53 min left if nothing is done',
      'Camera permission: allowed',
      'Cameras found: 2: USB Camera, Rear',
      'Version: 1.2.3',
      'Offline copy: installed and in use, version abc123def456',
      'Storage used: 1.5 MB of 2,000 MB',
      'Browser: Mozilla/5.0 Test',
      'Language: ko-KR, en-US',
      'Screen: 1280×800 px, pixel ratio 2, window 1200×700',
      'Opened as: browser tab',
    ]) {
      expect(text).toContain(`${line}\n`)
    }
  })

  it('never carries the session id, even if some value happened to contain it', () => {
    const leaky = facts({
      browser: { ...facts().browser, userAgent: `agent ${SESSION_ID}` },
    })
    const text = report(leaky, 'en', [SESSION_ID])
    expect(text).not.toContain(SESSION_ID)
    expect(text).toContain('Browser: agent [hidden]')
    // A missing or short value is no reason to mangle the report.
    expect(report(facts(), 'en', ['', 'a'])).toBe(report(facts()))
  })

  it('has the same rows in Korean', () => {
    const en = buildSections(facts(), translator('en'), 'en')
    const ko = buildSections(facts(), translator('ko'), 'ko')
    expect(ko.map((s) => s.rows.map((r) => r.id))).toEqual(en.map((s) => s.rows.map((r) => r.id)))
    const text = report(facts(), 'ko')
    expect(text).toContain('보안 컨텍스트: 예')
    expect(text).toContain('BioStar 서버: 18ms 만에 응답 (3회 중앙값)')
    expect(text).toContain('마지막 활동: 7분 전')
    expect(text).not.toMatch(/diag\.|log\./) // no key shows through
  })
})

describe('rows that need action', () => {
  const t = translator('en')
  const sections = (f: DiagFacts) => buildSections(f, t, 'en')

  it('an insecure page says so and gives the HTTPS address to open', () => {
    const secure = row(sections(facts({ secure: false })), 'secure')!
    expect(secure.value).toBe('no')
    expect(secure.status).toBe('bad')
    expect(secure.help).toContain('https://desk.example.lan/diagnostics')
    const cameras = row(
      sections(
        facts({
          secure: false,
          camera: { permission: 'unknown', cameras: null, checking: false, error: null },
        }),
      ),
      'cameras',
    )!
    expect(cameras.value).toContain('no camera access')
  })

  it('an unreachable server shows the proxy’s own explanation', () => {
    const server = row(
      sections(
        facts({
          server: {
            checking: false,
            check: {
              state: 'down',
              samples: [],
              medianMs: null,
              error: { kind: 'unreachable', status: 502, server: 'https://10.0.0.5' },
            },
          },
        }),
      ),
      'server',
    )!
    expect(server.status).toBe('bad')
    expect(server.value).toContain('does not answer')
    expect(server.value).toContain('https://10.0.0.5')
  })

  it('a proxy that answers with something else than BioStar is called out', () => {
    const server = row(
      sections(
        facts({
          server: {
            checking: false,
            check: {
              state: 'odd',
              samples: [5],
              medianMs: 5,
              error: { kind: 'bad-response', status: 200 },
            },
          },
        }),
      ),
      'server',
    )!
    expect(server.value).toContain('not like BioStar 2')
    expect(server.value).toContain('/api really proxied')
  })

  it('camera: blocked, not asked, names hidden before permission, and the last error', () => {
    const blocked = sections(
      facts({
        camera: {
          permission: 'denied',
          cameras: [''],
          checking: false,
          error: { kind: 'denied' },
        },
      }),
    )
    expect(row(blocked, 'camera-permission')!.value).toBe('blocked')
    expect(row(blocked, 'camera-permission')!.help).toContain('Allow')
    expect(row(blocked, 'cameras')!.value).toBe('1 (names appear after Check camera)')
    expect(row(blocked, 'camera-problem')!.value).toBe('Camera access is blocked')

    const fresh = sections(
      facts({ camera: { permission: 'prompt', cameras: null, checking: false, error: null } }),
    )
    expect(row(fresh, 'camera-permission')!.value).toBe('not asked yet')
    expect(row(fresh, 'cameras')!.value).toBe('press Check camera to see them')
    expect(row(fresh, 'camera-problem')).toBeUndefined()
  })

  it('session: signed out, expired, and unknown activity', () => {
    const out = sections(
      facts({
        session: { signedIn: false, expired: false, name: '', loginId: '', lastActivity: null },
      }),
    )
    expect(row(out, 'session')!.value).toBe('not signed in')
    expect(row(out, 'expires')).toBeUndefined()

    const expired = sections(facts({ session: { ...facts().session, expired: true } }))
    expect(row(expired, 'session')!.value).toBe('expired: sign in again')
    expect(row(expired, 'expires')!.value).not.toContain('left')

    const unknown = sections(facts({ session: { ...facts().session, lastActivity: null } }))
    expect(row(unknown, 'last-activity')!.value).toBe('none yet in this tab')
  })

  it('offline copy: each state of the service worker', () => {
    const state = (s: DiagFacts['worker']['state'], extra: Partial<DiagFacts['worker']> = {}) =>
      row(
        sections(
          facts({ worker: { state: s, version: 'v1', updateReady: false, error: null, ...extra } }),
        ),
        'worker',
      )!
    expect(state('unsupported').value).toBe('not available: needs HTTPS')
    expect(state('dev').value).toBe('off in development mode')
    expect(state('none').value).toBe('not installed yet')
    expect(state('active').value).toContain('next page load')
    expect(state('controlling', { updateReady: true }).help).toContain('new version')
    expect(state(null, { error: 'SecurityError' }).value).toContain('SecurityError')
  })
})

describe('sessionTimes', () => {
  it('counts whole minutes idle and left, never below zero', () => {
    expect(sessionTimes(NOW, NOW)).toEqual({ idleMin: 0, leftMin: 60 })
    expect(sessionTimes(NOW - 59_000, NOW)).toEqual({ idleMin: 0, leftMin: 60 })
    expect(sessionTimes(NOW - 61 * 60_000, NOW)).toEqual({ idleMin: 61, leftMin: 0 })
    expect(sessionTimes(NOW + 5000, NOW)).toEqual({ idleMin: 0, leftMin: 60 })
  })
})
