// Ten people in a row at a clerk's pace (ID + Enter, Space, Enter, next ID, at 50 ms a key, never
// waiting for an answer) while BioStar takes 0.2-1.5 s per save and answers 30 % of them with
// 503: every photo is stored, each once, nobody else is written, and whatever the desk says about
// a person is true at the moment it says it.
import { join } from 'node:path'
import { expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { openDesk } from '../helpers/desk-page.ts'
import type { Simulator } from '../../sim/index.ts'
import { SAMPLE_FACES, writeFaceClip } from './pages/face-lab.server.ts'

const PEOPLE = Array.from({ length: 10 }, (_, i) => String(30 + i))

const suite = useBrowserSuite({
  scratch: 'desk-pace-',
  app: { sim: { seed: 12 } },
  fakeCamera: (dir) => {
    const clip = join(dir, 'camera.y4m')
    writeFaceClip(clip, SAMPLE_FACES.single, { width: 640, height: 480, headShare: 0.42 })
    return clip
  },
})

const photoPuts = (sim: Simulator) => sim.requests.filter((r) => r.method === 'PUT')
const sent = (r: { body: unknown }) => (r.body as { User: { photo: string } }).User.photo

/** What the desk shows right now: each write's person and state, and the status line. */
function screen(page: Page) {
  return page.evaluate(() => ({
    rows: [...document.querySelectorAll<HTMLElement>('[data-test="desk-write"]')].map((li) => ({
      userId: li.dataset.user ?? '',
      state: li.dataset.state ?? '',
      text: li.textContent ?? '',
    })),
    status: document.querySelector('[data-test="status"]')?.textContent ?? '',
  }))
}

/** Is what the screen says about each person true on the server at this moment? */
function lies(sim: Simulator, seen: Awaited<ReturnType<typeof screen>>): string[] {
  const found: string[] = []
  const storedBy200 = (userId: string) => {
    const ok = photoPuts(sim).filter((r) => r.path === `/api/users/${userId}` && r.status === 200)
    const photo = sim.getUser(userId)?.photo
    return ok.length > 0 && photo === sent(ok.at(-1)!)
  }
  for (const row of seen.rows)
    if (row.state === 'stored' && !storedBy200(row.userId))
      found.push(`row says ${row.userId} saved: ${row.text}`)
  const said = /Photo saved for .* \(ID (\d+)\)/.exec(seen.status)
  if (said && !storedBy200(said[1]!)) found.push(`status says saved: ${seen.status}`)
  return found
}

it(
  'photographs ten people in a row through a slow, failing BioStar',
  { timeout: 240_000 },
  async () => {
    const { sim } = suite.app
    const { page, pageErrors, close } = await openDesk(suite.browser, suite.app.url)
    const before = photoPuts(sim).length
    sim.setFaults({
      errorRate: 0.3,
      errorStatuses: [503],
      latencyMs: [200, 1500],
      methods: ['PUT'],
    })

    // The screen is watched the whole time, every 150 ms, for anything untrue.
    const untrue: string[] = []
    let watching = true
    const watcher = (async () => {
      for (let i = 0; watching && i < 2_000; i++) {
        untrue.push(...lies(sim, await screen(page)))
        await page.waitForTimeout(150)
      }
    })()

    try {
      const key = async (k: string) => {
        await page.keyboard.press(k)
        await page.waitForTimeout(50)
      }
      for (const id of PEOPLE) {
        await page.keyboard.type(id, { delay: 50 })
        await key('Enter')
        await key(' ')
        await key('Enter')
      }

      // Every one of them ends on the server, and saved as the desk says.
      const storedOnServer = () =>
        PEOPLE.filter((id) =>
          photoPuts(sim).some((r) => r.path === `/api/users/${id}` && r.status === 200),
        ).length
      await expect
        .poll(storedOnServer, { timeout: 180_000, interval: 500 })
        .toBe(PEOPLE.length)
        .catch(async (error: unknown) => {
          // What each person got, to tell a lost key from a stuck write.
          const byPerson = PEOPLE.map(
            (id) =>
              `${id}: ${photoPuts(sim)
                .filter((r) => r.path === `/api/users/${id}`)
                .map((r) => r.status)
                .join(',')}`,
          )
          const desk = await page.evaluate(() => ({
            card: document.querySelector('[data-test="user-card"]')?.textContent,
            id: document.querySelector<HTMLInputElement>('[data-test="user-id-input"]')?.value,
            dialog: document.querySelector('dialog[open]')?.textContent,
            alerts: [...document.querySelectorAll('[role="alert"]')].map((a) => a.textContent),
            focus: document.activeElement?.outerHTML.slice(0, 120),
          }))
          console.log('ten people, state:', byPerson, JSON.stringify(await screen(page)), desk)
          throw error
        })
      await expect
        .poll(async () => (await screen(page)).rows.filter((r) => r.state === 'stored').length, {
          timeout: 30_000,
          interval: 500,
        })
        .toBe(PEOPLE.length)
    } finally {
      watching = false
      await watcher
    }
    sim.setFaults({ errorRate: 0, latencyMs: [0, 0], methods: [] })

    expect(untrue).toEqual([])
    const puts = photoPuts(sim).slice(before)
    // Nobody else was written.
    expect([...new Set(puts.map((r) => r.path))].sort()).toEqual(
      PEOPLE.map((id) => `/api/users/${id}`).sort(),
    )
    for (const id of PEOPLE) {
      const mine = puts.filter((r) => r.path === `/api/users/${id}`)
      const stored = mine.filter((r) => r.status === 200)
      // Stored once; every attempt carried the same photo.
      expect(stored, `user ${id}`).toHaveLength(1)
      expect(new Set(mine.map(sent)).size, `user ${id}`).toBe(1)
      expect(sim.getUser(id)?.photo, `user ${id}`).toBe(sent(stored[0]!))
    }
    // The desk is on the last person, and so is the ID field.
    expect(await page.getByTestId('user-card').textContent()).toContain(`ID ${PEOPLE.at(-1)}`)
    expect(await page.getByLabel('User ID').inputValue()).toBe(PEOPLE.at(-1))
    const failures = puts.filter((r) => r.status === 503).length
    console.log(`ten people: ${puts.length} PUTs, ${failures} answered 503, all ten stored once`)
    expect(pageErrors).toEqual([])
    await close()
  },
)
