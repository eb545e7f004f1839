// Session-log photo checks in words, as the log table and the CSV show them.
import { describe, expect, it } from 'vitest'
import { createTranslator } from '@/i18n/translator.ts'
import { messages } from '@/i18n/messages.ts'
import { checksText, describeChecks } from '@/i18n/describe-checks.ts'

const LINES = ['face pass', 'single pass', 'size fail closer', 'centre fail right', 'level fail']

describe('describeChecks', () => {
  it('names every check in the desk’s words, failed ones with what was asked', () => {
    const { t } = createTranslator('en', messages)
    expect(describeChecks(LINES, t)).toEqual({
      failed: ['Distance (Move closer)', 'Centred (Move right)', 'Head straight'],
      passed: ['Face found', 'One person'],
    })
  })

  it('speaks Korean to a Korean reader', () => {
    const { t } = createTranslator('ko', messages)
    expect(describeChecks(['face pass', 'size fail closer'], t)).toEqual({
      failed: [`${messages.ko.face.checks.size}(${messages.ko.face.do.closer})`],
      passed: [messages.ko.face.checks.face],
    })
  })

  it('keeps a line it cannot read as written, among the failed', () => {
    const { t } = createTranslator('en', messages)
    expect(describeChecks(['glasses fail remove', 'sharp pass'], t)).toEqual({
      failed: ['glasses fail remove'],
      passed: ['Sharp'],
    })
  })
})

describe('checksText', () => {
  it('is one line with no codes left', () => {
    const { t } = createTranslator('en', messages)
    const text = checksText(LINES, t)
    expect(text).toBe(
      'Failed: Distance (Move closer), Centred (Move right), Head straight. Passed: Face found, One person.',
    )
    expect(text).not.toMatch(/\b(pass|fail|size|centre|level)\b/)
  })

  it('says only what there is, or the no-checks mark', () => {
    const { t } = createTranslator('en', messages)
    expect(checksText(['face pass'], t)).toBe('Passed: Face found.')
    expect(checksText([], t)).toBe('—')
    expect(checksText(undefined, t)).toBe('—')
  })
})
