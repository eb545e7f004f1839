import { describe, expect, it } from 'vitest'
import { FacePass, faceProblems, needsFaceCheck } from '@/review/faces.ts'
import type { ReviewRow } from '@/review/scan.ts'

const whole = { x: 0, y: 0, width: 240, height: 240 }

describe('faceProblems (the desk crop rule on a stored photo)', () => {
  it('passes a photo framed by the rule and names the rest', () => {
    expect(faceProblems({ reason: 'face', crop: whole }, 240, 240)).toEqual([])
    expect(faceProblems({ reason: 'no-face', crop: whole }, 240, 240)).toEqual(['no-face'])
    expect(faceProblems({ reason: 'several-faces', crop: whole }, 240, 240)).toEqual([
      'several-faces',
    ])
    const small = { x: 90, y: 60, width: 80, height: 80 }
    expect(faceProblems({ reason: 'face', crop: small }, 240, 240)).toEqual(['face-framing'])
    const aside = { x: 0, y: 0, width: 180, height: 180 }
    expect(faceProblems({ reason: 'face', crop: aside }, 400, 240)).toEqual(['face-framing'])
  })
})

function row(userId: string, over: Partial<ReviewRow> = {}): ReviewRow {
  return {
    userId,
    name: '',
    groupId: '',
    groupName: '',
    changeStamp: '',
    hasPhoto: true,
    checked: true,
    bytes: 1,
    type: 'jpeg',
    width: 240,
    height: 240,
    sha256: `h${userId}`,
    problems: [],
    ...over,
  }
}

describe('FacePass', () => {
  it('looks at readable photos of 200 px and more, once per photo, and saves the verdict', async () => {
    const rows = [
      row('1'),
      row('2', { problems: ['low-resolution'] }),
      row('3', { problems: ['unreadable'] }),
      row('4', { faceChecked: 'h4' }),
      row('5', { hasPhoto: false, sha256: '' }),
      row('6'),
    ]
    expect(rows.filter(needsFaceCheck).map((r) => r.userId)).toEqual(['1', '6'])
    const saved: [string, string, string[]][] = []
    const pass = new FacePass({
      photo: async () => new Blob([]),
      decode: async () => ({ width: 240, height: 240, close() {} }) as ImageBitmap,
      ready: async () => true,
      find: async () => ({ reason: 'no-face', crop: whole }),
      save: (id, sha, problems) => saved.push([id, sha, problems]),
    })
    await pass.run(rows)
    expect(saved).toEqual([
      ['1', 'h1', ['no-face']],
      ['6', 'h6', ['no-face']],
    ])
    expect(pass.progress).toMatchObject({ phase: 'done', done: 2, total: 2 })
  })

  it('stops when the detector cannot load', async () => {
    const pass = new FacePass({
      photo: async () => new Blob([]),
      decode: async () => ({ width: 240, height: 240, close() {} }) as ImageBitmap,
      ready: async () => false,
      find: async () => null,
      save: () => {},
    })
    await pass.run([row('1')])
    expect(pass.progress.phase).toBe('unavailable')
  })
})
