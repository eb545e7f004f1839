// 50 saves in a row with the simulator failing 30% of requests and answering in 1-3 s: every
// photo ends on the server, or the clerk sees a retryable error for that user. Nothing is lost
// silently, and the app's own retries never leave a different photo behind.
import { expect, it } from 'vitest'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { openDesk, findUser } from '../helpers/desk-page.ts'
import { DEMO_OPERATOR } from '../../sim/index.ts'

const SAVES = 50
const suite = useBrowserSuite({ app: { sim: { seed: 11 } } })

it(
  `ends ${SAVES} flaky saves with each photo stored or a visible error`,
  { timeout: 480_000 },
  async () => {
    // About writes, not faces: the centred crop, no face model to wait for.
    const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, {
      settings: { faceGuide: false },
    })
    const { app } = suite
    const outcomes: Array<{ userId: string; result: 'saved' | 'error' }> = []
    const ids = Array.from({ length: SAVES }, (_, i) => String(2 + i))
    for (const userId of ids) {
      app.sim.setFaults({ errorRate: 0, latencyMs: [0, 0] })
      await findUser(page, userId)
      await page.getByRole('button', { name: 'Capture' }).click()
      await page.getByAltText('New photo').waitFor()
      // Faults on for the save itself; 'random' phase: some failures happen after BioStar applied
      // the change, which the app's retry must repeat harmlessly.
      app.sim.setFaults({ errorRate: 0.3, latencyMs: [1000, 3000], errorPhase: 'random' })
      await page.getByRole('button', { name: 'Save photo' }).click()
      const saved = page.getByTestId('status').filter({ hasText: 'Photo saved' })
      const failed = page.getByTestId('save-error')
      await saved.or(failed).waitFor({ timeout: 60_000 })
      if (await failed.isVisible()) {
        // The error says what happened and offers to try again, with the photo still there.
        expect(await failed.textContent()).toContain('not saved')
        expect(await failed.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true)
        expect(await page.getByAltText('New photo').isVisible()).toBe(true)
        outcomes.push({ userId, result: 'error' })
      } else outcomes.push({ userId, result: 'saved' })
    }
    app.sim.setFaults({ errorRate: 0, latencyMs: [0, 0] })

    for (const { userId, result } of outcomes) {
      const sent = app.sim.requests
        .filter((r) => r.method === 'PUT' && r.path === `/api/users/${userId}`)
        .map((r) => (r.body as { User: { photo: string } }).User.photo)
      // One photo per user: retries resend the same bytes.
      expect(new Set(sent).size, `user ${userId}`).toBe(1)
      if (result === 'saved') expect(app.sim.getUser(userId)?.photo, `user ${userId}`).toBe(sent[0])
    }
    const errors = outcomes.filter((o) => o.result === 'error').length
    console.log(`flaky network: ${SAVES - errors} saved, ${errors} visible errors (retryable)`)
    expect(outcomes).toHaveLength(SAVES)
    await close()
  },
)
