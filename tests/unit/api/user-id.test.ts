import { describe, expect, it } from 'vitest'
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

it('always encodes the id as one path segment', () => {
  expect(userPath('42')).toBe('/users/42')
  expect(userPath('a/b c')).toBe('/users/a%2Fb%20c')
})
