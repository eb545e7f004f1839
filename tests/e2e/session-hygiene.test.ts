// Session hygiene on a shared PC, in real Chromium against the simulator: the idle lock (a
// visible countdown a key cancels, then sign-out with the logout), a restored tab older than the
// idle time starts at sign-in, a session replaced after "Session expired" is logged out, and
// signing out with photos still waiting asks first, with their count. Page time is Playwright's
// clock, so the real idle minutes are used without waiting for them.
import { mkdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { findUser, openDesk } from '../helpers/desk-page.ts'
import { newTestContext } from '../helpers/chromium.ts'
import { DEMO_OPERATOR } from '../../sim/index.ts'

const suite = useBrowserSuite()
const NO_FACES = { faceGuide: false }
const SHOTS = '/tmp/kiosk-shots'
const MIN = 60_000

const sessionIdOf = (page: Page) =>
  page.evaluate(
    () => JSON.parse(sessionStorage.getItem('photo-desk:session') ?? '{}').sessionId as string,
  )
/** What BioStar answers to a call with this session id: 401 once it is logged out. */
const statusWith = async (sessionId: string) =>
  (await fetch(`${suite.app.url}/api/users/1`, { headers: { 'bs-session-id': sessionId } })).status
const logoutsOf = (sessionId: string) =>
  suite.app.sim.requests.filter(
    (r) => r.path === '/api/logout' && r.headers?.['bs-session-id'] === sessionId,
  ).length

/** The seconds the idle countdown shows ("… it signs out in 57 s."). */
async function secondsShown(page: Page): Promise<number> {
  const text = await page.getByRole('alertdialog', { name: 'Still there?' }).textContent()
  return Number(/signs out in (\d+) s/.exec(text ?? '')?.[1] ?? NaN)
}

/** The page's clock, installed before the app loads: the idle minutes pass on request. */
const fakeClock = (context: BrowserContext) => context.clock.install({ time: Date.now() })

describe('the idle lock', () => {
  it('counts down visibly after the idle time; a key cancels it; without input it signs out', async () => {
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, {
      settings: { ...NO_FACES, idleLockMin: 2 },
      prepare: fakeClock,
    })
    const id = await sessionIdOf(page)
    const countdown = page.getByRole('alertdialog', { name: 'Still there?' })
    await page.clock.fastForward(2 * MIN - 5_000)
    await page.waitForTimeout(300)
    expect(await countdown.count()).toBe(0)
    await page.clock.fastForward(5_000)
    await countdown.waitFor()
    // Page time flows on while the dialog loads: a busy machine may show a second or two less.
    const shown = await secondsShown(page)
    expect(shown).toBeGreaterThan(55)
    expect(shown).toBeLessThanOrEqual(60)
    await page.clock.fastForward(10_000)
    await expect.poll(() => secondsShown(page)).toBeLessThanOrEqual(shown - 10)
    mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: `${SHOTS}/idle-countdown.png` })

    // Any key: the countdown goes, the operator stays signed in.
    await page.keyboard.press('Shift')
    await countdown.waitFor({ state: 'detached' })
    await page.clock.fastForward(MIN + 30_000)
    await page.waitForTimeout(300)
    expect(await countdown.count()).toBe(0)
    expect(await page.getByTestId('operator-name').count()).toBe(1)

    // Nobody there: the countdown comes again and runs out.
    await page.clock.fastForward(MIN)
    await countdown.waitFor()
    await page.clock.fastForward(MIN)
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await expect.poll(() => logoutsOf(id)).toBe(1)
    expect(await statusWith(id)).toBe(401)
    await close()
  })

  it('a touch cancels the countdown too; 0 minutes turns the lock off', async () => {
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, {
      settings: { ...NO_FACES, idleLockMin: 0 },
      prepare: fakeClock,
    })
    await page.clock.fastForward(10 * 60 * MIN)
    await page.waitForTimeout(300)
    expect(await page.getByTestId('operator-name').count()).toBe(1)
    // The setting, as the operator sees and changes it.
    await page.getByRole('link', { name: 'Settings' }).click()
    const field = page.getByLabel('Sign out when idle (minutes)')
    expect(await field.inputValue()).toBe('0')
    await field.fill('1')
    await field.press('Tab')
    await page.getByRole('link', { name: 'Desk' }).click()
    const countdown = page.getByRole('alertdialog', { name: 'Still there?' })
    // A second past the minute: the click on Desk is the last activity, and the page may count it
    // a few milliseconds after the clock starts moving.
    await page.clock.fastForward(MIN + 1_000)
    await countdown.waitFor()
    await page.mouse.click(5, 5)
    await countdown.waitFor({ state: 'detached' })
    expect(await page.getByTestId('operator-name').count()).toBe(1)
    await close()
  })

  it('is 15 minutes by default, as Settings shows', async () => {
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, {
      settings: NO_FACES,
      prepare: fakeClock,
    })
    await page.getByRole('link', { name: 'Settings' }).click()
    expect(await page.getByLabel('Sign out when idle (minutes)').inputValue()).toBe('15')
    await page.clock.fastForward(15 * MIN)
    await page.getByRole('alertdialog', { name: 'Still there?' }).waitFor()
    await close()
  })
})

describe('a restored tab', () => {
  /**
   * Signs in, then closes the tab; returns what the browser keeps of it (its sessionStorage) and
   * the session id, as a restored tab or "reopen closed tab" brings them back.
   */
  async function closedTab() {
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, {
      settings: NO_FACES,
    })
    const id = await sessionIdOf(page)
    const kept = await page.evaluate(() => ({ ...sessionStorage }))
    await close()
    return { id, kept }
  }

  /** Opens the app in a tab restored with `kept`, its times moved `agoMs` into the past. */
  async function restore(kept: Record<string, string>, agoMs: number) {
    const { context } = await newTestContext(suite.browser, { permissions: ['camera'] })
    await context.addInitScript(
      ({ kept, agoMs }) => {
        if (sessionStorage.getItem('restored')) return
        sessionStorage.setItem('restored', '1')
        for (const [key, value] of Object.entries(kept)) {
          const time = Number(value)
          // The activity times: as if the tab had been closed `agoMs` ago.
          const old = key === 'photo-desk:input' || key === 'photo-desk:activity'
          sessionStorage.setItem(key, old && time > 0 ? String(time - agoMs) : value)
        }
      },
      { kept, agoMs },
    )
    const page = await context.newPage()
    await page.goto(suite.app.url)
    return { page, close: () => context.close() }
  }

  it('carries on within the idle time, and starts at sign-in after it', async () => {
    const recent = await closedTab()
    const soon = await restore(recent.kept, 5 * MIN)
    await soon.page.getByLabel('User ID').waitFor()
    await soon.close()

    const old = await closedTab()
    const later = await restore(old.kept, 16 * MIN)
    await later.page.getByRole('button', { name: 'Sign in' }).waitFor()
    expect(await later.page.getByTestId('operator-name').count()).toBe(0)
    // The session the tab held is logged out, not left to BioStar's timeout.
    await expect.poll(() => statusWith(old.id)).toBe(401)
    expect(logoutsOf(old.id)).toBe(1)
    await later.close()
  })
})

describe('after "Session expired"', () => {
  it('logs out the old session id when BioStar still knows it', async () => {
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, {
      settings: NO_FACES,
    })
    const old = await sessionIdOf(page)
    // A 401 the session itself did not cause (a proxy, a glitch): BioStar still knows it.
    suite.app.sim.failNext(1, 401)
    await page.getByLabel('User ID').fill('2')
    await page.getByRole('button', { name: 'Find' }).click()
    const dialog = page.getByRole('dialog', { name: 'Session expired' })
    await dialog.getByLabel('Password').fill(DEMO_OPERATOR.password)
    expect(await statusWith(old)).toBe(200)
    await dialog.getByRole('button', { name: 'Sign in' }).click()
    await page.getByTestId('user-card').waitFor()
    expect(await sessionIdOf(page)).not.toBe(old)
    await expect.poll(() => statusWith(old)).toBe(401)
    expect(logoutsOf(old)).toBe(1)
    await close()
  })
})

describe('signing out with photos waiting', () => {
  it('asks first, with their count', async () => {
    const { page, context, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, {
      settings: NO_FACES,
    })
    await findUser(page, '33')
    await page.getByRole('button', { name: 'Capture' }).click()
    await page.getByAltText('New photo').waitFor()
    await context.setOffline(true)
    await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false)
    await page.getByRole('button', { name: /^Save photo/ }).click()
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toContain('1 photo')

    await page.getByRole('button', { name: 'Sign out' }).click()
    const dialog = page.getByRole('dialog', { name: 'Sign out' })
    await expect
      .poll(() => dialog.getByTestId('sign-out-waiting').textContent())
      .toContain('1 photo has not reached BioStar yet')
    expect(await dialog.getByLabel('Password').count()).toBe(0)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(await page.getByTestId('operator-name').count()).toBe(1)

    // Back online the photo goes; signing out then asks nothing.
    await context.setOffline(false)
    await page.getByTestId('pending-count').waitFor({ state: 'detached', timeout: 20_000 })
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await close()
  })
})
