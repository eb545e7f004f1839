import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SUPPORT_LINK } from '../../sim/index.ts'
import { startTestServer } from '../../sim/testing.ts'
import type { Loose, TestServer } from '../../sim/testing.ts'

/** Every scalar in a BioStar reply is a JSON string; `allow` lists the known exceptions. */
function nonStringScalars(value: unknown, path = '', allow: string[] = []): string[] {
  if (Array.isArray(value))
    return value.flatMap((v, i) => nonStringScalars(v, `${path}[${i}]`, allow))
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      nonStringScalars(v, path ? `${path}.${k}` : k, allow),
    )
  }
  return typeof value === 'string' || allow.includes(path) ? [] : [`${path}=${String(value)}`]
}

let t: TestServer
let session: string
beforeAll(async () => {
  t = await startTestServer()
  session = await t.login()
})
afterAll(() => t.close())

const get = (path: string, s = session) => t.call('GET', path, { session: s })
const search = (json: unknown, query = '') =>
  t.call('POST', `/api/v2/users/search${query}`, { session, json })

describe('GET /api/users/:id', () => {
  it('returns the full record with the photo inline as raw base64', async () => {
    const res = await get('/api/users/4')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8')
    expect(res.body.Response).toEqual({ code: '0', link: SUPPORT_LINK, message: 'Success' })
    expect(res.body.httpResponseStatus).toBe(200)
    const user = res.body.User
    expect(user).toMatchObject({ user_id: '4', name: '김민준', photo_exists: 'true' })
    expect(user.photo).toMatch(/^\/9j\//)
    expect(Buffer.from(user.photo, 'base64').subarray(0, 3)).toEqual(
      Buffer.from([0xff, 0xd8, 0xff]),
    )
    for (const field of ['updated_count', 'last_modified', 'start_datetime', 'expiry_datetime']) {
      expect(user).toHaveProperty(field)
    }
    expect(user.credentials.visualFaces).toEqual([])
  })

  it('carries as many fingerprint templates and device faces as its counts say', async () => {
    const counts = { fingers: new Set<number>(), faces: new Set<number>() }
    for (let id = 4; id <= 15; id++) {
      const user = (await get(`/api/users/${id}`)).body.User
      const fingers = Number(user.fingerprint_template_count)
      counts.fingers.add(fingers)
      expect(user.fingerprint_templates, `user ${id}`).toHaveLength(fingers)
      for (const finger of user.fingerprint_templates) {
        expect(finger.finger_mask).toBe('false')
        // Two scans of one finger, each a 384-byte template (the device SDK's size).
        expect(Buffer.from(finger.template0, 'base64')).toHaveLength(384)
        expect(Buffer.from(finger.template1, 'base64')).toHaveLength(384)
        expect(finger.template0).not.toBe(finger.template1)
      }
      const faces = Number(user.face_count)
      counts.faces.add(faces)
      expect(user.credentials.faces, `user ${id}`).toHaveLength(faces)
      for (const face of user.credentials.faces) {
        expect(face.template_ex_normalized_image).toMatch(/^\/9j\//)
        expect(face.templates.map((x: Loose) => x.credential_bin_type)).toEqual(['5', '6'])
        expect(Buffer.from(face.templates[0].template_ex, 'base64')).toHaveLength(544)
      }
    }
    // The seeded people cover none, one and two fingers, with and without a face.
    expect([...counts.fingers].sort()).toEqual([0, 1, 2])
    expect([...counts.faces].sort()).toEqual([0, 1])
    // The same templates on every read; list rows carry none.
    const again = (await get('/api/users/5')).body.User.fingerprint_templates
    expect((await get('/api/users/5')).body.User.fingerprint_templates).toEqual(again)
    const rows = (await get('/api/users?limit=5')).body.UserCollection.rows
    for (const row of rows) expect(row).not.toHaveProperty('fingerprint_templates')
  })

  it('omits photo when there is none, or sends "" when configured', async () => {
    const res = await get('/api/users/1')
    expect(res.body.User.photo_exists).toBe('false')
    expect(res.body.User).not.toHaveProperty('photo')
    t.sim.options.photoWhenAbsent = 'empty'
    try {
      expect((await get('/api/users/1')).body.User.photo).toBe('')
    } finally {
      t.sim.options.photoWhenAbsent = 'omit'
    }
  })

  it('serialises every scalar as a string', async () => {
    for (const id of ['1', '2', '4', '7', '8']) {
      const res = await get(`/api/users/${id}`)
      expect(nonStringScalars(res.body, '', ['httpResponseStatus'])).toEqual([])
    }
    const list = await get('/api/users?limit=0')
    expect(nonStringScalars(list.body)).toEqual([])
    const v2 = await search({ limit: 10, offset: 0 })
    expect(nonStringScalars(v2.body, '', ['UserCollection.total'])).toEqual([])
  })

  it('has a disabled user, an expired user and Korean and English names', async () => {
    expect((await get('/api/users/7')).body.User.disabled).toBe('true')
    const expired = (await get('/api/users/8')).body.User
    expect(expired.expired).toBe('true')
    expect(Date.parse(expired.expiry_datetime)).toBeLessThan(Date.now())
    const names: string[] = (await get('/api/users')).body.UserCollection.rows.map(
      (r: Loose) => r.name,
    )
    expect(names).toContain('이서연')
    expect(names.some((n) => /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(n))).toBe(true)
  })

  it('answers 400 code 201 for an unknown user, or the configured status and code', async () => {
    const res = await get('/api/users/999999')
    expect(res.status).toBe(400)
    expect(res.body).toEqual({
      Response: { code: '201', link: SUPPORT_LINK, message: 'User not found.' },
    })
    Object.assign(t.sim.options, { notFoundStatus: 404, notFoundCode: '65675' })
    try {
      const other = await get('/api/users/999999')
      expect(other.status).toBe(404)
      expect(other.body.Response.code).toBe('65675')
    } finally {
      Object.assign(t.sim.options, { notFoundStatus: 400, notFoundCode: '201' })
    }
  })

  it('rejects invalid numeric ids with 400 and an envelope', async () => {
    for (const id of [
      '0',
      '000',
      'abc',
      '12a',
      '-5',
      '4294967295',
      '99999999999',
      '%E0%A4%A',
      '1.5',
    ]) {
      const res = await get(`/api/users/${id}`)
      expect(res.status, id).toBe(400)
      expect(res.body.Response.code, id).not.toBe('0')
      expect(res.body.Response.link).toBe(SUPPORT_LINK)
    }
    expect((await get('/api/users/4294967294')).status).toBe(200)
  })
})

describe('alphanumeric ids', () => {
  it('decodes the id from the path and applies the alphanumeric rules', async () => {
    const a = await startTestServer({ idType: 'alphanumeric' })
    try {
      const s = await a.login()
      const res = await a.call('GET', '/api/users/EMP-0042', { session: s })
      expect(res.body.User.user_id).toBe('EMP-0042')
      a.sim.addUser({ user_id: 'visitor_9', name: 'Guest Nine' })
      expect((await a.call('GET', '/api/users/visitor%5F9', { session: s })).status).toBe(200)
      for (const bad of ['a%20b', 'x'.repeat(33), 'dot.ted', '%C3%A9']) {
        expect((await a.call('GET', `/api/users/${bad}`, { session: s })).status, bad).toBe(400)
      }
    } finally {
      await a.close()
    }
  })
})

describe('GET /api/users', () => {
  it('pages by limit and offset with total as a string', async () => {
    const all = (await get('/api/users')).body.UserCollection
    expect(all.total).toBe('60')
    expect(all.rows).toHaveLength(60)
    const ids: string[] = []
    for (let offset = 0; offset < 100; offset += 25) {
      const page = (await get(`/api/users?limit=25&offset=${offset}`)).body.UserCollection
      expect(page.total).toBe('60')
      ids.push(...page.rows.map((r: Loose) => r.user_id))
      if (page.rows.length < 25) break
    }
    expect(ids).toEqual(all.rows.map((r: Loose) => r.user_id))
    // Numeric order, not text order.
    expect(ids.slice(0, 3)).toEqual(['1', '2', '3'])
    expect(ids.slice(-4)).toEqual(['57', '1000', '20240001', '4294967294'])
  })

  it('never includes the photo, but always photo_exists', async () => {
    const rows = (await get('/api/users?limit=0')).body.UserCollection.rows
    for (const row of rows) {
      expect(row).not.toHaveProperty('photo')
      expect(['true', 'false']).toContain(row.photo_exists)
    }
    expect(rows.filter((r: Loose) => r.photo_exists === 'true').length).toBeGreaterThan(10)
  })

  it('filters by group (1 = All Users), orders on request and rejects malformed numbers', async () => {
    expect((await get('/api/users?group_id=1')).body.UserCollection.total).toBe('60')
    const group = (await get('/api/users?group_id=1003')).body.UserCollection
    expect(Number(group.total)).toBeGreaterThan(5)
    expect(group.rows.every((r: Loose) => r.user_group_id.id === '1003')).toBe(true)
    const desc = (await get('/api/users?limit=2&order_by=user_id:true')).body.UserCollection.rows
    expect(desc.map((r: Loose) => r.user_id)).toEqual(['4294967294', '20240001'])
    expect((await get('/api/users?limit=ten')).status).toBe(400)
  })
})

describe('POST /api/v2/users/search', () => {
  it('pages to total (a number by default) and ignores ?noblockui', async () => {
    const seen: string[] = []
    let total = Infinity
    for (let offset = 0; offset < total && seen.length < 200;) {
      const res = await search({ limit: 16, offset }, '?noblockui')
      expect(res.status).toBe(200)
      total = res.body.UserCollection.total
      expect(typeof total).toBe('number')
      const rows = res.body.UserCollection.rows
      expect(Object.keys(rows[0]).sort()).toEqual(
        [
          'card_count',
          'disabled',
          'expired',
          'face_count',
          'fingerprint_template_count',
          'name',
          'photo_exists',
          'user_group_id',
          'user_id',
          'visual_face_count',
        ].sort(),
      )
      seen.push(...rows.map((r: Loose) => r.user_id))
      offset += rows.length
    }
    expect(total).toBe(60)
    expect(new Set(seen).size).toBe(60)
  })

  it('filters by user_id_list and user_group_id_list, numbers or strings', async () => {
    const byId = (await search({ limit: 10, offset: 0, user_id_list: [4, '6', '999'] })).body
    expect(byId.UserCollection.total).toBe(2)
    expect(byId.UserCollection.rows.map((r: Loose) => r.user_id)).toEqual(['4', '6'])
    const byGroup = (await search({ limit: 0, user_group_id_list: [1002] })).body.UserCollection
    expect(byGroup.rows.every((r: Loose) => r.user_group_id.id === '1002')).toBe(true)
    expect(byGroup.total).toBe(byGroup.rows.length)
  })

  it('ignores search_text unless v2SearchText is on; total type is configurable', async () => {
    const ignored = await search({ limit: 5, search_text: '김민준' })
    expect(ignored.body.UserCollection.total).toBe(60)
    Object.assign(t.sim.options, { v2SearchText: true, v2TotalType: 'string' })
    try {
      const found = await search({ limit: 5, search_text: 'OLIVIA' })
      expect(found.body.UserCollection.total).toMatch(/^[1-9]\d*$/)
      for (const row of found.body.UserCollection.rows) expect(row.name).toMatch(/olivia/i)
    } finally {
      Object.assign(t.sim.options, { v2SearchText: false, v2TotalType: 'number' })
    }
  })

  it('rejects a non-JSON body', async () => {
    const res = await t.call('POST', '/api/v2/users/search', { session, body: '{limit:' })
    expect(res.status).toBe(400)
    expect(res.body.Response.code).not.toBe('0')
  })
})

describe('security headers', () => {
  const SECURITY = {
    'x-frame-options': 'SAMEORIGIN',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  }
  const headersOf = (res: { headers: Headers }) =>
    Object.fromEntries(Object.keys(SECURITY).map((name) => [name, res.headers.get(name)]))

  it('come with every answer, as BioStar 2.9.12+ sends them, and can be turned off', async () => {
    const answers = [
      await get('/api/users/4'),
      await get('/api/users/4', 'not-a-session'),
      await t.call('POST', '/api/login', { json: { User: { login_id: 'admin', password: 'x' } } }),
      await t.call('GET', '/api/doors', { session }),
      await t.call('POST', '/api/login', { body: 'x'.repeat(70_000) }),
    ]
    expect(answers.map((a) => a.status)).toEqual([200, 401, 400, 400, 413])
    for (const res of answers) expect(headersOf(res)).toEqual(SECURITY)
    t.sim.options.securityHeaders = false
    try {
      const older = await get('/api/users/4')
      expect(headersOf(older)).toEqual({
        'x-frame-options': null,
        'x-content-type-options': null,
        'cache-control': null,
      })
    } finally {
      t.sim.options.securityHeaders = true
    }
  })
})

describe('other paths', () => {
  it('answers "Request is not supported" for unknown paths and methods, without CORS headers', async () => {
    for (const [method, path] of [
      ['GET', '/api/doors/1/open'],
      ['DELETE', '/api/users/4'],
      ['POST', '/api/users/4'],
      ['OPTIONS', '/api/users/4'],
      ['GET', '/api'],
    ]) {
      const res = await t.call(method as string, path as string, { session })
      expect(res.status, `${method} ${path}`).toBe(400)
      expect(res.body.Response).toMatchObject({ code: '103', message: 'Request is not supported' })
      expect([...res.headers.keys()].filter((h) => h.startsWith('access-control'))).toEqual([])
    }
  })

  it('suggests the next free user id', async () => {
    const res = await get('/api/users/next_user_id')
    expect(res.body.User).toEqual({ user_id: '58' })
  })

  it('records requests with status, session header and parsed body', async () => {
    await search({ limit: 1, offset: 0 }, '?noblockui')
    const last = t.sim.requests.at(-1)
    expect(last).toMatchObject({
      method: 'POST',
      path: '/api/v2/users/search',
      query: 'noblockui',
      status: 200,
      headers: { 'bs-session-id': session },
      body: { limit: 1, offset: 0 },
    })
  })
})

describe('as middleware', () => {
  it('answers /api itself and hands every other path to next()', async () => {
    const server = createServer((req, res) =>
      t.sim.handle(req, res, () => {
        res.writeHead(200, { 'Content-Type': 'text/plain' })
        res.end('next')
      }),
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    try {
      expect(await (await fetch(`${base}/index.html`)).text()).toBe('next')
      expect(await (await fetch(`${base}/apis`)).text()).toBe('next')
      const api = await fetch(`${base}/api/users/1`)
      expect(api.status).toBe(401)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
