// Korean must render as Korean in every browser test and screenshot, not as empty boxes ("tofu"):
// a font with Hangul (Debian's fonts-noto-cjk, installed by scripts/find-chromium.mjs) is there,
// and Chromium draws Hangul with it.
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { useBrowserSuite } from '../helpers/browser-suite.ts'

const INSTALL =
  'Install one: sudo apt-get install fonts-noto-cjk (Debian), then run the tests again.'
const suite = useBrowserSuite({ app: false, fakeCamera: false })

describe('Korean fonts', () => {
  it('fontconfig knows a font with Korean glyphs', () => {
    const list = spawnSync('fc-list', [':lang=ko', 'family'], { encoding: 'utf8' })
    if (list.error) return // no fontconfig tools: the drawing test below decides
    expect(list.stdout.trim(), `No Korean font installed. ${INSTALL}`).not.toBe('')
  })

  it('Chromium draws Hangul as letters, not as the missing-glyph box', async () => {
    const page = await suite.browser.newPage()
    // The app's own font stack (src/assets/main.css), so this is what the screens get.
    const pixels = await page.evaluate(() => {
      const draw = (text: string) => {
        const canvas = document.createElement('canvas')
        canvas.width = 200
        canvas.height = 60
        const ctx = canvas.getContext('2d')!
        ctx.font =
          "40px system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK KR', sans-serif"
        ctx.fillText(text, 5, 45)
        return Array.from(ctx.getImageData(0, 0, 200, 60).data)
      }
      // Two syllables that share no stroke pattern, and two code points no font has.
      return { han: draw('한'), gul: draw('글'), missing: draw('\u0378'), missing2: draw('\u0379') }
    })
    await page.close()
    const same = (a: number[], b: number[]) => a.every((v, i) => v === b[i])
    const inked = (a: number[]) => a.some((v, i) => i % 4 === 3 && v > 0)
    expect(inked(pixels.han), 'Hangul drew nothing').toBe(true)
    // Without a Korean font every missing glyph is the same box: both syllables would match it.
    expect(same(pixels.missing, pixels.missing2), 'the missing-glyph box is one shape').toBe(true)
    expect(same(pixels.han, pixels.missing), `Hangul renders as empty boxes. ${INSTALL}`).toBe(
      false,
    )
    expect(same(pixels.han, pixels.gul), `Hangul renders as empty boxes. ${INSTALL}`).toBe(false)
  })
})
