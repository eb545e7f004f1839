// The desk's Save button as people and screen readers meet it: it names the person it saves for,
// says what it waits for on a second line, and its accessible name always starts "Save photo".
import { afterEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { createTestingPinia } from '@pinia/testing'
import { createAppI18n } from '@/i18n/index.ts'
import DeskSavePanel from '@/components/desk/DeskSavePanel.vue'
import DeskWrites from '@/components/desk/DeskWrites.vue'
import type { UserDetail } from '@/api/types.ts'
import en from '@/i18n/en.ts'
import deskEn from '@/i18n/desk.en.ts'
import faceEn from '@/i18n/face.en.ts'

enableAutoUnmount(afterEach)

const kim: UserDetail = {
  userId: '12',
  name: 'Kim Min-jun',
  photo: null,
  hasPhoto: false,
  group: null,
  disabled: false,
  expired: false,
  email: '',
  department: '',
  expiryDatetime: '',
  visualFaceCount: 0,
}

function panel(props: Partial<InstanceType<typeof DeskSavePanel>['$props']> = {}) {
  return mount(DeskSavePanel, {
    props: {
      user: kim,
      hasPicture: true,
      prepared: null,
      preparing: false,
      budget: 16_000,
      prepareFailure: '',
      canSave: true,
      saving: false,
      saveWaitsFor: null,
      canUndo: false,
      saveFailure: '',
      canTryAgain: false,
      status: '',
      kioskResetIn: 0,
      visualFace: { kind: 'idle' },
      visualFaceWanted: false,
      ...props,
    },
    global: {
      plugins: [
        createTestingPinia({ createSpy: vi.fn }),
        createAppI18n('en', { en: { ...en, ...deskEn, face: faceEn } }),
      ],
    },
  })
}

const saveButton = (w: ReturnType<typeof panel>) => w.get('[data-test="save"]')

describe('DeskSavePanel', () => {
  it('names the person the photo is saved for', () => {
    expect(saveButton(panel()).text()).toBe('Save photo for Kim Min-jun · 12')
    expect(saveButton(panel({ user: null, canSave: false })).text()).toBe('Save photo')
  })

  it('says it is finding the face, then saving, and stays "Save photo…" for screen readers', () => {
    const finding = saveButton(panel({ saveWaitsFor: 'face' }))
    expect(finding.text()).toBe('Save photo for Kim Min-jun · 12Finding the face…')
    expect(finding.attributes('aria-busy')).toBe('true')
    const saving = saveButton(panel({ saving: true, canSave: false }))
    expect(saving.text()).toMatch(/^Save photo for Kim Min-jun · 12Saving…$/)
    expect(saving.attributes('disabled')).toBeDefined()
  })

  it('offers Try again only for a refused picture still on the desk', async () => {
    const w = panel({ saveFailure: 'The photo was not saved.', canTryAgain: true })
    await w.get('[data-test="save-error"] button').trigger('click')
    expect(w.emitted('tryAgain')).toHaveLength(1)
    expect(
      panel({ saveFailure: 'Not saved.', canTryAgain: false })
        .find('[data-test="save-error"] button')
        .exists(),
    ).toBe(false)
  })

  it('shows a kiosk visitor Save, but not Remove, Undo or the people photographed before', () => {
    const withPhoto = { ...kim, photo: 'AAAA', hasPhoto: true }
    const buttons = (w: ReturnType<typeof panel>) => w.findAll('button').map((b) => b.text())
    const desk = panel({ user: withPhoto, hasPicture: false, canSave: false, canUndo: true })
    expect(buttons(desk)).toEqual(expect.arrayContaining(['Remove photo', 'Undo']))
    expect(desk.findComponent(DeskWrites).exists()).toBe(true)

    const kiosk = panel({
      kiosk: true,
      user: withPhoto,
      hasPicture: false,
      canSave: false,
      canUndo: true,
    })
    expect(buttons(kiosk)).not.toContain('Remove photo')
    expect(buttons(kiosk)).not.toContain('Undo')
    expect(buttons(kiosk).some((b) => b.startsWith('Save photo'))).toBe(true)
    expect(kiosk.findComponent(DeskWrites).exists()).toBe(false)
  })
})
