import { describe, expect, it } from 'vitest'
import { bool, int, toOperator, toUserDetail, toUserSummary } from '@/api/parse.ts'

describe('BioStar string typing', () => {
  it('reads "true"/"false" and real booleans alike', () => {
    expect(bool('true')).toBe(true)
    expect(bool('TRUE')).toBe(true)
    expect(bool(true)).toBe(true)
    expect(bool('false')).toBe(false)
    expect(bool(false)).toBe(false)
    expect(bool(undefined)).toBe(false)
  })

  it('reads numbers sent as strings or numbers', () => {
    expect(int('8')).toBe(8)
    expect(int(8)).toBe(8)
    expect(int('x', 3)).toBe(3)
  })

  it('turns a row into a summary', () => {
    const row = toUserSummary({
      user_id: '12',
      name: '김민준',
      photo_exists: 'true',
      disabled: 'false',
      expired: 'true',
      user_group_id: { id: '1002', name: 'Staff' },
    })
    expect(row).toEqual({
      userId: '12',
      name: '김민준',
      group: { id: '1002', name: 'Staff' },
      hasPhoto: true,
      disabled: false,
      expired: true,
    })
  })

  it('trusts the photo bytes over photo_exists (omitted or "")', () => {
    expect(toUserDetail({ user_id: '1', photo_exists: 'true' }).photo).toBeNull()
    expect(toUserDetail({ user_id: '1', photo_exists: 'false', photo: '' }).hasPhoto).toBe(false)
    expect(toUserDetail({ user_id: '1', photo_exists: 'true', photo: '/9j/AA' }).photo).toBe(
      '/9j/AA',
    )
  })

  it('keeps a photo sent in lines compact, as it must go back', () => {
    const photo = toUserDetail({ user_id: '1', photo_exists: 'true', photo: '/9j/AA\r\nBB CC\n' })
    expect(photo.photo).toBe('/9j/AABBCC')
    expect(toUserDetail({ user_id: '1', photo: ' \n' }).hasPhoto).toBe(false)
  })

  it('reads the operator permission when present, null when not', () => {
    const admin = toOperator(
      {
        user_id: '1',
        name: 'Administrator',
        permission: {
          id: '1',
          name: 'Administrator',
          module: { User: { read: 'true', write: 'true' } },
        },
      },
      'admin',
    )
    expect(admin).toMatchObject({ userId: '1', loginId: 'admin', canWriteUsers: true })
    expect(toOperator({ user_id: '1' }, 'admin').canWriteUsers).toBeNull()
    expect(toOperator(undefined, 'op').name).toBe('op')
  })

  it('reads whether the operator may read users; unknown (null) when the reply does not say', () => {
    const level = (User: Record<string, unknown> | undefined, module = true) =>
      toOperator(
        {
          user_id: '9',
          permission: { id: '9', name: 'Custom', ...(module ? { module: { User } } : {}) },
        } as Parameters<typeof toOperator>[0],
        'op',
      ).canReadUsers
    expect(level({ read: 'true', write: 'false' })).toBe(true)
    expect(level({ read: true, write: false })).toBe(true)
    expect(level({ read: 'TRUE' })).toBe(true)
    expect(level({ read: 'false', write: 'false' })).toBe(false)
    expect(level({ read: false })).toBe(false)
    // Writing users implies reading them.
    expect(level({ write: 'true' })).toBe(true)
    expect(level({ read: 'false', write: 'true' })).toBe(true)
    // Not said: the app shows the screen and lets the server answer.
    expect(level({ write: 'false' })).toBeNull()
    expect(level({})).toBeNull()
    expect(level(undefined)).toBeNull()
    expect(level(undefined, false)).toBeNull()
    expect(toOperator({ user_id: '1' }, 'admin').canReadUsers).toBeNull()
    expect(toOperator(undefined, 'op').canReadUsers).toBeNull()
  })
})
