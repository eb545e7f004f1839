// The desk's writes in real Chromium against the simulator, made deterministic with its per-user
// knobs (a slow PUT, the next PUTs of a user failing): nobody on the desk after a failed lookup,
// an older photo never sent after a newer one was stored (in this tab or in another), a slow
// answer that never moves the desk, sign-out that records a write under its own operator, Save
// waiting for the face crop, and keys typed at 50 ms a key never lost.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { findUser, openDesk, signInOn } from '../helpers/desk-page.ts'
import { decodeJpeg, makeJpeg, makePng } from '../helpers/images.ts'
import { quadrants } from '../helpers/quadrants.ts'
import { DEMO_OPERATOR, DEMO_VIEWER, type Simulator } from '../../sim/index.ts'
import { SAMPLE_FACES, faceScene, writeFaceClip } from './pages/face-lab.server.ts'

// The camera shows a real face, centred, as a person sits at the desk.
const suite = useBrowserSuite({
  scratch: 'desk-writes-',
  fakeCamera: (dir) => {
    const clip = join(dir, 'camera.y4m')
    writeFaceClip(clip, SAMPLE_FACES.single, { width: 640, height: 480, headShare: 0.42 })
    return clip
  },
})
const NO_FACES = { settings: { faceGuide: false } }

const puts = (sim: Simulator, userId: string) =>
  sim.requests.filter((r) => r.method === 'PUT' && r.path === `/api/users/${userId}`)
const sentPhoto = (r: { body: unknown }) => (r.body as { User: { photo: string } }).User.photo
const status = (page: Page) => page.getByTestId('status')
const writeRow = (page: Page, userId: string) =>
  page.locator(`[data-test="desk-write"][data-user="${userId}"]`).first()

async function capture(page: Page) {
  await page.getByRole('button', { name: 'Capture' }).click()
  await page.getByAltText('New photo').waitFor()
}

/** A new photo from a file (not the camera's), saved and stored. */
async function saveNewFile(page: Page) {
  const png = makePng(600, 600, quadrants(600, 600))
  await page
    .getByLabel('Choose photo file')
    .setInputFiles({ name: 'new.png', mimeType: 'image/png', buffer: Buffer.from(png) })
  await page.getByAltText('New photo').waitFor()
  await page.getByRole('button', { name: 'Save photo' }).click()
  await status(page).filter({ hasText: 'Photo saved for' }).waitFor({ timeout: 20_000 })
}

describe('the desk and its writes', () => {
  it('leaves nobody on the desk after a failed lookup: nothing can be captured or saved', async () => {
    // Defect 0: user 12, then a typo.
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, NO_FACES)
    await findUser(page, '12')
    const field = page.getByLabel('User ID')
    await field.fill('1212')
    await field.press('Enter')
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('No user')
    await expect.poll(() => page.getByTestId('user-card').count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Capture' }).isDisabled()).toBe(true)
    // Nobody to choose a file for: the file chooser is not offered.
    expect(await page.getByLabel('Choose photo file').count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Save photo' }).isDisabled()).toBe(true)
    // The three-action keys do nothing for anyone.
    const before = suite.app.sim.requests.filter((r) => r.method === 'PUT').length
    await page.keyboard.press(' ')
    await page.keyboard.press('Enter')
    await page.waitForTimeout(500)
    expect(await page.getByAltText('New photo').count()).toBe(0)
    expect(suite.app.sim.requests.filter((r) => r.method === 'PUT').length).toBe(before)
    await close()
  })

  it('never sends an older photo after a newer one of the same person was stored', async () => {
    // Defect 1: saved offline; the first resend meets 503; a newer photo is saved meanwhile.
    const { sim } = suite.app
    const { page, context, close } = await openDesk(
      suite.browser,
      suite.app.url,
      DEMO_OPERATOR,
      NO_FACES,
    )
    await findUser(page, '20')
    await capture(page)
    await context.setOffline(true)
    await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false)
    await page.getByRole('button', { name: 'Save photo' }).click()
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toContain('1 photo')
    // Back online, BioStar busy: the resend and the client's own retries of it get 503.
    sim.failNextPuts('20', 3, 503)
    await context.setOffline(false)
    await expect.poll(() => puts(sim, '20').length, { timeout: 20_000 }).toBe(3)
    const old = sentPhoto(puts(sim, '20')[0]!)

    // Within the retry window: the same person again, a new photo (a file), saved and stored.
    await findUser(page, '20')
    await saveNewFile(page)
    const stored = sim.getUser('20')?.photo
    expect(stored).toBeTruthy()
    expect(stored).not.toBe(old)

    // The network drops and comes back (a resend is tried at once), and time passes: the old
    // photo never goes out again.
    await context.setOffline(true)
    await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false)
    await context.setOffline(false)
    await page.waitForTimeout(5_000)
    const after = puts(sim, '20')
    const newer = after.findIndex((r) => r.status === 200)
    expect(after.slice(newer).every((r) => sentPhoto(r) !== old)).toBe(true)
    expect(sim.getUser('20')?.photo).toBe(stored)
    await page.getByTestId('pending-count').waitFor({ state: 'detached' })
    // The screen and the log say what happened to the old one.
    await page.getByRole('link', { name: 'Session log' }).click()
    await expect
      .poll(() => page.getByTestId('log-entry').first().textContent())
      .toContain('Superseded by a newer photo')
    await close()
  })

  it('never sends a photo kept in one tab after another tab stored a newer one', async () => {
    // Two tabs of one browser (one IndexedDB): tab A keeps a save it cannot send; tab B, opened
    // before, stores a newer photo of the same person; A's resend must not overwrite it.
    const { sim } = suite.app
    const {
      page: a,
      context,
      close,
    } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, NO_FACES)
    const b = await context.newPage()
    await b.goto(suite.app.url)
    await signInOn(b)
    await b.getByLabel('User ID').waitFor()

    // A's saves of user 31 cannot reach BioStar (its network drops them): the save is kept.
    const cut = { on: true }
    await a.route('**/api/users/31', (route) =>
      cut.on && route.request().method() === 'PUT'
        ? route.abort('internetdisconnected')
        : route.fallback(),
    )
    await findUser(a, '31')
    await capture(a)
    await a.getByRole('button', { name: 'Save photo' }).click()
    await expect.poll(() => a.getByTestId('pending-count').textContent()).toContain('1 photo')

    await findUser(b, '31')
    await saveNewFile(b)
    const stored = sim.getUser('31')?.photo
    expect(puts(sim, '31')).toHaveLength(1)

    // A's network comes back and it resends at once: the kept photo is out of date, never sent.
    cut.on = false
    await a.evaluate(() => window.dispatchEvent(new Event('online')))
    await a.getByTestId('pending-count').waitFor({ state: 'detached', timeout: 20_000 })
    await a.waitForTimeout(500)
    expect(puts(sim, '31')).toHaveLength(1)
    expect(sim.getUser('31')?.photo).toBe(stored)
    await close()
  })

  it('keeps the next person and their picture on the desk when a slow save answers', async () => {
    // Defect 2: A's PUT takes 4 s; B is looked up and photographed meanwhile.
    const { sim } = suite.app
    const a = sim.getUser('21')!
    const b = sim.getUser('22')!
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, NO_FACES)
    sim.delayPuts('21', 4_000)
    await findUser(page, '21')
    await capture(page)
    await page.getByRole('button', { name: 'Save photo' }).click()
    await findUser(page, '22')
    await capture(page)
    const bPicture = await page.getByAltText('New photo').getAttribute('src')
    await expect
      .poll(() => status(page).textContent(), { timeout: 20_000 })
      .toContain(`Photo saved for ${a.name} (ID 21)`)
    expect(sim.getUser('21')?.photo).toBe(sentPhoto(puts(sim, '21').at(-1)!))
    // Still B, with B's picture, and Save names B.
    expect(await page.getByTestId('user-card').textContent()).toContain('ID 22')
    expect(await page.getByAltText('New photo').getAttribute('src')).toBe(bPicture)
    expect(await page.getByTestId('save').textContent()).toContain(`Save photo for ${b.name} · 22`)
    expect(puts(sim, '22')).toHaveLength(0)
    sim.delayPuts('21', 0)
    await close()
  })

  it("records a save answered during sign-out under its own operator, not the next one's", async () => {
    const { sim } = suite.app
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, NO_FACES)
    sim.delayPuts('23', 2_000)
    await findUser(page, '23')
    await capture(page)
    await page.getByRole('button', { name: 'Save photo' }).click()
    await page.getByRole('button', { name: /Saving/ }).waitFor()
    await page.getByRole('button', { name: 'Sign out' }).click()
    await signInOn(page, DEMO_VIEWER)
    await page.getByLabel('User ID').waitFor()
    // The save finished before the sign-out, under the operator who made it.
    expect(puts(sim, '23').map((r) => r.status)).toEqual([200])
    await page.getByRole('link', { name: 'Session log' }).click()
    await page.getByRole('heading', { name: 'Session log', level: 1 }).waitFor()
    expect(await page.getByTestId('log-entry').count()).toBe(0)
    sim.delayPuts('23', 0)
    await close()
  })

  it('Enter right after choosing a picture waits for the face and stores it centred', async () => {
    // Defect 3: the face sits at a fifth of a wide picture; the centred crop would cut it off.
    const { sim } = suite.app
    const { page, close } = await openDesk(suite.browser, suite.app.url)
    await findUser(page, '24')
    const width = 1600
    const height = 900
    const scene = faceScene(SAMPLE_FACES.single, { width, height, headShare: 0.35, centreX: 0.2 })
    const background: [number, number, number] = [40, 160, 90]
    const head = 0.35 * height
    const inFace = (x: number, y: number) =>
      Math.abs(x - 0.2 * width) < 0.55 * head && y > 0.45 * height - 0.6 * head
    const picture = makeJpeg(width, height, (x, y) => (inFace(x, y) ? scene(x, y) : background))
    await page
      .getByLabel('Choose photo file')
      .setInputFiles({ name: 'side.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(picture) })
    await page.getByAltText('New photo').waitFor()
    await page.keyboard.press('Enter')
    await status(page).filter({ hasText: 'Photo saved for' }).waitFor({ timeout: 40_000 })
    // Where the person is in the stored photo: the centre of what is not background.
    const stored = decodeJpeg(new Uint8Array(Buffer.from(sim.getUser('24')!.photo!, 'base64')))
    let sum = 0
    let count = 0
    for (let y = 0; y < stored.height; y += 2)
      for (let x = 0; x < stored.width; x += 2) {
        const i = (y * stored.width + x) * 4
        const d =
          Math.abs(stored.data[i]! - background[0]) +
          Math.abs(stored.data[i + 1]! - background[1]) +
          Math.abs(stored.data[i + 2]! - background[2])
        if (d > 90) {
          sum += x
          count++
        }
      }
    expect(count / ((stored.width * stored.height) / 4)).toBeGreaterThan(0.15)
    expect(sum / count / stored.width).toBeGreaterThan(0.4)
    expect(sum / count / stored.width).toBeLessThan(0.6)
    await close()
  })

  it('never loses a key typed at 50 ms a key: the next ID goes to the User ID field', async () => {
    const { sim } = suite.app
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, NO_FACES)
    const type = (text: string) => page.keyboard.type(text, { delay: 50 })
    const press = async (key: string) => {
      await page.keyboard.press(key)
      await page.waitForTimeout(50)
    }
    await type('25')
    await press('Enter')
    await press(' ')
    await press('Enter')
    // The next person at once, wherever the focus went meanwhile.
    await type('26')
    await press('Enter')
    await press(' ')
    await press('Enter')
    // A lookup that takes longer than the keys: the next ID + Enter comes while the last lookup
    // is still answering, and is queued, not dropped (it was, under load, in the ten-people test).
    sim.setFaults({ latencyMs: [700, 700], methods: ['GET'] })
    try {
      for (const id of ['27', '28']) {
        await type(id)
        await press('Enter')
        await press(' ')
        await press('Enter')
      }
      const people = ['25', '26', '27', '28']
      for (const id of people)
        await expect
          .poll(() => puts(sim, id).filter((r) => r.status === 200).length, { timeout: 30_000 })
          .toBe(1)
      for (const id of people) {
        await expect.poll(() => writeRow(page, id).getAttribute('data-state')).toBe('stored')
        expect(puts(sim, id).map((r) => r.status)).toEqual([200])
      }
    } finally {
      sim.setFaults({ latencyMs: [0, 0], methods: [] })
    }
    expect(await page.getByLabel('User ID').inputValue()).toBe('28')
    await close()
  })
})
