// A redeploy does not break open tabs: a tab opened on the old build keeps loading its screens and
// dialogs (from the service worker's copy of the old build, the server has only the new one),
// is offered the new version without being reloaded, and the old copy goes once no tab runs it.
// Two builds: dist-test/ (global-setup) as the new one, and the same source with a marker on
// every script as the old one, so that every script has another name.
import { cpSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { buildApp, E2E_OUT_DIR, ROOT, startApp } from '../helpers/app-server.ts'
import { newTestContext } from '../helpers/chromium.ts'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { signInOn } from '../helpers/desk-page.ts'
import { DEMO_OPERATOR } from '../../sim/index.ts'

/** The largest file of the build: cached on first use, not on install. */
const MODEL = '/models/face/face_recognition_model.bin'

/** The folders: `served` is what the server serves, the others are the builds to copy there. */
const folders = (dir: string) => ({
  served: join(dir, 'served'),
  old: join(dir, 'old'),
  next: join(dir, 'next'),
})

/** A deployment as `rsync -a --delete dist/ /var/www/photo-desk/` makes it: old files gone. */
function deploy(from: string, to: string) {
  for (const name of readdirSync(to)) rmSync(join(to, name), { recursive: true, force: true })
  cpSync(from, to, { recursive: true })
}

const scripts = (build: string) =>
  readdirSync(join(build, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `/assets/${name}`)

const suite = useBrowserSuite({
  fakeCamera: false,
  scratch: 'photo-desk-redeploy-',
  // Builds the old version first (about 5-20 s, more on a busy machine).
  timeout: 150_000,
  app: async ({ dir }) => {
    const { served, old, next } = folders(dir)
    // A private copy of the new build: another run may rebuild dist-test/ meanwhile.
    cpSync(join(ROOT, E2E_OUT_DIR), next, { recursive: true })
    await buildApp({ outDir: old, marker: 'the build before' })
    cpSync(old, served, { recursive: true })
    return startApp({ outDir: served })
  },
})

/** Paths of everything in the service worker's caches, and how many caches of builds there are. */
const caches = (page: Page) =>
  page.evaluate(async () => {
    const names = (await window.caches.keys()).filter((n) => n.startsWith('photo-desk-'))
    const paths = new Set<string>()
    for (const name of names) {
      for (const request of await (await window.caches.open(name)).keys())
        paths.add(new URL(request.url).pathname)
    }
    return { builds: names.length, paths: [...paths] }
  })

/** The scripts a page has loaded (from the network or the service worker). */
const loadedScripts = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.startsWith('/assets/') && path.endsWith('.js')),
  )

/** Stops the running service workers, as the browser does with an idle one; waits until it is. */
async function stopServiceWorkers(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  const stopped = new Promise<void>((resolve) =>
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((v) => v.status === 'activated' && v.runningStatus === 'stopped')) resolve()
    }),
  )
  await cdp.send('ServiceWorker.enable')
  await cdp.send('ServiceWorker.stopAllWorkers')
  await stopped
  await cdp.detach()
}

const entryScript = (page: Page) =>
  page.evaluate(() => document.querySelector<HTMLScriptElement>('script[type="module"]')?.src)

describe('a redeploy with a tab open on the old build', () => {
  it('keeps the old tab working until the operator reloads, then drops the old copy', async () => {
    const { served, old, next } = folders(suite.dir)
    const oldScripts = scripts(old)
    const newScripts = scripts(next)
    // The two builds share no script: anything the old tab loads must come from its own build.
    expect(oldScripts.filter((path) => newScripts.includes(path))).toEqual([])

    const { context, pageErrors } = await newTestContext(suite.browser)
    const openOld = async () => {
      const tab = await context.newPage()
      await tab.goto(suite.app.url)
      await tab.getByLabel('Login ID').waitFor()
      await tab.waitForFunction(() => navigator.serviceWorker?.controller != null, null, {
        timeout: 20_000,
      })
      return tab
    }
    const oldTab = await openOld()
    // A second tab on the old build: it needs the old copy after the first one is reloaded.
    const otherOldTab = await openOld()
    const oldEntry = await entryScript(oldTab)
    // Set in this document only: a reload would lose it.
    await oldTab.evaluate(() => Object.assign(window, { openedBeforeDeploy: true }))
    // Left at the sign-in screen: the desk and every other screen load after the deployment.
    expect((await loadedScripts(oldTab)).some((p) => /EnrollView|SettingsView/.test(p))).toBe(false)

    // The face recognition model (too large to fetch on install) is cached at its first use.
    expect((await caches(oldTab)).paths).not.toContain(MODEL)
    expect(await oldTab.evaluate(async (url) => (await fetch(url)).ok, MODEL)).toBe(true)
    await expect.poll(async () => (await caches(oldTab)).paths).toContain(MODEL)

    deploy(next, served)
    const gone = await fetch(
      `${suite.app.url}${oldScripts.find((p) => p.includes('SettingsView'))}`,
    )
    expect(gone.headers.get('content-type')).not.toContain('javascript')

    // The open tab looks for a new version (as it does every hour): it is offered, not forced.
    await oldTab.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update()
    })
    const notice = oldTab.getByTestId('update-ready')
    await notice.waitFor({ timeout: 20_000 })
    expect(await notice.innerText()).toContain('Reload when it suits you')
    expect(await notice.getByRole('button', { name: 'Reload' }).count()).toBe(1)

    // Sign in and use the screens and dialogs that load on demand: all from the old build.
    await signInOn(oldTab)
    await oldTab.getByLabel('User ID').waitFor()

    await oldTab.getByRole('link', { name: 'Settings' }).click()
    await oldTab.getByRole('heading', { name: 'Settings', level: 1 }).waitFor()
    await oldTab.locator('#set-aspect').selectOption('0.75')
    await expect
      .poll(() => oldTab.evaluate(() => localStorage.getItem('photo-desk:settings')))
      .toContain('"aspect":0.75')

    await oldTab.getByRole('link', { name: 'Session log' }).click()
    await oldTab.getByRole('heading', { name: 'Session log', level: 1 }).waitFor()
    await oldTab.getByTestId('export-csv').waitFor()

    await oldTab.getByRole('link', { name: 'Diagnostics' }).click()
    await oldTab.getByRole('heading', { name: 'Diagnostics', level: 1 }).waitFor()
    await expect.poll(() => oldTab.locator('main').innerText()).toContain('Offline copy')

    // The server ends the session: the "Session expired" dialog works, and the call goes through.
    await oldTab.getByRole('link', { name: 'Desk' }).click()
    suite.app.sim.expireSessions()
    await oldTab.getByLabel('User ID').fill('2')
    await oldTab.getByRole('button', { name: 'Find' }).click()
    const dialog = oldTab.getByRole('dialog', { name: 'Session expired' })
    await dialog.waitFor()
    await dialog.getByLabel('Password').fill(DEMO_OPERATOR.password)
    await dialog.getByRole('button', { name: 'Sign in' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await oldTab.getByTestId('user-card').waitFor()

    const used = await loadedScripts(oldTab)
    expect(used.some((p) => p.includes('SettingsView'))).toBe(true)
    expect(used.filter((p) => !oldScripts.includes(p))).toEqual([])
    // Never reloaded: the same document, still on the old build, the notice still offered.
    expect(await oldTab.evaluate(() => 'openedBeforeDeploy' in window)).toBe(true)
    expect(await entryScript(oldTab)).toBe(oldEntry)
    expect(await notice.isVisible()).toBe(true)

    // The operator reloads when it suits them: the tab runs the new build, without the notice.
    await notice.getByRole('button', { name: 'Reload' }).click()
    await oldTab.getByTestId('user-card').waitFor({ state: 'detached' })
    await expect.poll(() => entryScript(oldTab)).not.toBe(oldEntry)
    expect(newScripts.map((p) => `${suite.app.url}${p}`)).toContain(await entryScript(oldTab))
    expect(await oldTab.evaluate(() => 'openedBeforeDeploy' in window)).toBe(false)
    await oldTab.getByLabel('User ID').waitFor()
    expect(await notice.count()).toBe(0)

    // The other old tab still runs the old build, and its desk still loads.
    await signInOn(otherOldTab)
    await otherOldTab.getByLabel('User ID').waitFor()
    expect((await loadedScripts(otherOldTab)).filter((p) => !oldScripts.includes(p))).toEqual([])
    expect((await caches(oldTab)).builds).toBe(2)

    // The browser stops the idle worker (it forgets which tab runs what), the last old tab is
    // closed, and a tab opened later gets the new build; asked again, the pages say which build
    // they run, and only the new build stays cached.
    await stopServiceWorkers(oldTab)
    await otherOldTab.close()
    const newTab = await context.newPage()
    await newTab.goto(suite.app.url)
    await newTab.getByLabel('Login ID').waitFor()
    expect(await entryScript(newTab)).toBe(await entryScript(oldTab))
    expect(await newTab.getByTestId('update-ready').count()).toBe(0)
    await expect.poll(async () => (await caches(newTab)).builds, { timeout: 10_000 }).toBe(1)
    const after = await caches(newTab)
    expect(after.paths.filter((p) => oldScripts.includes(p))).toEqual([])
    expect(after.paths).toEqual(expect.arrayContaining(newScripts))
    // Its bytes did not change: the new build's cache took it over, no second 6.4 MB download.
    expect(after.paths).toContain(MODEL)
    expect(pageErrors).toEqual([])
    await context.close()
  })
})
