// What the Diagnostics screen shows, as translated rows: the screen and the copied report are
// made from the same rows, so support reads exactly what the person saw.
import { ApiError } from '@/api/errors.ts'
import type { CameraError, CameraErrorKind } from '@/composables/camera-errors.ts'
import { describeError } from '@/i18n/describe-error.ts'
import { formatMegabytes } from '@/i18n/format.ts'
import { BIOSTAR_IDLE_TIMEOUT_MIN, sessionTimes } from './activity.ts'
import type { CameraPermission, WorkerState } from './device.ts'
import type { DiagRow, DiagSection } from './report.ts'
import type { ServerCheck } from './server-check.ts'
import { settingsRows, type SettingsFacts } from './settings-rows.ts'

type Translate = (key: string, values?: Record<string, unknown>) => string

/** Everything the screen knows at one moment. Holds no session id and no password. */
export interface DiagFacts {
  now: number
  secure: boolean
  /** The HTTPS address to use instead of this one. */
  secureUrl: string
  online: boolean
  server: { checking: boolean; check: ServerCheck | null }
  /** null: not known yet. */
  demo: boolean | null
  session: {
    signedIn: boolean
    expired: boolean
    name: string
    loginId: string
    lastActivity: number | null
  }
  camera: {
    permission: CameraPermission | null
    /** null: not listed (no API); names are empty strings before permission. */
    cameras: string[] | null
    checking: boolean
    error: CameraError | null
  }
  version: string
  worker: {
    state: WorkerState | null
    version: string | null
    updateReady: boolean
    error: string | null
  }
  storage: { usage: number; quota: number } | null
  /** The settings in effect, where each comes from, and the site file's state. */
  settings: SettingsFacts
  browser: {
    userAgent: string
    languages: readonly string[]
    screen: { width: number; height: number; ratio: number }
    window: { width: number; height: number }
    standalone: boolean
  }
}

const CAMERA_ERROR_KEYS: Record<CameraErrorKind, string> = {
  insecure: 'insecure',
  unsupported: 'unsupported',
  denied: 'denied',
  'not-found': 'notFound',
  busy: 'busy',
  overconstrained: 'overconstrained',
  unknown: 'unknown',
}

function minutesAgo(minutes: number, locale: string, t: Translate): string {
  if (minutes < 1) return t('diag.session.justNow')
  return new Intl.RelativeTimeFormat(locale, { numeric: 'always' }).format(-minutes, 'minute')
}

function connectionRows(f: DiagFacts, t: Translate): DiagRow[] {
  const rows: DiagRow[] = [
    {
      id: 'secure',
      label: t('diag.secure.label'),
      value: f.secure ? t('diag.yes') : t('diag.no'),
      status: f.secure ? 'ok' : 'bad',
      ...(f.secure ? {} : { help: t('diag.secure.fix', { url: f.secureUrl }) }),
    },
  ]
  const check = f.server.check
  let server: DiagRow
  if (f.server.checking || !check) {
    server = {
      id: 'server',
      label: t('diag.server.label'),
      value: f.server.checking ? t('diag.checking') : t('diag.server.notChecked'),
      status: 'info',
    }
  } else {
    const message = check.error ? describeError(new ApiError(check.error), t) : ''
    const value =
      check.state === 'down'
        ? t('diag.server.down', { message: message || t('errors.unreachable') })
        : check.state === 'odd'
          ? t('diag.server.odd', { message })
          : t('diag.server.ok', { ms: check.medianMs ?? 0, count: check.samples.length })
    server = {
      id: 'server',
      label: t('diag.server.label'),
      value,
      status: check.state === 'ok' ? 'ok' : 'bad',
    }
  }
  rows.push(server)
  rows.push({
    id: 'mode',
    label: t('diag.mode.label'),
    value:
      f.demo === null ? t('diag.checking') : f.demo ? t('diag.mode.demo') : t('diag.mode.real'),
    status: f.demo ? 'warn' : 'info',
  })
  rows.push({
    id: 'network',
    label: t('diag.network.label'),
    value: f.online ? t('diag.network.online') : t('diag.network.offline'),
    status: f.online ? 'ok' : 'bad',
  })
  return rows
}

function sessionRows(f: DiagFacts, t: Translate, locale: string): DiagRow[] {
  const s = f.session
  const state: DiagRow = {
    id: 'session',
    label: t('diag.session.label'),
    value: !s.signedIn
      ? t('diag.session.signedOut')
      : s.expired
        ? t('diag.session.expired')
        : t('diag.session.signedIn', { name: s.name, loginId: s.loginId }),
    status: !s.signedIn ? 'info' : s.expired ? 'bad' : 'ok',
  }
  if (!s.signedIn) return [state]
  const times = s.lastActivity === null ? null : sessionTimes(s.lastActivity, f.now)
  const expires = [t('diag.session.expiresAfter', { minutes: BIOSTAR_IDLE_TIMEOUT_MIN })]
  if (times && !s.expired) expires.push(t('diag.session.timeLeft', { minutes: times.leftMin }))
  return [
    state,
    {
      id: 'last-activity',
      label: t('diag.session.lastActivity'),
      value: times ? minutesAgo(times.idleMin, locale, t) : t('diag.session.none'),
      status: 'info',
    },
    {
      id: 'expires',
      label: t('diag.session.expires'),
      value: expires.join('; '),
      status: times && times.leftMin <= 5 ? 'warn' : 'info',
      help: t('diag.session.expiresHelp'),
    },
  ]
}

function cameraRows(f: DiagFacts, t: Translate): DiagRow[] {
  const c = f.camera
  const permissionText: Record<CameraPermission, string> = {
    granted: t('diag.camera.granted'),
    denied: t('diag.camera.denied'),
    prompt: t('diag.camera.prompt'),
    unknown: t('diag.camera.unknownPermission'),
  }
  const rows: DiagRow[] = [
    {
      id: 'camera-permission',
      label: t('diag.camera.permission'),
      value: c.permission ? permissionText[c.permission] : t('diag.checking'),
      status: c.permission === 'denied' ? 'bad' : c.permission === 'granted' ? 'ok' : 'info',
      ...(c.permission === 'denied' ? { help: t('camera.errors.denied.fix') } : {}),
    },
  ]
  let found: string
  if (c.checking) found = t('diag.camera.checkingCamera')
  else if (c.cameras === null)
    found = f.secure ? t('diag.camera.notChecked') : t('diag.camera.noApi')
  else if (c.cameras.length === 0) found = t('diag.camera.none')
  else if (c.cameras.every((name) => !name))
    found = t('diag.camera.unnamedCount', { count: c.cameras.length })
  else {
    const names = c.cameras.map((name, i) => name || t('diag.camera.unnamed', { n: i + 1 }))
    found = t('diag.camera.list', { count: c.cameras.length, names: names.join(', ') })
  }
  rows.push({
    id: 'cameras',
    label: t('diag.camera.found'),
    value: found,
    status: c.cameras?.length ? 'ok' : c.cameras ? 'bad' : 'info',
  })
  if (c.error) {
    const key = `camera.errors.${CAMERA_ERROR_KEYS[c.error.kind]}`
    const detail =
      c.error.kind === 'unknown' && c.error.detail
        ? ` ${t('camera.errors.detail', { detail: c.error.detail })}`
        : ''
    rows.push({
      id: 'camera-problem',
      label: t('diag.camera.problem'),
      value: `${t(`${key}.title`)}${detail}`,
      status: 'bad',
      help: t(`${key}.fix`, { url: f.secureUrl }),
    })
  }
  return rows
}

function appRows(f: DiagFacts, t: Translate, locale: string): DiagRow[] {
  const w = f.worker
  const version = w.version ?? t('diag.unknown')
  const workerText: Record<WorkerState, string> = {
    dev: t('diag.app.workerDev'),
    unsupported: t('diag.app.workerUnsupported'),
    none: t('diag.app.workerNone'),
    installing: t('diag.app.workerInstalling'),
    waiting: t('diag.app.workerInstalling'),
    active: t('diag.app.workerActive', { version }),
    controlling: t('diag.app.workerControlling', { version }),
  }
  const rows: DiagRow[] = [
    { id: 'version', label: t('diag.app.version'), value: f.version, status: 'info' },
    {
      id: 'worker',
      label: t('diag.app.worker'),
      value: w.error
        ? t('diag.app.workerError', { message: w.error })
        : w.state
          ? workerText[w.state]
          : t('diag.checking'),
      status: w.error ? 'bad' : w.state === 'controlling' ? 'ok' : 'info',
      ...(w.updateReady ? { help: t('app.updateReady') } : {}),
    },
  ]
  if (f.storage) {
    rows.push({
      id: 'storage',
      label: t('diag.app.storage'),
      value: t('diag.app.storageValue', {
        used: formatMegabytes(f.storage.usage, locale),
        quota: formatMegabytes(f.storage.quota, locale),
      }),
      status: 'info',
    })
  }
  return rows
}

function browserRows(f: DiagFacts, t: Translate): DiagRow[] {
  const b = f.browser
  return [
    { id: 'user-agent', label: t('diag.browser.agent'), value: b.userAgent, status: 'info' },
    {
      id: 'language',
      label: t('diag.browser.language'),
      value: b.languages.join(', ') || t('diag.unknown'),
      status: 'info',
    },
    {
      id: 'screen',
      label: t('diag.browser.screen'),
      value: t('diag.browser.screenValue', {
        width: b.screen.width,
        height: b.screen.height,
        ratio: b.screen.ratio,
        innerWidth: b.window.width,
        innerHeight: b.window.height,
      }),
      status: 'info',
    },
    {
      id: 'opened-as',
      label: t('diag.browser.openedAs'),
      value: b.standalone ? t('diag.browser.installed') : t('diag.browser.tab'),
      status: 'info',
    },
  ]
}

/** The screen's sections, in the reader's language. */
export function buildSections(f: DiagFacts, t: Translate, locale: string): DiagSection[] {
  return [
    { id: 'connection', title: t('diag.sections.connection'), rows: connectionRows(f, t) },
    { id: 'session', title: t('diag.sections.session'), rows: sessionRows(f, t, locale) },
    { id: 'camera', title: t('diag.sections.camera'), rows: cameraRows(f, t) },
    { id: 'app', title: t('diag.sections.app'), rows: appRows(f, t, locale) },
    {
      id: 'settings',
      title: t('diag.sections.settings'),
      rows: settingsRows(f.settings, t, locale),
    },
    { id: 'browser', title: t('diag.sections.browser'), rows: browserRows(f, t) },
  ]
}
