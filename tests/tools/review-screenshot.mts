// Takes the photo review's README screenshot (docs/screenshots/review-1280x800.png) from a
// production build served with the simulator's realistic mess, as screenshots.mts does the desk's:
//   npx tsx tests/tools/review-screenshot.mts
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'
import { launchChromium } from '../helpers/chromium.ts'
import { startApp } from '../helpers/app-server.ts'
import { DEMO_OPERATOR } from '../../sim/index.ts'

const root = new URL('../..', import.meta.url).pathname
const out = join(root, 'docs/screenshots')
mkdirSync(out, { recursive: true })
await build({ root, logLevel: 'warn', build: { outDir: 'dist-test', emptyOutDir: true } })

const app = await startApp({ sim: { photoMess: true } })
const browser = await launchChromium({ fakeCamera: false })
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  await page.addInitScript(() =>
    localStorage.setItem('photo-desk:settings', JSON.stringify({ faceGuide: false })),
  )
  await page.goto(app.url)
  await page.getByLabel('Login ID').fill(DEMO_OPERATOR.loginId)
  await page.getByLabel('Password', { exact: true }).fill(DEMO_OPERATOR.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByLabel('User ID').waitFor()
  await page.getByRole('link', { name: 'Photo review' }).click()
  await page.getByRole('button', { name: 'Scan all users' }).click()
  await page.getByTestId('review-state').filter({ hasText: 'Scan finished' }).waitFor()
  // A photo readers cannot take, chosen: its problems and "Open on the desk" beside the grid.
  await page.locator('[data-badge="too-large"]').first().click()
  await page.getByTestId('review-detail').waitFor()
  await page.waitForTimeout(800)
  await page.screenshot({ path: join(out, 'review-1280x800.png'), fullPage: true })
  await context.close()
} finally {
  await browser.close()
  await app.close()
}
console.log(`screenshot written to ${out}/review-1280x800.png`)
