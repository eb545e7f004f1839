// Takes the README screenshots from a production build served with the simulator:
//   npx tsx tests/tools/screenshots.mts
// Writes docs/screenshots/*.png (desk, sign-in, batch, settings at the layouts the issues name;
// kiosk mode and the idle lock's countdown).
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import { launchChromium } from '../helpers/chromium.ts'
import { startApp } from '../helpers/app-server.ts'
import { makeJpeg } from '../helpers/images.ts'
import { SAMPLE_FACES, faceScene, writeFaceClip } from '../e2e/pages/face-lab.server.ts'
import { DEMO_OPERATOR } from '../../sim/index.ts'

const root = new URL('../..', import.meta.url).pathname
// Korean screenshots need a Korean font, or they show empty boxes: installed when missing (as
// root), as `npm test` does. A plain .mjs without types, hence the path in a variable.
const fontsScript = '../../scripts/find-chromium.mjs'
const fonts = (await import(fontsScript)) as { ensureKoreanFonts(): boolean }
if (!fonts.ensureKoreanFonts()) process.exit(1)
const out = join(root, 'docs/screenshots')
mkdirSync(out, { recursive: true })
await build({ root, logLevel: 'warn', build: { outDir: 'dist-test', emptyOutDir: true } })

// Real faces (face-api's sample photographs), never drawings: the camera shows a person at the
// desk, and the person on the desk has an older photo of the same face, framed tighter.
const clip = join(tmpdir(), 'photo-desk-shot.y4m')
writeFaceClip(clip, SAMPLE_FACES.single, { width: 1280, height: 720, headShare: 0.42 })
const olderPhoto = makeJpeg(
  240,
  240,
  faceScene(SAMPLE_FACES.single, { width: 240, height: 240, headShare: 0.62, eyeLine: 0.42 }),
  72,
)
/** A real 1920 x 1280 photograph (144,516 bytes): what BioStar's own dialog lets through. */
const require = createRequire(import.meta.url)
const oversized = readFileSync(require.resolve('@vladmandic/face-api/demo/sample1.jpg'))

const app = await startApp()
app.sim.setPhoto('5', Buffer.from(olderPhoto).toString('base64'))
app.sim.setPhoto('23', oversized.toString('base64'))
const browser = await launchChromium({ fakeCamera: clip })
const SIZES = [
  { size: '1280x800', width: 1280, height: 800, touch: false },
  { size: '1024x768', width: 1024, height: 768, touch: false },
  { size: '768x1024', width: 768, height: 1024, touch: true },
  { size: '390x844', width: 390, height: 844, touch: true },
]
const LAYOUTS = (['en', 'ko'] as const).flatMap((lang) =>
  SIZES.map((s) => ({ ...s, lang, name: lang === 'en' ? s.size : `ko-${s.size}` })),
)
const LABELS = {
  en: {
    login: 'Login ID',
    password: 'Password',
    signIn: 'Sign in',
    userId: 'User ID',
    capture: 'Capture',
    newPhoto: 'New photo',
    save: 'Save photo',
  },
  ko: {
    login: '로그인 ID',
    password: '비밀번호',
    signIn: '로그인',
    userId: '사용자 ID',
    capture: '촬영',
    newPhoto: '새 사진',
    save: '사진 저장',
  },
}
try {
  for (const layout of LAYOUTS) {
    const context = await browser.newContext({
      viewport: { width: layout.width, height: layout.height },
      permissions: ['camera'],
      deviceScaleFactor: 1,
      hasTouch: layout.touch,
      isMobile: layout.width < 500,
    })
    const page = await context.newPage()
    const l = LABELS[layout.lang]
    await page.addInitScript((lang) => localStorage.setItem('photo-desk:locale', lang), layout.lang)
    await page.goto(app.url)
    await page.getByRole('button', { name: l.signIn }).waitFor()
    await page.screenshot({ path: join(out, `sign-in-${layout.name}.png`) })
    await page.getByLabel(l.login).fill(DEMO_OPERATOR.loginId)
    await page.getByLabel(l.password, { exact: true }).fill(DEMO_OPERATOR.password)
    await page.getByRole('button', { name: l.signIn }).click()
    const id = page.getByLabel(l.userId)
    await id.waitFor()
    await page.waitForTimeout(300)
    await page.screenshot({ path: join(out, `empty-${layout.name}.png`) })
    // One person already photographed, so the desk's recent saves show.
    await id.fill('4')
    await id.press('Enter')
    await page.getByTestId('user-card').waitFor()
    await page.getByRole('button', { name: l.capture, exact: true }).click()
    await page.getByAltText(l.newPhoto).waitFor()
    await page.getByRole('button', { name: l.save }).click()
    await page.locator('[data-test="desk-write"][data-state="stored"]').waitFor({ timeout: 30_000 })
    await id.fill('5')
    await id.press('Enter')
    await page.getByTestId('user-card').filter({ hasText: '5' }).waitFor()
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    // The live guide has found the face and says so.
    await page.waitForTimeout(3500)
    await page.screenshot({ path: join(out, `live-${layout.name}.png`) })
    await page.getByRole('button', { name: l.capture, exact: true }).click()
    await page.getByAltText(l.newPhoto).waitFor()
    await page.waitForTimeout(1500)
    await page.screenshot({ path: join(out, `desk-${layout.name}.png`) })
    await page.getByRole('button', { name: l.save }).click()
    await page.getByTestId('toast').waitFor()
    await page.waitForTimeout(400)
    await page.screenshot({ path: join(out, `saved-${layout.name}.png`) })
    if (layout.name === '1280x800') {
      await id.fill('23')
      await id.press('Enter')
      await page.getByTestId('photo-fit').filter({ hasText: 'Too large' }).waitFor()
      await page.waitForTimeout(2500)
      await page.screenshot({ path: join(out, `oversized-${layout.name}.png`) })
    }
    await context.close()
  }
  // Kiosk mode on a landscape tablet (the desk alone, a person found), and the idle lock's
  // countdown: page time is Playwright's clock, so the idle minutes pass at once.
  const context = await browser.newContext({
    viewport: { width: 1024, height: 768 },
    permissions: ['camera'],
    deviceScaleFactor: 1,
  })
  await context.clock.install({ time: Date.now() })
  const page = await context.newPage()
  await page.goto(app.url)
  await page.getByLabel('Login ID').fill(DEMO_OPERATOR.loginId)
  await page.getByLabel('Password', { exact: true }).fill(DEMO_OPERATOR.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByLabel('User ID').waitFor()
  await page.goto(`${app.url}/settings`)
  await page.getByLabel('Kiosk mode').click()
  const id = page.getByLabel('User ID')
  await id.fill('6')
  await id.press('Enter')
  await page.getByTestId('user-card').waitFor()
  await page.waitForTimeout(1500)
  await page.screenshot({ path: join(out, 'kiosk-1024x768.png') })
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.clock.fastForward('15:05')
  await page.getByRole('alertdialog').waitFor()
  await page.waitForTimeout(300)
  await page.screenshot({ path: join(out, 'idle-countdown-1280x800.png') })
  await context.close()
} finally {
  await browser.close()
  await app.close()
  rmSync(clip, { force: true })
}
console.log(`screenshots written to ${out}`)
