// Sign-in, reload, expiry and sign-out in real Chromium against the production build.
import { describe, expect, it } from 'vitest'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import type { Page } from 'playwright-core'
import { newTestContext } from '../helpers/chromium.ts'
import { DEMO_OPERATOR, DEMO_VIEWER } from '../../sim/index.ts'

const suite = useBrowserSuite({ fakeCamera: false })

async function signIn(page: Page, who: { loginId: string; password: string } = DEMO_OPERATOR) {
  await page.getByLabel('Login ID').fill(who.loginId)
  await page.getByLabel('Password', { exact: true }).fill(who.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

async function storageDump(page: Page) {
  return page.evaluate(async () => {
    const dbs = (await indexedDB.databases?.()) ?? []
    return {
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookies: document.cookie,
      idb: dbs.map((d) => d.name),
    }
  })
}

describe('signing in', () => {
  it('shows the demo operator and the Demo server badge only in demo mode', async () => {
    const { context, pageErrors } = await newTestContext(suite.browser)
    const page = await context.newPage()
    await page.goto(suite.app.url)
    await expect.poll(() => page.getByTestId('demo-badge').textContent()).toBe('Demo server')
    const creds = await page.getByTestId('demo-credentials').textContent()
    expect(creds).toContain(DEMO_OPERATOR.loginId)
    expect(creds).toContain(DEMO_OPERATOR.password)
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('explains a wrong password in an alert and sends no session header afterwards', async () => {
    const { context } = await newTestContext(suite.browser)
    const page = await context.newPage()
    await page.goto(suite.app.url)
    await signIn(page, { ...DEMO_OPERATOR, password: 'nope' })
    const alert = page.getByRole('alert')
    await expect.poll(() => alert.textContent()).toContain('login ID or password is wrong')
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('')
    await context.close()
  })

  it('signs in, survives a reload, re-signs in after expiry, and signs out clean', async () => {
    const { context, pageErrors } = await newTestContext(suite.browser)
    const page = await context.newPage()
    await page.goto(suite.app.url)
    await signIn(page)
    await page.getByRole('heading', { name: 'Enrollment desk' }).waitFor()
    expect(await page.getByTestId('operator-name').textContent()).toContain('Administrator')

    // Same tab, reloaded: still signed in.
    await page.reload()
    await page.getByRole('heading', { name: 'Enrollment desk' }).waitFor()
    const afterReload = await storageDump(page)
    expect(afterReload.session).not.toContain(DEMO_OPERATOR.password)
    expect(afterReload.local).not.toContain(DEMO_OPERATOR.password)

    // A new tab of the same browser is not signed in (sessionStorage is per tab).
    const other = await context.newPage()
    await other.goto(suite.app.url)
    await other.getByRole('button', { name: 'Sign in' }).waitFor()
    await other.close()

    // The server drops the session; the next call opens the dialog over the desk, and the
    // call that failed goes through after signing in again, with what was typed still there.
    suite.app.sim.expireSessions()
    await page.getByLabel('User ID').fill('2')
    await page.getByRole('button', { name: 'Find' }).click()
    const dialog = page.getByRole('dialog', { name: 'Session expired' })
    await dialog.waitFor()
    // It must be answered: Esc, even twice (Chromium then closes a modal anyway), leaves it open.
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.isVisible()).toBe(true)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('expired-password')
    await dialog.getByLabel('Password').fill(DEMO_OPERATOR.password)
    await dialog.getByRole('button', { name: 'Sign in' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByTestId('user-card').waitFor()
    expect(await page.getByTestId('user-name').textContent()).toBe(suite.app.sim.getUser('2')?.name)
    expect(await page.getByLabel('User ID').inputValue()).toBe('2')

    // Sign out: storage, cookies and IndexedDB hold nothing of the session or the password.
    const beforeOut = JSON.parse((await storageDump(page)).session)['photo-desk:session'] as string
    const oldSession = JSON.parse(beforeOut).sessionId as string
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    const after = await storageDump(page)
    expect(after.session).toBe('{}')
    expect(after.local).not.toContain(oldSession)
    expect(after.local).not.toContain(DEMO_OPERATOR.password)
    expect(after.cookies).toBe('')
    expect(after.idb).toEqual([])
    // The server ended that session too.
    const res = await fetch(`${suite.app.url}/api/users/1`, {
      headers: { 'bs-session-id': oldSession },
    })
    expect(res.status).toBe(401)
    await context.close()
    expect(pageErrors).toEqual([])
  })

  it('a read-only operator can sign in', async () => {
    const { context } = await newTestContext(suite.browser)
    const page = await context.newPage()
    await page.goto(suite.app.url)
    await signIn(page, DEMO_VIEWER)
    await page.getByRole('heading', { name: 'Enrollment desk' }).waitFor()
    await context.close()
  })
})
