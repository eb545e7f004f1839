// FaceCoaching and VisualFaceOption as people see them: the instruction in a live region, the
// kiosk countdown 3-2-1 that captures once (and stops when a check fails), the Visual Face
// option, its normalised image, and each BioStar refusal in words.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { createAppI18n } from '@/i18n/index.ts'
import FaceCoaching from '@/components/FaceCoaching.vue'
import VisualFaceOption from '@/components/VisualFaceOption.vue'
import { ApiError } from '@/api/errors.ts'
import cameraEn from '@/i18n/camera.en.ts'
import cameraKo from '@/i18n/camera.ko.ts'
import faceEn from '@/i18n/face.en.ts'
import faceKo from '@/i18n/face.ko.ts'
import en from '@/i18n/en.ts'
import type { Check } from '@/face/index.ts'

enableAutoUnmount(afterEach)

function i18n(locale: 'en' | 'ko' = 'en') {
  // describeError's sentences live in the app's own messages.
  return createAppI18n(locale, {
    en: { ...en, camera: cameraEn, face: faceEn },
    ko: { camera: cameraKo, face: faceKo },
  })
}

type CoachingProps = InstanceType<typeof FaceCoaching>['$props']

function coaching(props: Partial<CoachingProps> = {}, locale: 'en' | 'ko' = 'en') {
  return mount(FaceCoaching, {
    props: { status: 'ready', instruction: null, allPass: false, stableFor: 0, ...props },
    global: { plugins: [i18n(locale)] },
  })
}

describe('FaceCoaching', () => {
  it('shows one instruction in a polite live region, coloured by the state', async () => {
    const w = coaching({ instruction: 'face.do.closer' })
    const line = w.get('[data-test="face-instruction"]')
    expect(line.text()).toBe('Move closer')
    expect(line.attributes('aria-live')).toBe('polite')
    expect(w.get('[data-test="face-coaching"]').attributes('data-state')).toBe('warn')
    await w.setProps({ instruction: null, allPass: true })
    expect(line.text()).toBe('Good — ready to capture')
    expect(w.get('[data-test="face-coaching"]').attributes('data-state')).toBe('good')
  })

  it('says when guidance is loading, and when it is off and why', async () => {
    const w = coaching({ status: 'loading', instruction: 'face.status.loading' })
    expect(w.text()).toContain('Starting face guidance…')
    await w.setProps({ status: 'off', offReason: 'model' })
    expect(w.get('[data-test="face-instruction"]').text()).toBe(
      'Face guidance is off — the centred crop is used.',
    )
    expect(w.text()).toContain('The face model could not be loaded.')
    await w.setProps({ offReason: 'slow' })
    expect(w.text()).toContain('too slow')
    await w.setProps({ offReason: 'disabled' })
    expect(w.find('[data-test="face-instruction"]').exists()).toBe(false)
  })

  it('lists the checks that were measured, in Korean too', () => {
    const checks: Check[] = [
      { id: 'face', state: 'pass', instruction: null, value: 1 },
      { id: 'size', state: 'fail', instruction: 'closer', value: 0.2 },
      { id: 'sharp', state: 'unknown', instruction: null, value: null },
    ]
    const w = coaching({ checks, showChecks: true, instruction: 'face.do.closer' }, 'ko')
    const items = w.findAll('li')
    expect(items.map((li) => li.attributes('data-check'))).toEqual(['face', 'size'])
    expect(items[1]!.attributes('data-state')).toBe('fail')
    expect(w.get('[data-test="face-instruction"]').text()).toBe('더 가까이 오세요')
  })

  describe('kiosk auto capture', () => {
    beforeEach(() => vi.useFakeTimers())
    afterEach(() => vi.useRealTimers())

    it('counts 3-2-1 once all checks passed for a second, then captures once', async () => {
      const w = coaching({ autoCapture: true, allPass: true, stableFor: 400 })
      expect(w.find('[data-test="face-countdown"]').exists()).toBe(false)
      await w.setProps({ stableFor: 1000 })
      const digits: string[] = []
      digits.push(w.get('[data-test="face-countdown"]').text())
      for (let i = 0; i < 2; i++) {
        await vi.advanceTimersByTimeAsync(1000)
        digits.push(w.get('[data-test="face-countdown"]').text())
      }
      expect(digits.map((d) => d.match(/Taking the photo in (\d)/)?.[1])).toEqual(['3', '2', '1'])
      expect(w.emitted('capture')).toBeUndefined()
      await vi.advanceTimersByTimeAsync(1000)
      expect(w.emitted('capture')).toHaveLength(1)
      expect(w.find('[data-test="face-countdown"]').exists()).toBe(false)
      // Still passing: no second capture until the checks break and pass again.
      await w.setProps({ stableFor: 2500 })
      await vi.advanceTimersByTimeAsync(5000)
      expect(w.emitted('capture')).toHaveLength(1)
      await w.setProps({ allPass: false, stableFor: 0 })
      await w.setProps({ allPass: true, stableFor: 1200 })
      await vi.advanceTimersByTimeAsync(3000)
      expect(w.emitted('capture')).toHaveLength(2)
    })

    it('stops counting when a check fails or capture is not possible', async () => {
      const w = coaching({ autoCapture: true, allPass: true, stableFor: 1000 })
      await vi.advanceTimersByTimeAsync(1000)
      await w.setProps({ allPass: false, stableFor: 0, instruction: 'face.do.holdStill' })
      expect(w.find('[data-test="face-countdown"]').exists()).toBe(false)
      await vi.advanceTimersByTimeAsync(5000)
      expect(w.emitted('capture')).toBeUndefined()

      await w.setProps({ allPass: true, stableFor: 1000, instruction: null })
      expect(w.find('[data-test="face-countdown"]').exists()).toBe(true)
      await w.setProps({ disabled: true })
      await vi.advanceTimersByTimeAsync(5000)
      expect(w.emitted('capture')).toBeUndefined()
    })

    it('never counts without the setting', async () => {
      const w = coaching({ allPass: true, stableFor: 5000 })
      await vi.advanceTimersByTimeAsync(5000)
      expect(w.find('[data-test="face-countdown"]').exists()).toBe(false)
      expect(w.emitted('capture')).toBeUndefined()
    })
  })
})

describe('VisualFaceOption', () => {
  const option = (props: Partial<InstanceType<typeof VisualFaceOption>['$props']> = {}) =>
    mount(VisualFaceOption, {
      props: { modelValue: false, ...props },
      global: { plugins: [i18n()] },
    })

  it('is a labelled checkbox bound with v-model', async () => {
    const w = option()
    const box = w.get('input[type="checkbox"]')
    expect(w.get(`label[for="${box.attributes('id')}"]`).text()).toBe('Also enroll as Visual Face')
    await box.setValue(true)
    expect(w.emitted('update:modelValue')).toEqual([[true]])
  })

  it('shows the normalised image after a save', () => {
    const w = option({ modelValue: true, state: { kind: 'saved', image: '/9j/4AAQSkZJRg==' } })
    const img = w.get('[data-test="visual-face-saved"] img')
    expect(img.attributes('src')).toBe('data:image/jpeg;base64,/9j/4AAQSkZJRg==')
    expect(img.attributes('alt')).toBe('The Visual Face as BioStar normalised it')
    expect(w.text()).toContain('Visual Face enrolled.')
  })

  it.each([
    ['30000', 'resolution is too low'],
    ['30008', 'found no face'],
    ['30010', 'too small'],
    ['30011', 'not straight'],
    ['30012', 'eyes are not looking at the centre'],
    ['no-face-template', 'could not make a face template'],
  ])('explains BioStar code %s, and that the profile photo was saved', (code, words) => {
    const error = new ApiError({ kind: 'rejected', status: 400, code, serverMessage: 'x' })
    const w = option({ modelValue: true, state: { kind: 'failed', error } })
    const alert = w.get('[data-test="visual-face-error"]')
    expect(alert.attributes('role')).toBe('alert')
    expect(alert.text()).toContain(words)
    expect(alert.text()).toMatch(/^Visual Face not enrolled: .* The profile photo was saved\.$/)
  })

  it('uses the app’s error sentence for anything else', () => {
    const error = new ApiError({ kind: 'timeout' })
    const w = option({ state: { kind: 'failed', error } })
    expect(w.get('[data-test="visual-face-error"]').text()).toContain(
      'The profile photo was saved.',
    )
    expect(w.text()).not.toContain('BioStar code')
  })
})

describe('face strings', () => {
  const keys = (value: unknown, prefix = ''): string[] =>
    typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
      : [`${prefix}=${(String(value).match(/\{\w+\}/g) ?? []).sort().join()}`]

  it('has the same keys and placeholders in English and Korean', () => {
    expect(keys(faceKo).sort()).toEqual(keys(faceEn).sort())
  })
})
