// Fetching the site file at start: what each answer of the server means, and that start never
// waits longer than the timeout.
import { describe, expect, it, vi } from 'vitest'
import { getSiteFile } from '@/api/site-file.ts'

/** A fetch that answers `body`; its calls record the URL and options asked with. */
const answer = (body: string, init: ResponseInit) =>
  vi.fn<typeof fetch>(async () => new Response(body, init))

describe('getSiteFile', () => {
  it('asks for photo-desk.json below the base URL, revalidated with the server', async () => {
    const fetch = answer('{"kiosk":true}', { headers: { 'content-type': 'application/json' } })
    expect(await getSiteFile({ base: '/desk/', fetch })).toEqual({
      status: 200,
      text: '{"kiosk":true}',
    })
    expect(fetch.mock.calls[0]![0]).toBe('/desk/photo-desk.json')
    expect(fetch.mock.calls[0]![1]).toMatchObject({ cache: 'no-cache' })
  })

  it('takes a 404, or the app page a server answers for every path, for no file', async () => {
    expect(await getSiteFile({ fetch: answer('nope', { status: 404 }) })).toEqual({ status: 404 })
    const page = answer('<!doctype html>', { headers: { 'content-type': 'text/html' } })
    expect(await getSiteFile({ fetch: page })).toEqual({ status: 404 })
  })

  it('says what went wrong otherwise: the status, or 0 for no answer', async () => {
    expect(await getSiteFile({ fetch: answer('', { status: 502 }) })).toEqual({ status: 502 })
    const offline = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    expect(await getSiteFile({ fetch: offline })).toEqual({ status: 0 })
  })

  it('gives up after the timeout', async () => {
    const hanging = vi.fn(
      (_url: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        ),
    )
    const started = Date.now()
    expect(await getSiteFile({ fetch: hanging, timeoutMs: 50 })).toEqual({ status: 0 })
    expect(Date.now() - started).toBeLessThan(2000)
  })
})
