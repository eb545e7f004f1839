// Nothing lost when the session, the network or the server fails in the middle of the work.
import { describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { startApp } from '../helpers/app-server.ts'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { openDesk, findUser, signInOn } from '../helpers/desk-page.ts'
import { createSimulator, DEMO_OPERATOR, DEMO_VIEWER, type Simulator } from '../../sim/index.ts'

const suite = useBrowserSuite()

/** These tests are about writes, not faces: the centred crop, no face model to wait for. */
const NO_FACES = { settings: { faceGuide: false } }

/** The photos the server read: a PUT refused for its session (401) is answered unread. */
const putBodies = (sim: Simulator, userId: string) =>
  sim.requests
    .filter((r) => r.method === 'PUT' && r.path === `/api/users/${userId}` && r.status !== 401)
    .map((r) => (r.body as { User: { photo: string } }).User.photo)

/** Finds the user, captures a photo, then takes the browser offline, ready for Save. */
async function captureOffline(page: Page, context: BrowserContext, userId: string) {
  await findUser(page, userId)
  await page.getByRole('button', { name: 'Capture' }).click()
  await page.getByAltText('New photo').waitFor()
  await context.setOffline(true)
  // The renderer knows before the click (a request already under way could still go out).
  await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false)
}

describe('with the simulator in-process', () => {
  it('saves the same photo exactly once after the session expired during the save', async () => {
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, NO_FACES)
    await findUser(page, '12')
    await page.getByRole('button', { name: 'Capture' }).click()
    await page.getByAltText('New photo').waitFor()
    const before = suite.app.sim.putCount('12')
    suite.app.sim.expireSessions()
    await page.getByRole('button', { name: 'Save photo' }).click()
    const dialog = page.getByRole('dialog', { name: 'Session expired' })
    await dialog.getByLabel('Password').fill(DEMO_OPERATOR.password)
    await dialog.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('Photo saved')
    expect(suite.app.sim.putCount('12') - before).toBe(1)
    const sent = putBodies(suite.app.sim, '12')
    expect(suite.app.sim.getUser('12')?.photo).toBe(sent.at(-1))
    await close()
  })

  it('shows that it is retrying, then saves', async () => {
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, NO_FACES)
    await findUser(page, '13')
    await page.getByRole('button', { name: 'Capture' }).click()
    await page.getByAltText('New photo').waitFor()
    suite.app.sim.failNext(2, 503)
    await page.getByRole('button', { name: 'Save photo' }).click()
    await page.getByTestId('retrying').waitFor()
    expect(await page.getByTestId('retrying').textContent()).toContain('retrying')
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('Photo saved')
    await page.getByTestId('retrying').waitFor({ state: 'detached' })
    await close()
  })

  it('keeps a save made offline on the device, shows it pending, and sends it when back online', async () => {
    const { page, context, close } = await openDesk(
      suite.browser,
      suite.app.url,
      DEMO_OPERATOR,
      NO_FACES,
    )
    const before = suite.app.sim.getUser('14')?.photo ?? null
    await captureOffline(page, context, '14')
    await page.getByRole('button', { name: 'Save photo' }).click()
    await expect
      .poll(() => page.getByTestId('pending-count').textContent())
      .toContain('1 photo waiting')
    expect(await page.getByTestId('status').textContent()).toContain('kept on this device')
    expect(suite.app.sim.getUser('14')?.photo ?? null).toBe(before)
    // It survives in IndexedDB.
    const stored = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('photo-desk-pending')
          open.onsuccess = () => {
            const req = open.result.transaction('saves').objectStore('saves').count()
            req.onsuccess = () => {
              open.result.close()
              resolve(req.result)
            }
          }
        }),
    )
    expect(stored).toBe(1)
    await context.setOffline(false)
    await expect
      .poll(() => suite.app.sim.getUser('14')?.photo ?? null, { timeout: 20_000 })
      .not.toBe(before)
    await page.getByTestId('pending-count').waitFor({ state: 'detached' })
    await close()
  })

  it('never sends a photo saved offline under the next operator who signs in', async () => {
    const { page, context, close } = await openDesk(
      suite.browser,
      suite.app.url,
      DEMO_OPERATOR,
      NO_FACES,
    )
    await captureOffline(page, context, '15')
    await page.getByRole('button', { name: 'Save photo' }).click()
    await page.getByTestId('pending-count').waitFor()
    // The tab is closed while the photo waits; someone else signs in on this browser.
    await page.close()
    await context.setOffline(false)
    const next = await context.newPage()
    const mark = suite.app.sim.requests.length
    const puts = () =>
      suite.app.sim.requests
        .slice(mark)
        .filter((r) => r.method === 'PUT' && r.path === '/api/users/15')
        .map((r) => ({ status: r.status, session: r.headers['bs-session-id'] }))
    const sessionOf = async () =>
      (
        JSON.parse((await next.evaluate(() => sessionStorage.getItem('photo-desk:session')))!) as {
          sessionId: string
        }
      ).sessionId
    await next.goto(suite.app.url)
    await signInOn(next, DEMO_VIEWER)
    const other = next.getByTestId('pending-other')
    await expect
      .poll(() => other.textContent())
      .toContain('1 photo saved offline by Administrator (admin) waits until they sign in here')
    expect(await next.getByTestId('pending-count').count()).toBe(0)
    expect(puts()).toEqual([])
    // Its owner signs in again: now it goes, once, under the owner's own session.
    await next.getByRole('button', { name: 'Sign out' }).click()
    await signInOn(next)
    // The line goes as soon as the save is the signed-in operator's, before it is sent: wait
    // for the send itself (the simulator records a request once it has answered).
    await other.waitFor({ state: 'detached', timeout: 20_000 })
    // The line goes as soon as the photo is the signed-in operator's; the send follows.
    await expect.poll(() => puts().length, { timeout: 20_000 }).toBeGreaterThan(0)
    await next.getByTestId('pending-count').waitFor({ state: 'detached' })
    expect(puts()).toEqual([{ status: 200, session: await sessionOf() }])
    await close()
  })

  it('shows why BioStar refused a photo saved offline, sends it once, and discards it', async () => {
    // The viewer operator may not write users: BioStar answers its PUT with 403 code 20.
    const { page, context, close } = await openDesk(
      suite.browser,
      suite.app.url,
      DEMO_VIEWER,
      NO_FACES,
    )
    await captureOffline(page, context, '17')
    await page.getByRole('button', { name: 'Save photo' }).click()
    await page.getByTestId('pending-count').waitFor()
    await context.setOffline(false)

    const line = page.getByTestId('pending-refused')
    await expect
      .poll(() => line.textContent())
      .toContain(
        'BioStar refused the photo of Ethan Lewis (ID 17). Your BioStar operator level does not allow this.',
      )
    expect(await page.getByTestId('pending-count').count()).toBe(0)
    const discard = line.getByRole('button', { name: 'Discard…' })
    expect(await discard.getAttribute('aria-describedby')).toBe(
      await line.getByRole('button', { name: 'Try again' }).getAttribute('aria-describedby'),
    )
    // On a phone the line wraps and both buttons stay whole, 44 px tall.
    await page.setViewportSize({ width: 390, height: 844 })
    for (const button of await line.getByRole('button').all()) {
      const box = (await button.boundingBox())!
      expect(box.height).toBeGreaterThanOrEqual(44)
      expect(box.x + box.width).toBeLessThanOrEqual(390)
    }

    await discard.click()
    const dialog = page.getByRole('dialog', { name: 'Discard the photo of Ethan Lewis?' })
    await dialog.getByRole('button', { name: 'Discard' }).click()
    await line.waitFor({ state: 'detached' })
    // Its button went with it: the keyboard continues from the page, not from nowhere.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main')
    // Refused once, never sent again by itself.
    expect(
      suite.app.sim.requests.filter((r) => r.method === 'PUT' && r.path === '/api/users/17').length,
    ).toBe(1)
    await close()
  })

  it('renders a hostile user name as text', async () => {
    suite.app.sim.addUser({ user_id: '9100', name: '<img src=x onerror=alert(1)>' })
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, NO_FACES)
    let dialogs = 0
    page.on('dialog', async (d) => {
      dialogs++
      await d.dismiss()
    })
    await findUser(page, '9100')
    expect(await page.getByTestId('user-name').textContent()).toBe('<img src=x onerror=alert(1)>')
    expect(await page.locator('img[src="x"]').count()).toBe(0)
    expect(dialogs).toBe(0)
    await close()
  })
})

describe('with BioStar behind the proxy', () => {
  it('says the server is unreachable when it stops, and recovers by itself when it returns', async () => {
    const sim = createSimulator({ seed: 5 })
    let running = await sim.listen({ port: 0 })
    const port = running.port
    const app = await startApp({ plugin: { biostarUrl: running.url, timeoutMs: 3000 } })
    try {
      const { page, close } = await openDesk(suite.browser, app.url, DEMO_OPERATOR, NO_FACES)
      await findUser(page, '2')
      await running.close()
      await page.getByLabel('User ID').fill('3')
      await page.getByLabel('User ID').press('Enter')
      await page.getByTestId('server-down').waitFor({ timeout: 20_000 })
      expect(await page.getByRole('alert').first().textContent()).toContain(
        'cannot reach the BioStar server',
      )
      running = await sim.listen({ port })
      // No click, no reload: the app notices by itself.
      await page.getByTestId('server-down').waitFor({ state: 'detached', timeout: 20_000 })
      await findUser(page, '3')
      await close()
    } finally {
      await app.close()
      await running.close().catch(() => undefined)
      await sim.close()
    }
  })
})
