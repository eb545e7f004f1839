// The production build under its exact Content-Security-Policy, served the way a small site runs
// it: `vite preview` over HTTPS (server/https.ts) with the securityHeaders() plugin and the
// simulator. Every screen the desk uses must work without one CSP violation or foreign request.
import { describe, expect, it } from 'vitest'
import { newTestContext } from '../helpers/chromium.ts'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { signInOn } from '../helpers/desk-page.ts'
import { makeJpeg } from '../helpers/images.ts'
import { watchCsp } from '../helpers/nginx.ts'
import { CONTENT_SECURITY_POLICY } from '../../server/security-headers.ts'

const suite = useBrowserSuite({
  fakeCamera: false,
  // A copy: another test run's global setup may rebuild dist-test while this file runs.
  app: { copy: true, https: true, securityHeaders: true, sim: { seed: 4 } },
})

describe('the build under its Content-Security-Policy', () => {
  it('signs in, finds, uploads, saves, searches and switches language without a violation', async () => {
    const { url: base, sim } = suite.app
    expect(base).toMatch(/^https:/)
    const { context, requests, pageErrors } = await newTestContext(suite.browser, {
      ignoreHTTPSErrors: true,
    })
    const violations = await watchCsp(context)
    const page = await context.newPage()
    const response = await page.goto(base)
    const headers = response!.headers()
    expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(headers['strict-transport-security']).toBeTruthy()

    await signInOn(page)
    await page.getByLabel('User ID').waitFor()
    await page.keyboard.type('3')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('user-card').textContent()).toContain('ID 3')

    // A file through the whole pipeline: decode, crop editor (style bindings), blob preview.
    const jpeg = makeJpeg(640, 480, (x, y) => [(x * 255) / 640, (y * 255) / 480, 120])
    await page.getByLabel('Choose photo file').setInputFiles({
      name: 'photo.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from(jpeg),
    })
    await page.getByAltText('New photo').waitFor()
    const put = page.waitForResponse(
      (r) => r.request().method() === 'PUT' && r.url().endsWith('/api/users/3'),
    )
    await page.getByRole('button', { name: 'Save photo' }).click()
    const saved = page.getByRole('status').filter({ hasText: 'Photo saved' })
    await expect.poll(() => saved.textContent(), { timeout: 15_000 }).toContain('ID 3')
    // Saved with BioStar 2.9.12+'s own security headers on its answer.
    expect((await put).headers()).toMatchObject({
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-frame-options': expect.any(String),
    })
    expect(sim.getUser('3')?.photo?.startsWith('/9j/')).toBe(true)
    // The saved photo comes back as a data: image in the card.
    await page.getByAltText('Current photo').first().waitFor()

    // The user list (progress bar width is a style binding) and the remove dialog.
    const target = sim.getUser('5')!
    const search = page.getByRole('combobox', { name: 'User ID' })
    await search.fill([...target.name].slice(0, 3).join(''))
    await page.getByRole('option').filter({ hasText: target.name }).first().click()
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe(target.name)
    await page.getByLabel('User ID').fill('3')
    await page.getByLabel('User ID').press('Enter')
    await expect.poll(() => page.getByTestId('user-card').textContent()).toContain('ID 3')
    await page.getByRole('button', { name: 'Remove photo' }).click()
    const dialog = page.getByRole('dialog', { name: 'Remove the photo?' })
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'hidden' })

    // Korean and back: the header's language select.
    await page.getByLabel('Language').selectOption('ko')
    await expect.poll(() => page.getByRole('button', { name: '사진 저장' }).count()).toBe(1)
    await page.getByLabel('언어').selectOption('en')
    await page.getByRole('button', { name: 'Save photo' }).waitFor()

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('button', { name: 'Sign in' }).waitFor()

    expect(violations()).toEqual([])
    expect(pageErrors).toEqual([])
    const foreign = requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== base)
    expect(foreign).toEqual([])

    // Control: the policy is enforced and the watcher sees it, so "no violation" means something.
    // (Code run by page.evaluate itself is exempt from CSP, so the check injects a script tag.)
    const ran = await page.evaluate(() => {
      const script = document.createElement('script')
      script.textContent = 'window.inlineRan = true'
      document.body.append(script)
      return (window as unknown as { inlineRan?: boolean }).inlineRan === true
    })
    expect(ran).toBe(false)
    await expect.poll(() => violations().some((v) => v.includes('script-src'))).toBe(true)
    await context.close()
  })
})
