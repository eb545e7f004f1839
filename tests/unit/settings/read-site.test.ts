// What start makes of the site file: nothing to do without one, the checked file otherwise.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { readSiteSettings } from '@/settings/read-site.ts'

const api = vi.hoisted(() => ({
  SITE_FILE_TIMEOUT_MS: 3000,
  getSiteFile: vi.fn(),
}))
vi.mock('@/api/site-file.ts', () => api)

describe('readSiteSettings', () => {
  beforeEach(() => api.getSiteFile.mockReset())

  it('is null without a site file: the built-in defaults, nothing reported', async () => {
    api.getSiteFile.mockResolvedValue({ status: 404 })
    expect(await readSiteSettings()).toBeNull()
  })

  it('checks a file that came, and reports one that could not be read', async () => {
    api.getSiteFile.mockResolvedValue({ status: 200, text: '{"kiosk": true, "locked": ["kiosk"]}' })
    expect(await readSiteSettings()).toMatchObject({
      state: 'read',
      values: { kiosk: true },
      locked: ['kiosk'],
      problems: [],
    })
    api.getSiteFile.mockResolvedValue({ status: 0 })
    expect(await readSiteSettings()).toMatchObject({
      state: 'unreadable',
      problems: [{ code: 'unreadable', status: 0 }],
    })
  })

  it('gives up on a checker that does not load before the deadline', async () => {
    vi.resetModules()
    // A network that delivered the file but hangs on the checker's chunk.
    vi.doMock('@/settings/site-file.ts', () => new Promise(() => undefined))
    const { readSiteSettings: late } = await import('@/settings/read-site.ts')
    api.getSiteFile.mockResolvedValue({ status: 200, text: '{"kiosk": true}' })
    expect(await late(50)).toEqual({
      state: 'unreadable',
      values: {},
      locked: [],
      problems: [{ code: 'unreadable', status: 0 }],
    })
    vi.doUnmock('@/settings/site-file.ts')
  })
})
