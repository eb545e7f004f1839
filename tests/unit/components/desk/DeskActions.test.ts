// Capture and Save as people and screen readers meet them: Save names the person it saves for,
// says what it waits for on a second line, and its accessible name always starts "Save photo".
import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount } from '@vue/test-utils'
import DeskActions from '@/components/desk/DeskActions.vue'
import { kim, mountDesk } from '../../../helpers/desk-mount.ts'

enableAutoUnmount(afterEach)

const actions = (props: Record<string, unknown> = {}) =>
  mountDesk(DeskActions, {
    user: kim,
    hasPicture: true,
    canSave: true,
    saving: false,
    saveWaitsFor: null,
    ...props,
  })
const saveButton = (w: ReturnType<typeof actions>) => w.get('[data-test="save"]')

describe('DeskActions', () => {
  it('names the person the photo is saved for', () => {
    expect(saveButton(actions()).text()).toBe('Save photo for Kim Min-jun · 12')
    expect(saveButton(actions({ user: null, canSave: false })).text()).toBe('Save photo')
  })

  it('says it is finding the face, then saving, and stays "Save photo…" for screen readers', () => {
    const finding = saveButton(actions({ saveWaitsFor: 'face' }))
    expect(finding.text()).toBe('Save photo for Kim Min-jun · 12Finding the face…')
    expect(finding.attributes('aria-busy')).toBe('true')
    const saving = saveButton(actions({ saving: true, canSave: false }))
    expect(saving.text()).toMatch(/^Save photo for Kim Min-jun · 12Saving…$/)
    expect(saving.attributes('disabled')).toBeDefined()
  })

  it('offers Capture before a picture and Retake after, each sending its step', async () => {
    const before = actions({ hasPicture: false, canSave: false })
    const capture = before.get('button:not([data-test="save"])')
    expect(capture.text()).toBe('Capture')
    await capture.trigger('click')
    expect(before.emitted('capture')).toHaveLength(1)
    expect(saveButton(before).attributes('disabled')).toBeDefined()

    const after = actions()
    const retake = after.get('button:not([data-test="save"])')
    expect(retake.text()).toBe('Retake')
    await retake.trigger('click')
    await saveButton(after).trigger('click')
    expect(after.emitted('retake')).toHaveLength(1)
    expect(after.emitted('save')).toHaveLength(1)
  })

  it('cannot capture without a person', () => {
    const empty = actions({ user: null, hasPicture: false, canSave: false })
    expect(empty.get('button:not([data-test="save"])').attributes('disabled')).toBeDefined()
  })
})
