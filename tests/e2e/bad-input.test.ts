// Whatever a clerk drops on the desk or types as an ID ends in a clear message: no request is
// sent, nothing is lost and the tab stays responsive. Good pictures in odd formats still work.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { openDesk, findUser } from '../helpers/desk-page.ts'
import { DEMO_OPERATOR } from '../../sim/index.ts'
import {
  decodeJpeg,
  makeCmykJpeg,
  makeJpeg,
  makeOrientedJpeg,
  makePng,
  pngHeaderOnly,
  type Orientation,
} from '../helpers/images.ts'
import { expectQuadrants, quadrants } from '../helpers/quadrants.ts'

// About inputs and records, not faces: no face model, the centred crop at once.
const NO_FACES = { settings: { faceGuide: false } }

const suite = useBrowserSuite({ fakeCamera: false })
let page: Page
let close: () => Promise<void>

beforeAll(async () => {
  ;({ page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, NO_FACES))
  await findUser(page, '20')
})
afterAll(async () => {
  await close?.()
})

async function drop(name: string, mimeType: string, buffer: Buffer) {
  const input = page.getByLabel('Choose photo file')
  // Playwright sends buffers over 50 MB only from disk.
  if (buffer.length > 40 * 1024 * 1024) {
    const dir = mkdtempSync(join(tmpdir(), 'photo-desk-big-'))
    const path = join(dir, name)
    writeFileSync(path, buffer)
    try {
      await input.setInputFiles(path)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  } else await input.setInputFiles({ name, mimeType, buffer })
}

const apiCalls = () => suite.app.sim.requests.length

describe('files that must be refused', () => {
  const jpeg = Buffer.from(makeJpeg(600, 400, quadrants(600, 400)))
  const cases: Array<[string, string, string, () => Buffer, RegExp]> = [
    ['a zero-byte file', 'empty.jpg', 'image/jpeg', () => Buffer.alloc(0), /empty/],
    [
      'a text file named .jpg',
      'notes.jpg',
      'image/jpeg',
      () => Buffer.from('hello\n'.repeat(100)),
      /not a JPEG, PNG or WebP/,
    ],
    [
      'a truncated JPEG',
      'cut.jpg',
      'image/jpeg',
      () => jpeg.subarray(0, Math.floor(jpeg.length / 3)),
      /damaged|cut short|incomplete/,
    ],
    [
      'a PNG declaring 30000x30000 pixels',
      'bomb.png',
      'image/png',
      () => Buffer.from(pngHeaderOnly(30000, 30000)),
      /900 megapixels.*limit is 50/,
    ],
    [
      'a 60 MB file',
      'huge.jpg',
      'image/jpeg',
      () => Buffer.concat([jpeg.subarray(0, 4), Buffer.alloc(60 * 1024 * 1024)]),
      /limit is 25 MB/,
    ],
    [
      'an SVG with a script',
      'logo.svg',
      'image/svg+xml',
      () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      /SVG/,
    ],
    [
      'an animated GIF',
      'anim.gif',
      'image/gif',
      () =>
        Buffer.concat([
          Buffer.from('GIF89a'),
          Buffer.from([10, 0, 10, 0, 0, 0, 0]),
          Buffer.from('NETSCAPE2.0'),
        ]),
      /GIF/,
    ],
    [
      'a HEIC photo',
      'IMG_0001.HEIC',
      'image/heic',
      () => Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(12)]),
      /Convert it to JPEG/,
    ],
  ]

  it.each(cases)(
    'refuses %s with a message and no request',
    async (_label, name, mime, make, message) => {
      const before = apiCalls()
      await drop(name, mime, make())
      const alert = page.getByTestId('intake-error')
      await expect.poll(() => alert.textContent()).toMatch(message)
      expect(apiCalls()).toBe(before)
      // Still responsive, still the same user, nothing to save.
      expect(await page.evaluate(() => 1 + 1)).toBe(2)
      expect(await page.getByRole('button', { name: 'Save photo' }).isDisabled()).toBe(true)
    },
  )
})

describe('pictures that must work', () => {
  async function saveAndRead(userId: string) {
    await page.getByAltText('New photo').waitFor()
    await page.getByRole('button', { name: 'Save photo' }).click()
    await expect.poll(() => page.getByTestId('status').textContent()).toContain(`(ID ${userId})`)
    const stored = suite.app.sim.getUser(userId)!.photo!
    return decodeJpeg(new Uint8Array(Buffer.from(stored, 'base64')))
  }

  it('takes a CMYK JPEG', async () => {
    await findUser(page, '21')
    await drop('cmyk.jpg', 'image/jpeg', Buffer.from(makeCmykJpeg(320, 320, quadrants(320, 320))))
    expectQuadrants(await saveAndRead('21'))
  })

  it('takes a 16-bit PNG', async () => {
    await findUser(page, '22')
    await drop(
      'deep.png',
      'image/png',
      Buffer.from(makePng(320, 320, quadrants(320, 320), { bitDepth: 16 })),
    )
    expectQuadrants(await saveAndRead('22'))
  })

  it.each([1, 2, 3, 4, 5, 6, 7, 8] as Orientation[])(
    'stores a JPEG with EXIF orientation %i upright',
    async (orientation) => {
      const userId = String(30 + orientation)
      await findUser(page, userId)
      await drop(
        `o${orientation}.jpg`,
        'image/jpeg',
        Buffer.from(makeOrientedJpeg(480, 320, quadrants(480, 320), orientation)),
      )
      expectQuadrants(await saveAndRead(userId))
    },
  )
})

describe('user IDs', () => {
  it.each([
    ['', 'Type a user ID'],
    ['0', 'only zeros'],
    ['4294967295', 'from 1 to 4294967294'],
    ['-7', 'are numbers'],
    ['../../api/login', 'are numbers'],
    ['1'.repeat(33), 'from 1 to 4294967294'],
    ['없는 사람', 'are numbers'],
    ['12 34', 'are numbers'],
  ])('refuses %j before any request', async (input, message) => {
    const before = apiCalls()
    const field = page.getByLabel('User ID')
    await field.fill(input)
    await field.press('Enter')
    await expect.poll(() => page.locator('#user-id-message').textContent()).toContain(message)
    expect(apiCalls()).toBe(before)
  })

  it('takes a name in the list as that person, not as a bad ID', async () => {
    const field = page.getByLabel('User ID')
    await field.fill('김민준')
    await field.press('Enter')
    await page.getByTestId('user-card').filter({ hasText: 'ID 4' }).waitFor()
    expect((await page.locator('#user-id-message').textContent())?.trim()).toBe('')
  })

  it('trims and sends a valid id, encoded in the path', async () => {
    await page.getByLabel('User ID').fill('  23 ')
    await page.getByLabel('User ID').press('Enter')
    await page.getByTestId('user-card').filter({ hasText: 'ID 23' }).waitFor()
    expect(suite.app.sim.requests.at(-1)?.path).toBe('/api/users/23')
  })
})
