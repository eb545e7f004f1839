// Which batch files wait for a look: no face, several faces, a name in the file name that is not
// the user's (letters only, any order, any case, any script), another person than the photo.
import { describe, expect, it } from 'vitest'
import { holdReasons, nameInFileName, namesMatch } from '@/batch/review.ts'
import { holdsOf, newRow, rowResult, rowStatus } from '@/batch/rows.ts'

describe('the name in a file name', () => {
  it('is what follows the ID, when it has letters', () => {
    expect(nameInFileName('18 - Jane Doe.jpg', '18')).toBe(' - Jane Doe')
    expect(nameInFileName('photos/5.jpg', '5')).toBeNull()
    expect(nameInFileName('5_2.jpg', '5')).toBeNull()
    expect(nameInFileName('EMP-7 Kim.jpg', 'EMP-7')).toBe(' Kim')
  })

  it('matches by letters only, in any order, case and script', () => {
    expect(namesMatch(' - Jane Doe', 'Jane Doe')).toBe(true)
    expect(namesMatch('doe_jane', 'Jane Doe')).toBe(true)
    expect(namesMatch('JANE-DOE2', 'jane doe')).toBe(true)
    expect(namesMatch('José Núñez', 'Jose Nunez')).toBe(true)
    expect(namesMatch('민준 김', '김민준')).toBe(true)
    expect(namesMatch('Ｊａｎｅ Ｄｏｅ', 'Jane Doe')).toBe(true)
    expect(namesMatch('Jane Doe', 'John Doe')).toBe(false)
    expect(namesMatch('김민준', '김민지')).toBe(false)
  })
})

describe('holdReasons', () => {
  const jane = { userId: '18', name: 'Jane Doe' }
  it('holds a group photo, a file without a face, another name, another person', () => {
    expect(holdReasons('18.jpg', jane, { faces: 1, samePerson: 'same' })).toEqual([])
    expect(holdReasons('18.jpg', jane, { faces: 3, samePerson: null })).toEqual(['several-faces'])
    expect(holdReasons('18.jpg', jane, { faces: 0, samePerson: null })).toEqual(['no-face'])
    expect(holdReasons('18 - John Roe.jpg', jane, { faces: 1, samePerson: null })).toEqual([
      'name-mismatch',
    ])
    expect(holdReasons('18 - Doe Jane.jpg', jane, { faces: 1, samePerson: 'different' })).toEqual([
      'different-person',
    ])
  })

  it('says nothing about faces when the face checks did not run', () => {
    expect(holdReasons('18.jpg', jane, { faces: null, samePerson: null })).toEqual([])
  })
})

describe('a held row', () => {
  const prepared = (file: string, faces: number | null) => ({
    ...newRow(file, file, 1000),
    userId: '18',
    name: 'Jane Doe',
    check: 'found' as const,
    hasPhoto: false,
    prep: 'done' as const,
    faces,
  })

  it('needs review until confirmed, and is left out when skipped', () => {
    const group = prepared('18.jpg', 3)
    expect(holdsOf(group)).toEqual(['several-faces'])
    expect(rowStatus(group, false)).toBe('needs-review')
    expect(rowResult(rowStatus(group, false))).toBe('not sent')
    expect(rowStatus({ ...group, review: 'confirmed' }, false)).toBe('ready')
    expect(rowStatus({ ...group, review: 'skipped' }, false)).toBe('review-skipped')
    // Face checks off: no face count, no hold (the name alone does not hold it either).
    expect(rowStatus(prepared('18 - John Roe.jpg', null), false)).toBe('ready')
    expect(rowStatus(prepared('18 - John Roe.jpg', 1), false)).toBe('needs-review')
    expect(rowStatus(prepared('18.jpg', 1), false)).toBe('ready')
  })

  it('another person than the current photo: "Different person?" with Overwrite on', () => {
    const other = { ...prepared('18.jpg', 1), hasPhoto: true, samePerson: 'different' as const }
    expect(rowStatus(other, true)).toBe('different-person')
    expect(rowStatus(other, false)).toBe('has-photo')
    expect(rowStatus({ ...other, samePerson: 'same' }, true)).toBe('ready')
    expect(rowStatus({ ...other, review: 'confirmed' }, true)).toBe('ready')
  })
})
