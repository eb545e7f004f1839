// The installable app in real Chromium, on the production build: the manifest and its icons, the
// service worker that caches the shell, the app opening offline, BioStar's API never answered
// from a cache, the site settings file kept for offline starts (network first), and not one
// request to another origin.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { newTestContext } from '../helpers/chromium.ts'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { signInOn } from '../helpers/desk-page.ts'
import { startApp } from '../helpers/app-server.ts'
import { E2E_OUT_DIR } from './global-setup.ts'

interface ManifestIcon {
  src: string
  sizes: string
  type: string
  purpose?: string
}

const suite = useBrowserSuite({
  fakeCamera: false,
  scratch: 'photo-desk-pwa-',
  app: ({ dir }) => startApp({ siteFile: join(dir, 'photo-desk.json') }),
})
const writeSiteFile = (maxBytes: number) =>
  writeFileSync(join(suite.dir, 'photo-desk.json'), JSON.stringify({ maxBytes }))
const budgetRow = (page: Page) =>
  page.getByTestId('diag-setting-maxBytes').locator('dd').innerText()

/** Opens the app and waits until its service worker controls the page. */
async function controlledPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage()
  await page.goto(suite.app.url)
  await page.getByLabel('Login ID').waitFor()
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, {
    timeout: 20_000,
  })
  return page
}

/** The largest file of the build (the same-person check's model): cached at first use. */
const MODEL = '/models/face/face_recognition_model.bin'

/** Bytes of the model as a dedicated worker fetches it (the face worker loads it so), or -status. */
const modelFromWorker = (page: Page) =>
  page.evaluate(async (path) => {
    const url = new URL(path, location.href).href
    const source = `fetch(${JSON.stringify(url)}).then(r => r.ok ? r.arrayBuffer().then(b => b.byteLength) : -r.status, () => -1).then(postMessage)`
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })))
    const bytes = await new Promise<number>(
      (resolve) => (worker.onmessage = (e) => resolve(e.data)),
    )
    worker.terminate()
    return bytes
  }, MODEL)

/** Paths of everything in the service worker's caches. */
const cachedPaths = (page: Page) =>
  page.evaluate(async () => {
    const paths: string[] = []
    for (const name of await caches.keys()) {
      const cache = await caches.open(name)
      for (const request of await cache.keys()) paths.push(new URL(request.url).pathname)
    }
    return paths
  })

describe('installable app', () => {
  it('serves a valid web app manifest whose icons load at their stated sizes', async () => {
    const { context, pageErrors } = await newTestContext(suite.browser)
    const page = await context.newPage()
    await page.goto(suite.app.url)
    const found = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')
      if (!link) return null
      const response = await fetch(link.href)
      const manifest = await response.json()
      const icons = await Promise.all(
        (manifest.icons as ManifestIcon[]).map(async (icon) => {
          const r = await fetch(new URL(icon.src, link.href))
          const bitmap = await createImageBitmap(await r.blob())
          return {
            ...icon,
            status: r.status,
            contentType: r.headers.get('content-type'),
            actual: `${bitmap.width}x${bitmap.height}`,
          }
        }),
      )
      const themeMeta = document.querySelector<HTMLMetaElement>('meta[name="theme-color"]')
      return { status: response.status, manifest, icons, themeColor: themeMeta?.content }
    })
    expect(found, 'index.html links a manifest').not.toBeNull()
    const { status, manifest, icons, themeColor } = found!
    expect(status).toBe(200)
    expect(manifest).toMatchObject({
      name: 'Photo Desk',
      short_name: expect.any(String),
      start_url: '/',
      display: 'standalone',
      theme_color: '#1f4e79',
      background_color: '#1f4e79',
    })
    expect(themeColor).toBe(manifest.theme_color)
    for (const icon of icons) {
      expect(icon.status, icon.src).toBe(200)
      expect(icon.contentType, icon.src).toContain('image/png')
      expect(icon.actual, icon.src).toBe(icon.sizes)
    }
    const has = (size: string, purpose: string) =>
      icons.some((i) => i.sizes === size && (i.purpose ?? 'any').split(' ').includes(purpose))
    for (const size of ['192x192', '512x512']) {
      expect(has(size, 'any'), `${size} any`).toBe(true)
      expect(has(size, 'maskable'), `${size} maskable`).toBe(true)
    }

    // Chromium's own reading of it: no parse errors, and installable once the worker runs.
    const cdp = await context.newCDPSession(page)
    const parsed = (await cdp.send('Page.getAppManifest')) as { errors: unknown[] }
    expect(parsed.errors).toEqual([])
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, {
      timeout: 20_000,
    })
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[]
    }
    // Test browser contexts are incognito-like; that is the browser's business, not the app's.
    expect(
      installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito'),
    ).toEqual([])
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('the service worker controls the page and has cached the shell, and never an API answer', async () => {
    const { context, pageErrors } = await newTestContext(suite.browser)
    const apiFromWorker: boolean[] = []
    context.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api')) apiFromWorker.push(r.fromServiceWorker())
    })
    const page = await controlledPage(context)
    const worker = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration()
      return { scope: registration?.scope, script: registration?.active?.scriptURL }
    })
    expect(worker).toEqual({ scope: `${suite.app.url}/`, script: `${suite.app.url}/sw.js` })

    // Sign in and work a little: these answers must come from BioStar, never from a cache.
    await signInOn(page)
    await page.getByLabel('User ID').waitFor()
    await page.reload()
    await page.getByLabel('User ID').waitFor()
    expect(apiFromWorker.length).toBeGreaterThan(0)
    expect(apiFromWorker.every((fromWorker) => !fromWorker)).toBe(true)

    const paths = await cachedPaths(page)
    const entry = readFileSync(new URL(`../../${E2E_OUT_DIR}/index.html`, import.meta.url), 'utf8')
    const shell = [...entry.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!)
    expect(shell.length).toBeGreaterThan(0)
    for (const path of ['/index.html', '/manifest.webmanifest', '/icons/icon-192.png', ...shell])
      expect(paths, path).toContain(path)
    expect(paths.some((p) => p.endsWith('.js') && p.includes('DiagnosticsView'))).toBe(true)
    expect(paths.filter((p) => p.startsWith('/api') || p.startsWith('/__photo-desk'))).toEqual([])
    // The 6.4 MB face recognition model is not fetched on install (a tablet on a slow line).
    expect(paths).not.toContain(MODEL)
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('opens offline from the cache; signing in then says the network is down; no other origin', async () => {
    const { context, requests, pageErrors } = await newTestContext(suite.browser)
    writeSiteFile(12_000)
    const page = await controlledPage(context)
    // The site file changed: the next start takes it, though the worker has a copy.
    writeSiteFile(11_000)
    await page.goto(`${suite.app.url}/diagnostics`)
    await expect.poll(() => budgetRow(page)).toBe('11,000 · site')
    await page.goto(suite.app.url)
    await page.getByLabel('Login ID').waitFor()
    const loginsBefore = suite.app.sim.stats.logins + suite.app.sim.stats.failedLogins
    // The same-person check's model, used once online (from the face worker, as the desk does).
    const modelBytes = readFileSync(new URL(`../../${E2E_OUT_DIR}${MODEL}`, import.meta.url)).length
    expect(await modelFromWorker(page)).toBe(modelBytes)

    // Offline for real: the browser's network is cut and the server is gone.
    await context.setOffline(true)
    await suite.app.close()
    const response = await page.reload()
    expect(response?.fromServiceWorker()).toBe(true)
    await page.getByLabel('Login ID').waitFor()

    // A deep link to a screen loaded on demand opens too.
    await page.goto(`${suite.app.url}/diagnostics`)
    await page.getByRole('heading', { name: 'Diagnostics', level: 1 }).waitFor()
    // The site's settings came along: the worker's copy of the file.
    expect(await budgetRow(page)).toBe('11,000 · site')
    // And the face recognition model, cached at its first use.
    expect(await modelFromWorker(page)).toBe(modelBytes)

    await page.goto(`${suite.app.url}/sign-in`)
    await signInOn(page)
    const alert = page.getByRole('alert').filter({ hasText: /offline|cannot be reached/ })
    await expect.poll(() => alert.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    expect(await page.getByLabel('User ID').count()).toBe(0)
    expect(suite.app.sim.stats.logins + suite.app.sim.stats.failedLogins).toBe(loginsBefore)

    const foreign = requests.filter(
      (url) => !/^(data|blob):/.test(url) && new URL(url).origin !== suite.app.url,
    )
    expect(foreign).toEqual([])
    expect(pageErrors).toEqual([])
    await context.close()
  })
})
