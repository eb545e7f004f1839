// Kiosk mode holds, in real Chromium against the simulator: only the desk can be shown (typed
// URLs and Back land on it), the desk shows only what the person being photographed may use, and
// signing out (from the header or the Session expired dialog) takes the operator's password.
import { mkdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { findUser, openDesk } from '../helpers/desk-page.ts'
import { tinyJpegBase64 } from '../helpers/tiny-jpeg.ts'
import { DEMO_OPERATOR } from '../../sim/index.ts'

const suite = useBrowserSuite()
const NO_FACES = { faceGuide: false }
/** Screenshots to look at, outside the repository. */
const SHOTS = '/tmp/kiosk-shots'

const sessionIdOf = (page: Page) =>
  page.evaluate(
    () => JSON.parse(sessionStorage.getItem('photo-desk:session') ?? '{}').sessionId as string,
  )
/** What BioStar answers to a call with this session id: 401 once it is logged out. */
const statusWith = async (url: string, sessionId: string) =>
  (await fetch(`${url}/api/users/1`, { headers: { 'bs-session-id': sessionId } })).status
const logouts = () => suite.app.sim.requests.filter((r) => r.path === '/api/logout').length

/** Whether typing part of a name into the lookup lists matching people from the directory. */
async function nameSearchShows(page: Page): Promise<boolean> {
  const field = page.getByLabel('User ID')
  const id = await field.inputValue()
  await field.fill(suite.app.sim.getUser('31')!.name.slice(0, 4))
  const list = page.getByRole('listbox', { name: 'Matching users' })
  const shown = await list
    .waitFor({ timeout: 3_000 })
    .then(() => true)
    .catch(() => false)
  await field.fill(id)
  return shown
}

/** Settings > Kiosk mode, as the operator turns it on. */
async function enterKiosk(page: Page) {
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('heading', { name: 'Settings' }).waitFor()
  await page.getByLabel('Kiosk mode').click()
  await page.getByLabel('User ID').waitFor()
}

/** The desk, and nothing else: the URL is the desk's and no other screen's heading shows. */
async function expectDesk(page: Page) {
  await page.getByLabel('User ID').waitFor()
  expect(new URL(page.url()).pathname).toBe('/')
  expect(await page.getByRole('heading', { name: 'Settings' }).count()).toBe(0)
  expect(await page.getByRole('navigation').count()).toBe(0)
}

describe('kiosk mode', () => {
  it('shows only the desk: typed URLs and Back to Settings land on it', async () => {
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, {
      settings: NO_FACES,
    })
    // Outside kiosk mode every screen opens by its URL.
    await page.goto(`${suite.app.url}/log`)
    await page.getByRole('heading', { name: 'Session log' }).waitFor()
    await page.goto(suite.app.url)
    await enterKiosk(page)
    await expectDesk(page)

    // Back: Settings (and the log before it) are not reachable; Forward neither.
    await page.goBack()
    await expectDesk(page)
    await page.goBack()
    await expectDesk(page)
    await page.goForward()
    await expectDesk(page)

    for (const path of ['/batch', '/log', '/diagnostics', '/settings']) {
      await page.goto(`${suite.app.url}${path}`)
      await expectDesk(page)
    }
    await close()
  })

  it('shows a visitor no directory search, no Remove, no Undo and no language menu', async () => {
    suite.app.sim.setPhoto('31', tinyJpegBase64())
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, {
      settings: NO_FACES,
    })
    // The operator's desk has them all.
    await findUser(page, '31')
    await page.getByRole('button', { name: 'Remove photo' }).waitFor()
    expect(await nameSearchShows(page)).toBe(true)
    expect(await page.getByLabel('Language').count()).toBe(1)

    await enterKiosk(page)
    // A language chosen for the kiosk: the menu goes too.
    expect(await page.getByLabel('Language').count()).toBe(1)
    await page.evaluate(() => {
      const key = 'photo-desk:settings'
      const settings = JSON.parse(localStorage.getItem(key) ?? '{}')
      localStorage.setItem(key, JSON.stringify({ ...settings, kioskLocale: 'en' }))
    })
    await page.reload()
    await expectDesk(page)
    await findUser(page, '31')
    expect(await nameSearchShows(page)).toBe(false)
    expect(await page.getByLabel('Language').count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Remove photo' }).count()).toBe(0)
    mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: `${SHOTS}/kiosk-desk.png`, fullPage: true })

    // A save, then the desk for the next person: no Undo, no list of the people before.
    await page.getByRole('button', { name: 'Capture' }).click()
    await page.getByAltText('New photo').waitFor()
    await page.getByRole('button', { name: /^Save photo/ }).click()
    await page.getByTestId('kiosk-reset').waitFor()
    expect(await page.getByRole('button', { name: 'Undo' }).count()).toBe(0)
    expect(await page.locator('[data-test="desk-write"]').count()).toBe(0)
    // The controls keep their names.
    expect(await page.getByRole('button', { name: 'Exit kiosk mode' }).count()).toBe(1)
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1)
    await close()
  })

  it('signs out only with the operator’s password, and the logout reaches BioStar', async () => {
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, {
      settings: { ...NO_FACES, kiosk: true },
    })
    const first = await sessionIdOf(page)
    await page.getByRole('button', { name: 'Sign out' }).click()
    const dialog = page.getByRole('dialog', { name: 'Sign out' })
    await dialog.getByLabel('Password').fill('wrong')
    await dialog.getByRole('button', { name: 'Sign out' }).click()
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toContain('login ID or password is wrong')
    // Still signed in, on the desk, with the session it had.
    expect(await page.getByTestId('operator-name').count()).toBe(1)
    expect(await sessionIdOf(page)).toBe(first)
    expect(await statusWith(suite.app.url, first)).toBe(200)
    // Cancel keeps it signed in too.
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'detached' })
    await expectDesk(page)

    const before = logouts()
    await page.getByRole('button', { name: 'Sign out' }).click()
    await dialog.getByLabel('Password').fill(DEMO_OPERATOR.password)
    await dialog.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    // The session of the password check and the one it replaced: both logged out.
    expect(logouts() - before).toBe(2)
    expect(await statusWith(suite.app.url, first)).toBe(401)
    await close()
  })

  it('asks for the password for "Sign out" in the Session expired dialog', async () => {
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, {
      settings: { ...NO_FACES, kiosk: true },
    })
    suite.app.sim.expireSessions()
    await page.getByLabel('User ID').fill('2')
    await page.getByRole('button', { name: 'Find' }).click()
    const expired = page.getByRole('dialog', { name: 'Session expired' })
    await expired.getByRole('button', { name: 'Sign out' }).click()
    const dialog = page.getByRole('dialog', { name: 'Sign out' })
    await dialog.getByLabel('Password').fill('wrong')
    await dialog.getByRole('button', { name: 'Sign out' }).click()
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('wrong')
    expect(await page.getByTestId('operator-name').count()).toBe(1)
    // Cancel: back to the Session expired dialog, which still must be answered.
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expired.getByRole('button', { name: 'Sign out' }).click()
    await dialog.getByLabel('Password').fill(DEMO_OPERATOR.password)
    await dialog.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await close()
  })
})
