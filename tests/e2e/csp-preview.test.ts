// The production build under its exact Content-Security-Policy, served the way a small site runs
// it: `vite preview` over HTTPS (server/https.ts) with the securityHeaders() plugin and the
// simulator. Every screen the desk uses must work without one CSP violation or foreign request.
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { preview, type PreviewServer } from 'vite'
import type { Browser } from 'playwright-core'
import { launchChromium, newTestContext } from '../helpers/chromium.ts'
import { makeJpeg } from '../helpers/images.ts'
import { watchCsp } from '../helpers/nginx.ts'
import { biostar } from '../../server/biostar-plugin.ts'
import { previewHttps } from '../../server/https.ts'
import { CONTENT_SECURITY_POLICY, securityHeaders } from '../../server/security-headers.ts'
import { createSimulator, DEMO_OPERATOR, type Simulator } from '../../sim/index.ts'
import { E2E_OUT_DIR } from './global-setup.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

let dir: string
let sim: Simulator
let server: PreviewServer
let base: string
let browser: Browser

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'photo-desk-csp-'))
  // A copy: another test run's global setup may rebuild dist-test while this file runs.
  cpSync(join(root, E2E_OUT_DIR), join(dir, 'dist'), { recursive: true })
  sim = createSimulator({ seed: 4 })
  const https = await previewHttps({ HTTPS: '1' }, { cacheDir: join(dir, 'cert'), log: () => {} })
  ;[server, browser] = await Promise.all([
    preview({
      root,
      configFile: false,
      logLevel: 'warn',
      build: { outDir: join(dir, 'dist') },
      preview: { port: 0, host: '127.0.0.1', https },
      plugins: [biostar({ biostarUrl: '', simulator: sim }), securityHeaders()],
    }),
    launchChromium(),
  ])
  const address = server.httpServer.address()
  if (!address || typeof address === 'string') throw new Error('preview server has no port')
  base = `https://127.0.0.1:${address.port}`
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await sim?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('the build under its Content-Security-Policy', () => {
  it('signs in, finds, uploads, saves, searches and switches language without a violation', async () => {
    const { context, requests, pageErrors } = await newTestContext(browser, {
      ignoreHTTPSErrors: true,
    })
    const violations = await watchCsp(context)
    const page = await context.newPage()
    const response = await page.goto(base)
    const headers = response!.headers()
    expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(headers['strict-transport-security']).toBeTruthy()

    await page.getByLabel('Login ID').fill(DEMO_OPERATOR.loginId)
    await page.getByLabel('Password', { exact: true }).fill(DEMO_OPERATOR.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
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
    await page.getByRole('button', { name: 'Save photo' }).click()
    const saved = page.getByRole('status').filter({ hasText: 'Photo saved' })
    await expect.poll(() => saved.textContent(), { timeout: 15_000 }).toContain('ID 3')
    expect(sim.getUser('3')?.photo?.startsWith('/9j/')).toBe(true)
    // The saved photo comes back as a data: image in the card.
    await page.getByAltText('Current photo').first().waitFor()

    // The user list (progress bar width is a style binding) and the remove dialog.
    const target = sim.getUser('5')!
    const search = page.getByRole('combobox', { name: 'Search users' })
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
