// The session log's check lines: written by the desk, read back for the log screen and CSV.
import { describe, expect, it } from 'vitest'
import { checksForLog, parseLogCheck, type Check } from '@/face/index.ts'

describe('parseLogCheck', () => {
  it('reads back what checksForLog wrote', () => {
    const checks: Check[] = [
      { id: 'face', state: 'pass', instruction: null, value: 1 },
      { id: 'size', state: 'fail', instruction: 'closer', value: 0.2 },
      { id: 'exposure', state: 'unknown', instruction: null, value: null },
      { id: 'sharp', state: 'fail', instruction: 'holdStill', value: 0.01 },
    ]
    expect(checksForLog(checks).map(parseLogCheck)).toEqual([
      { id: 'face', state: 'pass', instruction: null },
      { id: 'size', state: 'fail', instruction: 'closer' },
      { id: 'sharp', state: 'fail', instruction: 'holdStill' },
    ])
  })

  it('refuses lines it does not know instead of guessing', () => {
    for (const line of [
      '',
      'glasses pass',
      'size maybe',
      'size fail jump',
      'size fail closer extra',
      'toString pass',
    ])
      expect(parseLogCheck(line), line).toBeNull()
  })
})
