import { describe, expect, it } from 'vitest'
import type { UserDetail } from '@/api/types.ts'
import type { Preparer } from '@/batch/preparer.ts'
import { PhotoFixer } from '@/review/fix.ts'
import { memoryStore } from '@/storage/idb.ts'
import type { WriteRequest } from '@/writes/types.ts'
import { tinyJpegBase64 } from '../../helpers/tiny-jpeg.ts'

const owner = { loginId: 'admin', server: '', name: 'Admin' }

function user(id: string, photo: string): UserDetail {
  return {
    userId: id,
    name: `User ${id}`,
    group: null,
    hasPhoto: true,
    disabled: false,
    expired: false,
    photo,
    email: '',
    department: '',
    expiryDatetime: '',
    visualFaceCount: 0,
  }
}

function setup() {
  const server = new Map([
    ['1', tinyJpegBase64([200, 0, 0])],
    ['2', tinyJpegBase64([0, 200, 0])],
    ['3', tinyJpegBase64([0, 0, 200])],
  ])
  const originals = memoryStore()
  const submitted: WriteRequest[] = []
  const originalsAtFirstWrite: string[] = []
  const written: string[] = []
  const preparer: Preparer = {
    slots: 1,
    mode: 'main',
    async prepare() {
      const jpeg = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], { type: 'image/jpeg' })
      return { ok: true, jpeg, thumb: jpeg, bytes: 4, width: 400, height: 400, quality: 0.8 }
    },
    dispose() {},
  }
  const fixer = new PhotoFixer({
    getUser: async (id) => user(id, server.get(id)!),
    preparer: () => preparer,
    writer: {
      submit(request) {
        if (submitted.length === 0) originalsAtFirstWrite.push(...originals.data.keys())
        submitted.push(request)
        return { id: String(submitted.length), done: Promise.resolve({ state: 'stored' }) }
      },
    },
    originals,
    owner: () => owner,
    request: () => ({ aspect: 1, maxSide: 400, maxBytes: 16_000 }),
    written: (id) => void written.push(id),
    now: () => 1000,
  })
  return { fixer, server, submitted, originalsAtFirstWrite, written }
}

describe('PhotoFixer', () => {
  it('stores every original before the first write, then writes the re-encoded photos', async () => {
    const t = setup()
    await t.fixer.fix([
      { userId: '1', name: 'One' },
      { userId: '3', name: 'Three' },
    ])
    expect(t.originalsAtFirstWrite.sort()).toEqual(['1000:1', '1000:3', 'last-run'])
    expect(t.submitted.map((r) => [r.userId, r.kind, r.durable, 'blob' in r.photo!])).toEqual([
      ['1', 'review-fix', false, true],
      ['3', 'review-fix', false, true],
    ])
    expect(t.fixer.progress).toMatchObject({ phase: 'done', done: 2, total: 2, failed: 0 })
    expect(t.written.sort()).toEqual(['1', '3'])
  })

  it('restores the originals of the last fix byte for byte, or of one user', async () => {
    const t = setup()
    const before = new Map(t.server)
    await t.fixer.fix([
      { userId: '1', name: 'One' },
      { userId: '2', name: 'Two' },
    ])
    t.submitted.length = 0
    await t.fixer.restore()
    expect(t.submitted.map((r) => [r.userId, r.kind, r.photo])).toEqual([
      ['1', 'review-restore', { base64: before.get('1') }],
      ['2', 'review-restore', { base64: before.get('2') }],
    ])
    t.submitted.length = 0
    await t.fixer.restore(['2'])
    expect(t.submitted.map((r) => r.userId)).toEqual(['2'])
  })

  it('counts a photo it cannot write as failed and goes on', async () => {
    const t = setup()
    t.server.set('2', '')
    await t.fixer.fix([
      { userId: '1', name: 'One' },
      { userId: '2', name: 'Two' },
    ])
    expect(t.fixer.progress).toMatchObject({ done: 1, failed: 1 })
    expect(t.submitted.map((r) => r.userId)).toEqual(['1'])
  })
})
