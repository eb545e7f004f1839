// How a durable write is read back from IndexedDB: this version's records, the older offline
// queue's records, and damaged ones.
import { describe, expect, it } from 'vitest'
import { photoOf, readRecord, storedPhoto } from '@/writes/records.ts'

const owner = { loginId: 'admin', server: 'https://desk.example/api', name: 'Administrator' }

describe('readRecord', () => {
  it('reads a record of this version with its place in the order', () => {
    const blob = new Blob(['jpeg'])
    const record = readRecord('w1', {
      v: 2,
      seq: 1700000000123,
      userId: '12',
      name: 'Kim',
      kind: 'save',
      photo: blob,
      bytes: 4,
      owner,
      createdAt: 1700000000000,
      waited: true,
      checks: ['face pass', 3],
    })
    expect(record).toMatchObject({
      id: 'w1',
      seq: 1700000000123,
      kind: 'save',
      photo: blob,
      owner,
      waited: true,
      checks: ['face pass'],
    })
    expect(photoOf(record!)).toEqual({ blob })
  })

  it('reads a save of the older offline queue as a save that waited, ordered by its time', () => {
    const record = readRecord('12', {
      userId: '12',
      name: 'Kim',
      base64: 'OLD',
      bytes: 9000,
      createdAt: 5,
      refused: { kind: 'permission', status: 403, code: '20' },
    })
    expect(record).toEqual({
      v: 2,
      id: '12',
      seq: 5,
      userId: '12',
      name: 'Kim',
      kind: 'save',
      photo: 'OLD',
      bytes: 9000,
      createdAt: 5,
      waited: true,
      refused: { kind: 'permission', status: 403, code: '20' },
    })
    expect(photoOf(record!)).toEqual({ base64: 'OLD' })
  })

  it('keeps a damaged refusal as refused all the same, never resent blindly', () => {
    const record = readRecord('k', { userId: '1', base64: 'X', refused: 'garbage' })
    expect(record?.refused).toEqual({ kind: 'other', message: '' })
  })

  it('is not a write without a user, a photo, a known kind or an order', () => {
    for (const bad of [
      null,
      'text',
      { base64: 'X' },
      { userId: '1' },
      { userId: '1', base64: '' },
      { v: 2, userId: '1', kind: 'format-disk', photo: null, seq: 1 },
      { v: 2, userId: '1', kind: 'save', photo: 42, seq: 1 },
      { v: 2, userId: '1', kind: 'save', photo: null },
    ])
      expect(readRecord('k', bad)).toBeNull()
  })

  it('stores a removal as null and an old photo as its base64', () => {
    expect(storedPhoto(null)).toBeNull()
    expect(storedPhoto({ base64: 'B' })).toBe('B')
  })
})
