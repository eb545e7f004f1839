import { describe, expect, it } from 'vitest'
import {
  baseName,
  isIgnoredFile,
  parseFileName,
  resolveCandidates,
  stem,
} from '@/batch/filename.ts'

const id = (name: string, type: 'numeric' | 'alphanumeric' = 'numeric') => {
  const parsed = parseFileName(name, type)
  return parsed.ok ? parsed.id : `!${parsed.problem}`
}

describe('user ID from a file name', () => {
  it.each([
    ['12345.jpg', '12345'],
    ['12345_anything.jpg', '12345'],
    ['12345 - Jane Doe.png', '12345'],
    ['12345-old.jpeg', '12345'],
    ['12345 (1).jpg', '12345'],
    ['12345.JPG', '12345'],
    ['  77 .jpg', '77'],
    ['photos/2024/12345.jpg', '12345'],
    ['photos\\HR\\12345_new.webp', '12345'],
    ['00042.jpg', '42'],
    ['１２３.jpg', '123'],
    ['4294967294.jpg', '4294967294'],
    ['12345', '12345'],
  ])('%s gives %s', (name, expected) => {
    expect(id(name)).toBe(expected)
  })

  it.each([
    ['IMG_1234.jpg', '!no-id'],
    ['Jane Doe 12345.jpg', '!no-id'],
    ['12345abc.jpg', '!no-id'],
    ['12345김민준.jpg', '!no-id'],
    ['.jpg', '!no-id'],
    ['000.jpg', '!all-zeros'],
    ['4294967295.jpg', '!out-of-range'],
    ['99999999999.jpg', '!out-of-range'],
  ])('%s is skipped (%s)', (name, expected) => {
    expect(id(name)).toBe(expected)
  })

  it('reads alphanumeric IDs, longest reading first, when the server uses them', () => {
    expect(parseFileName('EMP-0042.jpg', 'alphanumeric')).toEqual({
      ok: true,
      id: 'EMP-0042',
      candidates: ['EMP-0042'],
    })
    expect(parseFileName('EMP-0042 - Jane Doe.jpg', 'alphanumeric')).toMatchObject({
      id: 'EMP-0042',
    })
    expect(parseFileName('visitor_7_new.png', 'alphanumeric')).toEqual({
      ok: true,
      id: 'visitor_7_new',
      candidates: ['visitor_7_new', 'visitor_7', 'visitor'],
    })
    expect(parseFileName('12345_anything.jpg', 'alphanumeric')).toMatchObject({
      candidates: ['12345_anything', '12345'],
    })
    expect(id('EMP42(1).jpg', 'alphanumeric')).toBe('EMP42')
    expect(id('김민준.jpg', 'alphanumeric')).toBe('!no-id')
    expect(id(`${'A'.repeat(40)}.jpg`, 'alphanumeric')).toBe('!too-long')
    // Too long as a whole, but a shorter reading is a valid ID.
    expect(id(`${'A'.repeat(30)}_suffix_more.jpg`, 'alphanumeric')).toBe('A'.repeat(30))
  })

  it('lets the server pick the reading it knows', () => {
    const known = new Set(['visitor_7', '12345'])
    expect(resolveCandidates(['visitor_7_new', 'visitor_7', 'visitor'], known)).toBe('visitor_7')
    expect(resolveCandidates(['12345_anything', '12345'], known)).toBe('12345')
    expect(resolveCandidates(['nobody'], known)).toBeUndefined()
  })

  it('splits paths and extensions, and leaves system files out', () => {
    expect(baseName('a/b/c.jpg')).toBe('c.jpg')
    expect(stem('a/12 - Jane.Doe.png')).toBe('12 - Jane.Doe')
    expect(isIgnoredFile('folder/.DS_Store')).toBe(true)
    expect(isIgnoredFile('Thumbs.db')).toBe(true)
    expect(isIgnoredFile('folder/._12345.jpg')).toBe(true)
    expect(isIgnoredFile('12345.jpg')).toBe(false)
  })
})
