// The Diagnostics screen in real Chromium with a fake camera: reachable before sign-in, the rows
// support asks about, "Check camera", "Copy report" read back from the clipboard (without the
// session id or the password), and the proxy's own message when BioStar cannot be reached.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { startApp } from '../helpers/app-server.ts'
import type { Page } from 'playwright-core'
import { newTestContext } from '../helpers/chromium.ts'
import { openDesk } from '../helpers/desk-page.ts'
import { DEMO_OPERATOR } from '../../sim/index.ts'

const VERSION = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
  .version as string
const CLIPBOARD = ['clipboard-read', 'clipboard-write']

const suite = useBrowserSuite()

const rowText = (page: Page, id: string) => page.getByTestId(`diag-${id}`).locator('dd').innerText()

async function copyReport(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Copy report' }).click()
  await page.getByTestId('copy-status').filter({ hasText: 'Report copied' }).waitFor()
  return page.evaluate(() => navigator.clipboard.readText())
}

describe('diagnostics', () => {
  it('opens before sign-in, checks the camera and copies a plain-text report', async () => {
    const { context, pageErrors } = await newTestContext(suite.browser, { permissions: CLIPBOARD })
    const page = await context.newPage()
    await page.goto(`${suite.app.url}/diagnostics`)
    await page.getByRole('heading', { name: 'Diagnostics', level: 1 }).waitFor()
    expect(page.url()).toBe(`${suite.app.url}/diagnostics`) // not sent to sign-in

    await expect.poll(() => rowText(page, 'server')).toMatch(/^answers in \d+ ms \(median of 3\)$/)
    expect(await rowText(page, 'secure')).toBe('yes')
    expect(await rowText(page, 'version')).toBe(VERSION)
    expect(await rowText(page, 'session')).toBe('not signed in')
    await expect.poll(() => rowText(page, 'mode')).toBe('demo (the built-in simulator)')
    expect(await rowText(page, 'network')).toBe('online')
    // Without a grant headless Chromium says "denied" while its fake UI still accepts
    // getUserMedia (and shows fake names anyway): the row must say what the browser says.
    const state = await page.evaluate(() =>
      navigator.permissions.query({ name: 'camera' as PermissionName }).then((p) => p.state),
    )
    const words = { granted: 'allowed', denied: 'blocked', prompt: 'not asked yet' }
    await expect
      .poll(() => rowText(page, 'camera-permission'))
      .toMatch(new RegExp(`^${words[state]}`))

    await page.getByRole('button', { name: 'Check camera' }).click()
    await expect.poll(() => rowText(page, 'cameras')).toMatch(/^1: \S+/)
    const cameraName = (await rowText(page, 'cameras')).replace(/^1: /, '')
    // The camera was let go at once: no track keeps it busy.
    expect(await page.evaluate(() => document.querySelectorAll('video').length)).toBe(0)

    // The first visit installs the offline copy meanwhile; the row follows it.
    await expect
      .poll(() => rowText(page, 'worker'), { timeout: 15_000 })
      .toMatch(/^installed and in use, version [0-9a-f]{12}$/)

    const report = await copyReport(page)
    expect(report.startsWith('Photo Desk diagnostics\nCreated: ')).toBe(true)
    expect(report).toContain('Secure context: yes\n')
    expect(report).toMatch(/BioStar server: answers in \d+ ms \(median of 3\)\n/)
    expect(report).toContain(`Version: ${VERSION}\n`)
    expect(report).toContain(`Cameras found: 1: ${cameraName}\n`)
    expect(report).toContain('Session: not signed in\n')
    expect(report).toMatch(/Offline copy: installed and in use, version [0-9a-f]{12}\n/)
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('signed in: who, last activity and the timeout, and no session id or password in the report', async () => {
    const desk = await openDesk(suite.browser, suite.app.url)
    const { page, context } = desk
    // A grant replaces the origin's set: keep the camera the desk was given.
    await context.grantPermissions([...CLIPBOARD, 'camera'], { origin: suite.app.url })
    await page.getByRole('link', { name: 'Diagnostics' }).click()
    await page.getByRole('heading', { name: 'Diagnostics', level: 1 }).waitFor()

    const name = await page.getByTestId('operator-name').innerText()
    expect(await rowText(page, 'session')).toBe(
      `signed in as ${name.replace(/^Signed in as /, '')} (${DEMO_OPERATOR.loginId})`,
    )
    expect(await rowText(page, 'last-activity')).toBe('just now')
    expect(await rowText(page, 'expires')).toContain(
      'after ~60 min of inactivity (server setting); about 60 min left',
    )
    expect(await rowText(page, 'camera-permission')).toBe('allowed')

    const sessionId = await page.evaluate(
      () => JSON.parse(sessionStorage.getItem('photo-desk:session') ?? '{}').sessionId as string,
    )
    expect(sessionId.length).toBeGreaterThan(8)
    const report = await copyReport(page)
    expect(report).toContain(`(${DEMO_OPERATOR.loginId})`)
    expect(report).not.toContain(sessionId)
    expect(report).not.toContain(DEMO_OPERATOR.password)
    expect(desk.pageErrors).toEqual([])
    await desk.close()
  })

  it('shows the proxy’s message when the BioStar server cannot be reached', async () => {
    // Nothing listens on port 9 (discard): the proxy answers 502 with its own explanation.
    const down = await startApp({ plugin: { biostarUrl: 'http://127.0.0.1:9' } })
    try {
      const { context } = await newTestContext(suite.browser)
      const page = await context.newPage()
      await page.goto(`${down.url}/diagnostics`)
      await expect
        .poll(() => rowText(page, 'server'), { timeout: 20_000 })
        .toContain('does not answer')
      expect(await rowText(page, 'server')).toContain('http://127.0.0.1:9')
      expect(await page.getByTestId('diag-server').getAttribute('class')).toContain('bad')
      await context.close()
    } finally {
      await down.close()
    }
  })
})
