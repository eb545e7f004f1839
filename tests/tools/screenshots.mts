// Takes the README screenshots from a production build served with the simulator:
//   npx tsx tests/tools/screenshots.mts
// Writes docs/screenshots/*.png (desk, sign-in, batch, settings at the layouts the issues name).
import { mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import { launchChromium } from '../helpers/chromium.ts'
import { startApp } from '../helpers/app-server.ts'
import { writeY4m } from '../helpers/y4m.ts'
import { tsImport } from 'tsx/esm/api'
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

// A soft, face-like test card so the camera area looks like a camera, not a colour block: a
// head that fills the guide's oval (as a person following it would), shoulders below.
const clip = join(tmpdir(), 'photo-desk-shot.y4m')
// src/ imports itself through the `@/` alias, which only the app's tsconfig declares.
const { guideOval }: typeof import('../../src/face/oval.ts') = await tsImport(
  '../../src/face/oval.ts',
  { parentURL: import.meta.url, tsconfig: join(root, 'tsconfig.app.json') },
)
const head = guideOval(1280, 720)
writeY4m(
  clip,
  1280,
  720,
  (x, y) => {
    const dx = (x - head.cx) / head.rx
    const dy = (y - head.cy) / head.ry
    if (dx * dx + dy * dy < 1) return [222, 184, 160]
    const sx = (x - head.cx) / (head.rx * 2.6)
    const sy = (y - (head.cy + head.ry * 2.6)) / (head.ry * 1.5)
    if (sx * sx + sy * sy < 1) return [52, 82, 120]
    return [200 - y / 12, 208 - y / 14, 214 - y / 16]
  },
  2,
)

const app = await startApp()
const browser = await launchChromium({ fakeCamera: clip })
const LAYOUTS = [
  { name: '1280x800', width: 1280, height: 800, lang: 'en' },
  { name: '768x1024', width: 768, height: 1024, lang: 'en' },
  { name: '1024x768', width: 1024, height: 768, lang: 'en' },
  { name: '390x844', width: 390, height: 844, lang: 'en' },
  { name: 'ko-1280x800', width: 1280, height: 800, lang: 'ko' },
]
const LABELS = {
  en: {
    login: 'Login ID',
    password: 'Password',
    signIn: 'Sign in',
    userId: 'User ID',
    capture: 'Capture',
    newPhoto: 'New photo',
  },
  ko: {
    login: '로그인 ID',
    password: '비밀번호',
    signIn: '로그인',
    userId: '사용자 ID',
    capture: '촬영',
    newPhoto: '새 사진',
  },
}
try {
  for (const layout of LAYOUTS) {
    const context = await browser.newContext({
      viewport: { width: layout.width, height: layout.height },
      permissions: ['camera'],
      deviceScaleFactor: 1,
    })
    const page = await context.newPage()
    const l = LABELS[layout.lang as 'en' | 'ko']
    await page.addInitScript((lang) => localStorage.setItem('photo-desk:locale', lang), layout.lang)
    await page.goto(app.url)
    await page.getByRole('button', { name: l.signIn }).waitFor()
    await page.screenshot({ path: join(out, `sign-in-${layout.name}.png`) })
    await page.getByLabel(l.login).fill(DEMO_OPERATOR.loginId)
    await page.getByLabel(l.password, { exact: true }).fill(DEMO_OPERATOR.password)
    await page.getByRole('button', { name: l.signIn }).click()
    const id = page.getByLabel(l.userId)
    // One person already photographed, so the desk's recent saves show.
    await id.fill('4')
    await id.press('Enter')
    await page.getByTestId('user-card').waitFor()
    await page.getByRole('button', { name: l.capture, exact: true }).click()
    await page.getByAltText(l.newPhoto).waitFor()
    await page.keyboard.press('Enter')
    await page.locator('[data-test="desk-write"][data-state="stored"]').waitFor({ timeout: 30_000 })
    await id.fill('5')
    await id.press('Enter')
    await page.getByTestId('user-card').waitFor()
    await page.waitForTimeout(1500)
    await page.screenshot({ path: join(out, `live-${layout.name}.png`) })
    await page.getByRole('button', { name: l.capture, exact: true }).click()
    await page.getByAltText(l.newPhoto).waitFor()
    await page.waitForTimeout(300)
    await page.screenshot({ path: join(out, `desk-${layout.name}.png`), fullPage: true })
    await context.close()
  }
} finally {
  await browser.close()
  await app.close()
  rmSync(clip, { force: true })
}
console.log(`screenshots written to ${out}`)
