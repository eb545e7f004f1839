// `npm run preview` / `npm run dev` serve the site settings file as nginx does: the file named by
// SITE_SETTINGS (else the one in the served folder), read at each request, `no-cache`, and a
// plain 404 without one.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { siteSettings } from '../../../server/site-settings.ts'

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

/** The plugin's preview middleware, for `outDir` below a fresh root. */
function preview(options: Parameters<typeof siteSettings>[0], base = '/') {
  const root = mkdtempSync(join(tmpdir(), 'photo-desk-site-plugin-'))
  dirs.push(root)
  const plugin = siteSettings(options)
  let handler: Handler | undefined
  const logged: string[] = []
  ;(plugin.configResolved as (c: unknown) => void)({ base, root })
  ;(plugin.configurePreviewServer as (s: unknown) => void)({
    middlewares: { use: (fn: Handler) => (handler = fn) },
    config: { root, build: { outDir: 'dist' }, logger: { info: (m: string) => logged.push(m) } },
  })
  async function get(url: string, method = 'GET') {
    return new Promise<{ status: number; headers: Record<string, string>; body: string } | 'next'>(
      (resolve) => {
        const res = {
          status: 0,
          headers: {} as Record<string, string>,
          writeHead(status: number, headers: Record<string, string>) {
            this.status = status
            this.headers = headers
          },
          end(body?: Buffer | string) {
            resolve({ status: this.status, headers: this.headers, body: body ? String(body) : '' })
          },
        }
        handler!({ url, method } as IncomingMessage, res as unknown as ServerResponse, () =>
          resolve('next'),
        )
      },
    )
  }
  return { root, get, logged }
}

describe('siteSettings (dev and preview)', () => {
  it('serves the SITE_SETTINGS file, read again at each request, revalidated every time', async () => {
    const { root, get, logged } = preview({ file: 'site.json' })
    expect((await get('/photo-desk.json')) as object).toMatchObject({
      status: 404,
      headers: { 'Cache-Control': 'no-cache' },
    })
    writeFileSync(join(root, 'site.json'), '{"kiosk": true}')
    expect(await get('/photo-desk.json?x=1')).toEqual({
      status: 200,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' },
      body: '{"kiosk": true}',
    })
    expect(logged.join('\n')).toContain(join(root, 'site.json'))
  })

  it("falls back to the served folder's photo-desk.json", async () => {
    const { root, get } = preview({ file: '' })
    expect(await get('/photo-desk.json')).toMatchObject({ status: 404 })
    mkdirSync(join(root, 'dist'))
    writeFileSync(join(root, 'dist', 'photo-desk.json'), '{}')
    expect(await get('/photo-desk.json')).toMatchObject({ status: 200, body: '{}' })
  })

  it('leaves every other path, and other methods, alone; follows the base URL', async () => {
    const { get } = preview({ file: 'none.json' }, '/desk/')
    expect(await get('/photo-desk.json')).toBe('next')
    expect(await get('/desk/photo-desk.jsonx')).toBe('next')
    expect(await get('/desk/photo-desk.json', 'POST')).toBe('next')
    expect(await get('/desk/photo-desk.json')).toMatchObject({ status: 404 })
  })
})
