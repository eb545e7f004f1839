import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSimulator } from '../../sim/index.ts'
import { writeAtomic } from '../../sim/persist.ts'
import { startTestServer } from '../../sim/testing.ts'

const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'photo-desk-sim-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('dataFile persistence', () => {
  it('survives a restart and leaves no temp file behind', async () => {
    const dataFile = join(dir, 'state.json')
    const first = await startTestServer({ dataFile })
    const session = await first.login()
    const put = (id: string, user: unknown) =>
      first.call('PUT', `/api/users/${id}`, { session, json: { User: user } })
    expect((await put('5', { name: 'Persisted Name' })).status).toBe(200)
    expect((await put('6', { photo: PNG_1PX })).status).toBe(200)
    expect((await put('4', { photo: '' })).status).toBe(200)
    const lastModified = first.sim.getUser('4')?.last_modified
    await first.close()
    expect(readdirSync(dir)).toEqual(['state.json'])

    const second = await startTestServer({ dataFile })
    try {
      const s = await second.login()
      const get = async (id: string) =>
        (await second.call('GET', `/api/users/${id}`, { session: s })).body.User
      expect((await get('5')).name).toBe('Persisted Name')
      expect((await get('6')).photo).toBe(PNG_1PX)
      expect(await get('4')).toMatchObject({ photo_exists: 'false', last_modified: lastModified })
      // Untouched seeded photos come back too (stored once, referenced by index).
      expect((await get('9')).photo).toMatch(/^\/9j\//)
      // Sessions do not survive a restart, as on a real server.
      const stale = await second.call('GET', '/api/users/5', { session })
      expect(stale.status).toBe(401)
    } finally {
      await second.close()
    }
  })

  it('keeps the file valid JSON after every change when writing immediately', async () => {
    const dataFile = join(dir, 'state.json')
    const t = await startTestServer({ dataFile, persistDebounceMs: 0 })
    try {
      const session = await t.login()
      for (let i = 0; i < 10; i++) {
        const json = { User: { name: `Name ${i}` } }
        expect((await t.call('PUT', '/api/users/5', { session, json })).status).toBe(200)
        const saved = JSON.parse(readFileSync(dataFile, 'utf8'))
        expect(saved.users.find((u: { user_id: string }) => u.user_id === '5').name).toBe(
          `Name ${i}`,
        )
        expect(readdirSync(dir)).toEqual(['state.json'])
      }
    } finally {
      await t.close()
    }
  })

  it('writes atomically: a failed rename keeps the old file and removes the temp file', () => {
    const target = join(dir, 'state.json')
    writeAtomic(target, '{"old":true}')
    // Renaming onto a non-empty directory fails after the temp file was fully written.
    const occupied = join(dir, 'occupied')
    mkdirSync(occupied)
    writeFileSync(join(occupied, 'file'), '')
    expect(() => writeAtomic(occupied, '{}')).toThrow()
    expect(readFileSync(target, 'utf8')).toBe('{"old":true}')
    expect(readdirSync(dir).sort()).toEqual(['occupied', 'state.json'])
  })

  it('ignores a temp file left by a crash mid-write', async () => {
    const dataFile = join(dir, 'state.json')
    const first = createSimulator({ dataFile, persistDebounceMs: 0 })
    first.addUser({ user_id: '5000', name: 'Saved before the crash' })
    await first.close()
    writeFileSync(join(dir, '.state.json.999.1.tmp'), '{"version":1,"users":[{"user_')
    const second = createSimulator({ dataFile })
    expect(second.getUser('5000')?.name).toBe('Saved before the crash')
    await second.close()
  })

  it('refuses to start from a corrupt file instead of overwriting it', () => {
    const dataFile = join(dir, 'state.json')
    writeFileSync(dataFile, '{"version":1,"users":[')
    expect(() => createSimulator({ dataFile })).toThrow(/not valid JSON/)
    expect(readFileSync(dataFile, 'utf8')).toBe('{"version":1,"users":[')
  })
})

describe('20,000 generated users', () => {
  it('starts quickly and pages completely through both list endpoints', async () => {
    const started = Date.now()
    const t = await startTestServer({ userCount: 20_000 })
    expect(Date.now() - started).toBeLessThan(2_000)
    try {
      const session = await t.login()
      const ids = new Set<string>()
      let previous = 0
      for (let offset = 0, pages = 0; pages < 30; pages++) {
        const res = await t.call('GET', `/api/users?limit=1000&offset=${offset}`, { session })
        const { total, rows } = res.body.UserCollection
        expect(total).toBe('20000')
        for (const row of rows) {
          expect(Number(row.user_id)).toBeGreaterThan(previous)
          previous = Number(row.user_id)
          ids.add(row.user_id)
        }
        offset += rows.length
        if (offset >= Number(total) || rows.length === 0) break
      }
      expect(ids.size).toBe(20_000)

      let seen = 0
      for (let offset = 0, pages = 0; pages < 30; pages++) {
        const json = { limit: 2500, offset }
        const res = await t.call('POST', '/api/v2/users/search?noblockui', { session, json })
        const { total, rows } = res.body.UserCollection
        expect(total).toBe(20_000)
        seen += rows.length
        offset += rows.length
        if (offset >= total || rows.length === 0) break
      }
      expect(seen).toBe(20_000)
      const last = (await t.call('GET', '/api/users/20000', { session })).body.User
      expect(last.user_id).toBe('20000')
      expect(['true', 'false']).toContain(last.photo_exists)
    } finally {
      await t.close()
    }
  })
})
