import jpeg from 'jpeg-js'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_VIEWER, SUPPORT_LINK } from '../../sim/index.ts'
import { startTestServer } from '../../sim/testing.ts'
import type { TestServer } from '../../sim/testing.ts'

const SUCCESS = { Response: { code: '0', link: SUPPORT_LINK, message: 'Success' } }

function jpegBase64(width: number, height: number, quality = 80): string {
  const data = Buffer.alloc(width * height * 4)
  // Noise defeats JPEG compression, which makes "too large" photos cheap to build.
  for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24
  return jpeg.encode({ data, width, height }, quality).data.toString('base64')
}

const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

let t: TestServer
let session: string
beforeAll(async () => {
  t = await startTestServer()
})
beforeEach(async () => {
  t.sim.reset()
  session = await t.login()
})
afterAll(() => t.close())

const put = (id: string, user: unknown, s = session) =>
  t.call('PUT', `/api/users/${id}`, { session: s, json: { User: user } })
const getUser = async (id: string) =>
  (await t.call('GET', `/api/users/${id}`, { session })).body.User

describe('PUT /api/users/:id', () => {
  it('merges only the supplied fields and bumps updated_count and last_modified', async () => {
    const before = await getUser('5')
    const res = await put('5', { email: 'new@example.com', disabled: false, security_level: 2 })
    expect(res.status).toBe(200)
    expect(res.body).toEqual(SUCCESS)
    const after = await getUser('5')
    expect(after).toMatchObject({
      email: 'new@example.com',
      disabled: 'false',
      security_level: '2',
      name: before.name,
      phone: before.phone,
      photo: before.photo,
      updated_count: String(Number(before.updated_count) + 1),
    })
    expect(Number(after.last_modified)).toBeGreaterThan(60)

    await put('6', { disabled: 'true' })
    const other = await getUser('6')
    expect(other.disabled).toBe('true')
    expect(Number(other.last_modified)).toBe(Number(after.last_modified) + 1)
    // last_modified filter on the list sees exactly the two changed users.
    const changed = await t.call('GET', `/api/users?last_modified=${after.last_modified}`, {
      session,
    })
    expect(changed.body.UserCollection.rows.map((r: { user_id: string }) => r.user_id)).toEqual([
      '5',
      '6',
    ])
  })

  it('accepts a user_id that matches the path, as number or string, and refuses a different one', async () => {
    expect((await put('9', { user_id: 9, name: 'Nine' })).status).toBe(200)
    expect((await put('9', { user_id: '9', name: 'Nine' })).status).toBe(200)
    const res = await put('9', { user_id: '10', name: 'Ten' })
    expect(res.status).toBe(400)
    expect((await getUser('9')).name).toBe('Nine')
  })

  it('changes the group by id and validates fields', async () => {
    expect((await put('9', { user_group_id: { id: 1004 } })).status).toBe(200)
    expect((await getUser('9')).user_group_id).toEqual({ id: '1004', name: 'Facilities' })
    for (const bad of [
      { user_group_id: { id: '777' } },
      { disabled: 'maybe' },
      { name: 'x'.repeat(49) },
      { start_datetime: 'yesterday' },
      { start_datetime: '2040-01-01T00:00:00.00Z' },
    ]) {
      const res = await put('9', bad)
      expect(res.status, JSON.stringify(bad)).toBe(400)
      expect(res.body.Response.code).not.toBe('0')
    }
  })

  it('sets and removes the photo, counting photo PUTs per user', async () => {
    const photo = jpegBase64(120, 160)
    expect((await put('6', { photo })).status).toBe(200)
    const withPhoto = await getUser('6')
    expect(withPhoto.photo).toBe(photo)
    expect(withPhoto.photo_exists).toBe('true')
    expect(t.sim.getUser('6')?.photo).toBe(photo)

    expect((await put('6', { photo: PNG_1PX })).status).toBe(200)
    expect(await put('6', { photo: '' })).toMatchObject({ status: 200, body: SUCCESS })
    const removed = await getUser('6')
    expect(removed.photo_exists).toBe('false')
    expect(removed).not.toHaveProperty('photo')
    expect(t.sim.putCount('6')).toBe(3)
    expect(t.sim.putCount('5')).toBe(0)
    await put('6', { name: 'No photo change' })
    expect(t.sim.putCount('6')).toBe(3)
    expect(t.sim.stats.puts).toBe(4)
  })

  it('rejects photos that are not raw base64 JPEG or PNG, saying what is wrong', async () => {
    const jpegPhoto = jpegBase64(8, 8)
    const cases: [string, unknown, RegExp][] = [
      ['data: prefix', `data:image/jpeg;base64,${jpegPhoto}`, /data:/],
      ['not base64', '!!not base64!!', /base64/],
      ['bad padding', jpegPhoto.slice(0, -1), /base64/],
      ['text bytes', Buffer.from('hello, I am not a picture').toString('base64'), /JPEG or PNG/],
      ['GIF bytes', Buffer.from('GIF89a\x01\x00\x01\x00').toString('base64'), /GIF/],
      ['a number', 12345, /base64/],
    ]
    for (const [label, photo, message] of cases) {
      const res = await put('4', { photo })
      expect(res.status, label).toBe(400)
      expect(res.body.Response.code, label).toBe('65675')
      expect(res.body.Response.message, label).toMatch(message)
    }
    expect((await getUser('4')).photo_exists).toBe('true')
    expect(t.sim.putCount('4')).toBe(0)
    t.sim.options.badPhotoCode = '777'
    expect((await put('4', { photo: 'x' })).body.Response.code).toBe('777')
  })

  it('refuses base64 with line breaks or spaces, unless base64Whitespace is accept', async () => {
    const photo = jpegBase64(40, 40)
    const mime = photo.replace(/.{76}/g, '$&\r\n')
    const spaced = photo.replace(/.{100}/g, '$& ')
    const before = (await getUser('4')).photo
    for (const [label, value] of [
      ['MIME line breaks', mime],
      ['bare \\n', photo.replace(/.{64}/g, '$&\n')],
      ['spaces', spaced],
      ['trailing newline', `${photo}\n`],
    ]) {
      const res = await put('4', { photo: value })
      expect(res.status, label).toBe(400)
      expect(res.body.Response.code, label).toBe('65675')
      expect(res.body.Response.message, label).toMatch(/line breaks or spaces/)
    }
    expect((await getUser('4')).photo).toBe(before)
    expect(t.sim.putCount('4')).toBe(0)

    t.sim.options.base64Whitespace = 'accept'
    expect((await put('4', { photo: mime })).status).toBe(200)
    // Stored and sent back without the whitespace.
    expect((await getUser('4')).photo).toBe(photo)
    expect((await put('5', { photo: spaced })).status).toBe(200)
    expect((await getUser('5')).photo).toBe(photo)
  })

  it('limits photos to 16,384 bytes in deviceSafe mode', async () => {
    const big = jpegBase64(200, 200, 95)
    expect(Buffer.from(big, 'base64').length).toBeGreaterThan(16_384)
    expect((await put('4', { photo: big })).status).toBe(200)
    t.sim.options.deviceSafe = true
    const res = await put('5', { photo: big })
    expect(res.status).toBe(400)
    expect(res.body.Response.message).toMatch(/16384 bytes/)
    expect((await put('5', { photo: jpegBase64(48, 48) })).status).toBe(200)
  })

  it('gives the read-only viewer 403 code 20 and leaves the user unchanged', async () => {
    const viewer = await t.login(DEMO_VIEWER)
    expect((await t.call('GET', '/api/users/4', { session: viewer })).status).toBe(200)
    const res = await put('4', { name: 'Hacked' }, viewer)
    expect(res.status).toBe(403)
    expect(res.body).toEqual({
      Response: { code: '20', link: SUPPORT_LINK, message: 'Permission denied.' },
    })
    expect((await getUser('4')).name).toBe('김민준')
  })

  it('answers unknown users, invalid ids, a missing wrapper and bad JSON with 400', async () => {
    const missing = await put('424242', { name: 'x' })
    expect(missing.status).toBe(400)
    expect(missing.body.Response.code).toBe('201')
    expect((await put('abc', { name: 'x' })).status).toBe(400)
    const bare = await t.call('PUT', '/api/users/4', { session, json: { name: 'x' } })
    expect(bare.status).toBe(400)
    const text = await t.call('PUT', '/api/users/4', { session, body: 'name=x' })
    expect(text.status).toBe(400)
    expect(text.body.Response.message).toMatch(/JSON/)
  })

  it('takes photo-sized bodies up to 20 MiB and answers 413 beyond, in the envelope', async () => {
    // A 10 MB picture is about 14 MB as base64: read, and refused for what it is, not its size.
    const large = await put('4', { photo: 'A'.repeat(14 * 1024 * 1024) })
    expect(large.status).toBe(400)
    expect(large.body.Response.message).toMatch(/JPEG or PNG/)
    const res = await put('4', { photo: 'A'.repeat(21 * 1024 * 1024) })
    expect(res.status).toBe(413)
    expect(res.body).toEqual({
      Response: { code: '65675', link: SUPPORT_LINK, message: 'The request body is too large.' },
    })
    expect(t.sim.requests.at(-1)).toMatchObject({ status: 413, body: undefined })
  })
})

describe('test controls', () => {
  it('addUser, setPhoto and getUser work without HTTP', async () => {
    const added = t.sim.addUser({ user_id: '777', name: 'Added', user_group_id: '1002' })
    expect(added.user_group_id).toEqual({ id: '1002', name: 'Engineering' })
    expect((await getUser('777')).name).toBe('Added')
    t.sim.setPhoto('777', PNG_1PX)
    expect((await getUser('777')).photo).toBe(PNG_1PX)
    t.sim.setPhoto('777', null)
    expect(t.sim.getUser('777')?.photo_exists).toBe('false')
    expect(() => t.sim.addUser({ user_id: '0', name: 'Zero' })).toThrow()
  })
})
