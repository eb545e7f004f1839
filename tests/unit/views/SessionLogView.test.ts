// The Session log screen: newest first, the failures filter, the CSV it downloads (UTF-8 with a
// byte order mark for Excel, the reader's language, failures explained), and the empty state.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createAppI18n } from '@/i18n/index.ts'
import { messages } from '@/i18n/messages.ts'
import diagEn from '@/i18n/diag.en.ts'
import diagKo from '@/i18n/diag.ko.ts'
import logEn from '@/i18n/log.en.ts'
import logKo from '@/i18n/log.ko.ts'
import { ApiError } from '@/api/errors.ts'
import { useSessionStore } from '@/stores/session.ts'
import { useSessionLogStore } from '@/stores/session-log.ts'
import SessionLogView from '@/views/SessionLogView.vue'

vi.mock('@/api/auth.ts', () => ({ login: vi.fn(), logout: vi.fn(async () => undefined) }))

enableAutoUnmount(afterEach)

function setup(locale: 'en' | 'ko' = 'en') {
  const pinia = createPinia()
  setActivePinia(pinia)
  sessionStorage.setItem(
    'photo-desk:session',
    JSON.stringify({
      sessionId: 'sid-1',
      operator: {
        userId: '1',
        loginId: 'clerk',
        name: 'Kim',
        permissionName: 'x',
        canWriteUsers: true,
      },
    }),
  )
  useSessionStore().restore()
  const i18n = createAppI18n(locale, {
    en: { ...messages.en, diag: diagEn, log: logEn },
    ko: { ...messages.ko, diag: diagKo, log: logKo },
  })
  const log = useSessionLogStore()
  const mountView = () => mount(SessionLogView, { global: { plugins: [pinia, i18n] } })
  return { log, mountView }
}

/** Captures what "Export CSV" hands to the browser as a download. */
function captureDownload() {
  const blobs: Blob[] = []
  const names: string[] = []
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob)
    return 'blob:test'
  })
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    names.push(this.download)
  })
  return { blobs, names }
}

beforeEach(() => {
  vi.restoreAllMocks()
})

describe('SessionLogView', () => {
  it('shows the entries newest first, with the action, result and the failure explained', async () => {
    const { log, mountView } = setup()
    log.record({ action: 'save', result: 'ok', userId: '1', name: 'Ann', bytes: 15_872 })
    log.record({
      action: 'remove',
      result: 'failed',
      userId: '2',
      name: 'Bo',
      error: new ApiError({ kind: 'permission', status: 403 }),
    })
    log.record({ action: 'save', result: 'pending', userId: '3', name: 'Cy', bytes: 9000 })
    const wrapper = mountView()
    await flushPromises()

    const rows = wrapper.findAll('[data-test="log-entry"]')
    expect(rows.map((r) => r.find('[data-test="log-user-id"]').text())).toEqual(['3', '2', '1'])
    expect(rows[0]!.find('[data-test="log-result"]').text()).toBe('Waiting to be sent')
    expect(rows[1]!.find('[data-test="log-action"]').text()).toBe('Remove photo')
    expect(rows[1]!.text()).toContain('operator level does not allow this')
    expect(rows[2]!.text()).toContain('15,872')
    expect(wrapper.get('[data-test="log-summary"]').text()).toBe(
      '3 entries: 1 done, 1 failed, 1 waiting',
    )

    await wrapper.get('#log-problems').setValue(true)
    expect(wrapper.findAll('[data-test="log-entry"]')).toHaveLength(2)
  })

  it('exports CSV with a byte order mark, in the reader’s language, formulas defused', async () => {
    const { log, mountView } = setup('ko')
    log.record({ action: 'save', result: 'ok', userId: '7', name: '=김민수', bytes: 100 })
    const wrapper = mountView()
    const download = captureDownload()
    await wrapper.get('[data-test="export-csv"]').trigger('click')

    expect(download.names[0]).toMatch(/^photo-desk-log-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.csv$/)
    const bytes = new Uint8Array(await download.blobs[0]!.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes.slice(3))
    const [header, row] = text.split('\r\n')
    expect(header).toBe(
      '"시간","운영자","사용자 ID","이름","작업","결과","바이트","품질 검사","메시지"',
    )
    expect(row).toMatch(
      /^"\d{4}-\d\d-\d\dT[\d:]+[+-]\d\d:\d\d","clerk","7","'=김민수","사진 저장","완료","100","",""$/,
    )
  })

  it('shows the photo checks in words, on screen and in the CSV, and counts 1 entry', async () => {
    const { log, mountView } = setup()
    log.record({
      action: 'save',
      result: 'ok',
      userId: '5',
      name: 'Eun',
      bytes: 12_000,
      checks: ['face pass', 'size fail closer', 'sharp pass'],
    })
    const wrapper = mountView()
    await flushPromises()

    expect(wrapper.get('[data-test="log-summary"]').text()).toBe(
      '1 entry: 1 done, 0 failed, 0 waiting',
    )
    const cell = wrapper.get('[data-test="log-checks"]').text()
    expect(cell).toContain('Failed: Distance (Move closer).')
    expect(cell).toContain('Passed: Face found, Sharp.')
    expect(cell).not.toMatch(/\b(pass|fail|size)\b/)

    const download = captureDownload()
    await wrapper.get('[data-test="export-csv"]').trigger('click')
    const text = new TextDecoder().decode(await download.blobs[0]!.arrayBuffer())
    expect(text.split('\r\n')[1]).toContain(
      '"Failed: Distance (Move closer). Passed: Face found, Sharp."',
    )
  })

  it('is empty, with export off, until something happens, and again after sign-out', async () => {
    const { log, mountView } = setup()
    const wrapper = mountView()
    expect(wrapper.find('[data-test="log-empty"]').exists()).toBe(true)
    expect(wrapper.get('[data-test="export-csv"]').attributes('disabled')).toBeDefined()

    log.record({ action: 'undo', result: 'ok', userId: '4', name: 'Di' })
    await flushPromises()
    expect(wrapper.findAll('[data-test="log-entry"]')).toHaveLength(1)

    await useSessionStore().signOut()
    await flushPromises()
    expect(wrapper.find('[data-test="log-empty"]').exists()).toBe(true)
  })
})
