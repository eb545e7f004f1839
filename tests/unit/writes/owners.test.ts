// Who owns a write (pure): the same login on the same server, and everyone else grouped.
import { describe, expect, it } from 'vitest'
import { ownerId, ownerLabel, ownerOf, otherOwners, readOwner, sameOwner } from '@/writes/owners.ts'

const SERVER = 'https://desk.example/api'
const admin = ownerOf(
  {
    userId: '1',
    loginId: 'admin',
    name: 'Administrator',
    permissionName: 'A',
    canWriteUsers: true,
  },
  SERVER,
)
const clerk = { loginId: 'clerk', server: SERVER, name: 'Kim Clerk' }

describe('owners', () => {
  it('is the same owner only with the same login on the same server', () => {
    expect(sameOwner(admin, { ...admin, name: 'renamed' })).toBe(true)
    expect(sameOwner(admin, { ...admin, server: 'https://other/api' })).toBe(false)
    expect(sameOwner(admin, clerk)).toBe(false)
    expect(sameOwner(admin, null)).toBe(false)
    expect(sameOwner(null, null)).toBe(false)
    expect(sameOwner({ ...admin, loginId: '' }, { ...admin, loginId: '' })).toBe(false)
  })

  it('groups everyone else by owner, writes without one in their own group', () => {
    const groups = otherOwners(
      [{ owner: clerk }, { owner: admin }, { owner: null }, { owner: clerk }],
      admin,
    )
    expect(groups).toEqual([
      { id: ownerId(clerk), owner: clerk, count: 2 },
      { id: '', owner: null, count: 1 },
    ])
    expect(ownerLabel(clerk)).toBe('Kim Clerk (clerk)')
    expect(ownerLabel({ ...clerk, name: 'clerk' })).toBe('clerk')
  })

  it('reads a stored owner back, and a damaged one as none', () => {
    expect(readOwner(clerk)).toEqual(clerk)
    expect(readOwner({ loginId: 'x', server: SERVER })).toEqual({
      loginId: 'x',
      server: SERVER,
      name: '',
    })
    for (const bad of [null, 'admin', {}, { loginId: '', server: SERVER }, { loginId: 'x' }])
      expect(readOwner(bad)).toBeUndefined()
  })
})
