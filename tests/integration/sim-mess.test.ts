import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messKind } from '../../sim/mess.ts'
import { startTestServer } from '../../sim/testing.ts'
import type { TestServer } from '../../sim/testing.ts'
import { deviceFit, imageSize, sniffImageType } from '../../src/photo/index.ts'

let t: TestServer
let session: string
beforeAll(async () => {
  t = await startTestServer({ photoMess: true })
  session = await t.login()
})
afterAll(() => t.close())

const get = (path: string) => t.call('GET', path, { session })

async function photos(): Promise<{ id: string; bytes: Buffer }[]> {
  const list = await get('/api/users?limit=0')
  const ids = (list.body.UserCollection.rows as { user_id: string; photo_exists: string }[])
    .filter((row) => row.photo_exists === 'true')
    .map((row) => row.user_id)
  return Promise.all(
    ids.map(async (id) => ({
      id,
      bytes: Buffer.from((await get(`/api/users/${id}`)).body.User.photo as string, 'base64'),
    })),
  )
}

describe('the realistic mess (photoMess)', () => {
  it('puts each kind of bad photo on the same users, and only there', async () => {
    const all = await photos()
    expect(all.length).toBeGreaterThan(30)
    const seen = new Map<string, string[]>()
    all.forEach(({ id, bytes }, k) => {
      const kind = messKind(k)
      seen.set(kind, [...(seen.get(kind) ?? []), id])
      const fit = deviceFit(bytes.toString('base64'))
      const size = imageSize(bytes)!
      const type = sniffImageType(bytes)
      if (kind === 'too-large') {
        expect(fit).toMatchObject({ kind: 'unfit', problems: ['too-large'] })
        expect(bytes.length).toBeGreaterThan(30_000)
        expect(bytes.length).toBeLessThan(300_000)
      } else if (kind === 'progressive') {
        expect(fit).toMatchObject({ kind: 'unfit', problems: ['not-baseline'] })
      } else if (kind === 'png') {
        expect(type).toBe('png')
        expect(fit).toMatchObject({ kind: 'unfit', problems: ['too-large', 'not-jpeg'] })
      } else {
        expect(fit.kind).toBe('ok')
        expect(Math.min(size.width, size.height)).toBe(kind === 'tiny' ? 64 : 240)
      }
    })
    expect(seen.get('too-large')!.length).toBeGreaterThanOrEqual(3)
    for (const kind of ['progressive', 'png', 'tiny', 'no-face', 'two-faces'])
      expect(seen.get(kind), kind).toHaveLength(1)
    // Every photo's bytes are its own, except the one pair of users sharing a photo.
    const counts = new Map<string, string[]>()
    for (const { id, bytes } of all) {
      const key = bytes.toString('base64')
      counts.set(key, [...(counts.get(key) ?? []), id])
    }
    const shared = [...counts.values()].filter((ids) => ids.length > 1)
    expect(shared).toEqual([seen.get('duplicate')])
  })

  it('seeds the same photos on every start', async () => {
    const again = await startTestServer({ photoMess: true })
    try {
      const s = await again.login()
      const a = await again.call('GET', '/api/users/5', { session: s })
      const b = await get('/api/users/5')
      expect(a.body.User.photo).toBe(b.body.User.photo)
    } finally {
      await again.close()
    }
  })
})

describe('GET /api/user_groups', () => {
  it('lists the groups with their user counts', async () => {
    const res = await get('/api/user_groups')
    expect(res.status).toBe(200)
    const rows = res.body.UserGroupCollection.rows as { id: string; name: string }[]
    expect(rows.map((r) => r.name)).toEqual([
      'All Users',
      'Engineering',
      'Front Office',
      'Facilities',
      'Visitors',
    ])
    expect(res.body.UserGroupCollection.total).toBe('5')
  })

  it('answers "Request is not supported" when the option turns it off', async () => {
    const off = await startTestServer({ userGroups: false })
    try {
      const res = await off.call('GET', '/api/user_groups', { session: await off.login() })
      expect(res.status).toBe(400)
      expect(res.body.Response.message).toBe('Request is not supported')
    } finally {
      await off.close()
    }
  })
})

describe('photoEvery', () => {
  it('gives every n-th person a photo in the generated directory', async () => {
    const big = await startTestServer({ userCount: 400, photoEvery: 4 })
    try {
      const s = await big.login()
      const res = await big.call('GET', '/api/users?limit=0', { session: s })
      const rows = res.body.UserCollection.rows as { photo_exists: string }[]
      expect(rows.filter((r) => r.photo_exists === 'true')).toHaveLength(100)
    } finally {
      await big.close()
    }
  })
})
