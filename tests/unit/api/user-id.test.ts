import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/errors.ts'
import { checkUserId, userPath } from '@/api/user-id.ts'

describe('checkUserId (numeric servers)', () => {
  it.each([
    ['1', '1'],
    ['  42 ', '42'],
    ['4294967294', '4294967294'],
  ])('accepts %j', (input, id) => {
    expect(checkUserId(input)).toEqual({ id })
  })

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['0', 'all-zeros'],
    ['000', 'all-zeros'],
    ['4294967295', 'out-of-range'],
    ['99999999999', 'out-of-range'],
    ['-5', 'not-a-number'],
    ['1.5', 'not-a-number'],
    ['12 34', 'not-a-number'],
    ['../../api/login', 'not-a-number'],
    ['١٢٣', 'not-a-number'],
  ])('refuses %j (%s)', (input, problem) => {
    expect(checkUserId(input)).toEqual({ problem })
  })
})

describe('checkUserId (alphanumeric servers)', () => {
  it('accepts letters, digits, - and _ up to 32 characters', () => {
    expect(checkUserId('Emp_0042-b', 'alphanumeric')).toEqual({ id: 'Emp_0042-b' })
    expect(checkUserId('a'.repeat(32), 'alphanumeric')).toEqual({ id: 'a'.repeat(32) })
  })

  it.each([
    ['a'.repeat(33), 'too-long'],
    ['../../api/login', 'bad-characters'],
    ['김민준', 'bad-characters'],
    ['a b', 'bad-characters'],
    ['00', 'all-zeros'],
  ])('refuses %j (%s)', (input, problem) => {
    expect(checkUserId(input, 'alphanumeric')).toEqual({ problem })
  })
})

describe('userPath', () => {
  it('gives the id as one path segment', () => {
    expect(userPath('42')).toBe('/users/42')
    expect(userPath('Emp_0042-b')).toBe('/users/Emp_0042-b')
  })

  // From a file name, BioStar's own answer or IndexedDB as much as from the keyboard.
  it.each(['', '.', '..', '../../api/login', 'a/b c', '%2e%2e', '12 ', ' 12', 'a\\b', 'x;y', '0'])(
    'refuses %j before any request',
    (id) => {
      let thrown: unknown
      try {
        userPath(id)
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(ApiError)
      expect(thrown).toMatchObject({ kind: 'invalid-id', serverMessage: id })
    },
  )
})
