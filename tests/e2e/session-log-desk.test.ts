// The session log, filled by the real desk in Chromium: a save, a refused save, a removal and its
// undo show up on /log newest first, survive a reload, download as CSV, and are gone after
// signing out. Needs the record() calls in src/stores/enrollment.ts.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import type { Page } from 'playwright-core'
import { findUser, openDesk, signInOn } from '../helpers/desk-page.ts'
import { DEMO_OPERATOR } from '../../sim/index.ts'
import { parseCsv } from '../../src/export/csv.ts'

// About inputs and records, not faces: no face model, the centred crop at once.
const NO_FACES = { settings: { faceGuide: false } }

const suite = useBrowserSuite()

async function captureAndSave(page: Page) {
  await page.getByRole('button', { name: 'Capture' }).click()
  await page.getByAltText('New photo').waitFor()
  await page.getByRole('button', { name: 'Save photo' }).click()
}

const status = (page: Page) => page.getByTestId('status').textContent()

/** The log's rows as the person reads them, newest first. */
const rows = (page: Page) =>
  page.getByTestId('log-entry').evaluateAll((trs) =>
    trs.map((tr) => {
      const cell = (test: string) => tr.querySelector(`[data-test="${test}"]`)?.textContent?.trim()
      return `${cell('log-user-id')} ${cell('log-action')}: ${cell('log-result')}`
    }),
  )

describe('session log', () => {
  it('records what the desk did, keeps it over a reload, exports it and forgets it on sign-out', async () => {
    const { page, pageErrors, close } = await openDesk(
      suite.browser,
      suite.app.url,
      DEMO_OPERATOR,
      NO_FACES,
    )
    const saved = suite.app.sim.getUser('2')!
    const refused = suite.app.sim.getUser('3')!

    await findUser(page, '2')
    await captureAndSave(page)
    await expect.poll(() => status(page), { timeout: 15_000 }).toContain('Photo saved')

    await findUser(page, '3')
    suite.app.sim.failNextPuts('3', 1, 500) // not a network failure: no retry, no waiting queue
    await captureAndSave(page)
    await expect.poll(() => page.getByTestId('save-error').textContent()).toContain('not saved')

    // The refused picture of 3 is still on the desk: the next lookup asks before dropping it.
    await page.getByLabel('User ID').fill('2')
    await page.getByLabel('User ID').press('Enter')
    await page.getByRole('dialog').getByRole('button', { name: 'Drop it and find 2' }).click()
    await page.getByTestId('user-card').filter({ hasText: 'ID 2' }).waitFor()
    await page.getByRole('button', { name: 'Remove photo' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click()
    await expect.poll(() => status(page)).toContain('Photo removed')
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => status(page)).toContain('Undone')

    await page.getByRole('link', { name: 'Session log' }).click()
    await page.getByRole('heading', { name: 'Session log', level: 1 }).waitFor()
    const expected = [
      '2 Undo: Done',
      '2 Remove photo: Done',
      '3 Save photo: Failed',
      '2 Save photo: Done',
    ]
    await expect.poll(() => rows(page)).toEqual(expected)
    expect(await page.getByTestId('log-summary').innerText()).toBe(
      '4 entries: 3 done, 1 failed, 0 waiting',
    )
    const first = page.getByTestId('log-entry').last()
    expect(await first.innerText()).toContain(saved.name)
    expect(await first.innerText()).toContain(DEMO_OPERATOR.loginId)
    const failedRow = page.getByTestId('log-entry').nth(2)
    expect(await failedRow.innerText()).toContain(refused.name)
    expect(await failedRow.innerText()).toMatch(/BioStar|server/i)

    // The tab keeps it over a reload.
    await page.reload()
    await expect.poll(() => rows(page)).toEqual(expected)

    // CSV: UTF-8 with a byte order mark, a header, oldest first, bytes of the saved JPEG.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^photo-desk-log-.+\.csv$/)
    const bytes = readFileSync((await download.path())!)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.subarray(3).toString('utf8')
    expect(text.split('\r\n')[0]).toBe(
      '"Time","Operator","User ID","Name","Action","Result","Bytes","Quality checks","Message"',
    )
    const csv = parseCsv(text)
    expect(csv).toHaveLength(5) // header and 4 entries
    expect(csv[1]!.slice(1, 6)).toEqual([
      DEMO_OPERATOR.loginId,
      '2',
      saved.name,
      'Save photo',
      'Done',
    ])
    const size = Number(csv[1]![6])
    expect(size).toBeGreaterThan(1000)
    expect(size).toBeLessThanOrEqual(16_000)
    expect(csv[4]!.slice(4, 6)).toEqual(['Undo', 'Done'])

    // Signing out wipes it; the next sign-in in this tab starts empty.
    // The photo BioStar refused is still on this device: Sign out says so first.
    await page.getByRole('button', { name: 'Sign out' }).click()
    const leaving = page.getByRole('dialog', { name: 'Sign out' })
    await expect
      .poll(() => leaving.getByTestId('sign-out-waiting').textContent())
      .toContain('1 photo has not reached BioStar yet')
    await leaving.getByRole('button', { name: 'Sign out' }).click()
    await page.getByLabel('Login ID').waitFor()
    expect(await page.evaluate(() => sessionStorage.getItem('photo-desk:log'))).toBeNull()
    await signInOn(page)
    await page.getByLabel('User ID').waitFor()
    await page.getByRole('link', { name: 'Session log' }).click()
    await page.getByTestId('log-empty').waitFor()
    expect(await page.getByTestId('log-entry').count()).toBe(0)
    expect(pageErrors).toEqual([])
    await close()
  })
})
