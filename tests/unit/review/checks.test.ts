import { describe, expect, it } from 'vitest'
import { checkPhoto, FIXABLE, sha256Hex } from '@/review/checks.ts'
import { deviceFit } from '@/photo/index.ts'
import { jpegHeaderOnly, makeJpeg, makePng } from '../../helpers/images.ts'

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')
const check = (bytes: Uint8Array) => checkPhoto(bytes)
const grey = () => [128, 128, 128] as [number, number, number]

describe('checkPhoto', () => {
  it('passes a small baseline JPEG of 240 px', () => {
    const jpeg = makeJpeg(240, 240, grey)
    expect(check(jpeg)).toEqual({
      bytes: jpeg.length,
      type: 'jpeg',
      width: 240,
      height: 240,
      problems: [],
    })
  })

  it('names a photo over the 16 KiB slot, and one under 200 px', () => {
    const noisy = makeJpeg(300, 300, (x, y) => [(x * 97) % 256, (y * 57) % 256, (x * y) % 256], 98)
    expect(noisy.length).toBeGreaterThan(16_384)
    expect(check(noisy).problems).toEqual(['too-large'])
    expect(check(makeJpeg(64, 64, grey)).problems).toEqual(['low-resolution'])
  })

  it('names progressive JPEGs and PNGs', () => {
    const progressive = jpegHeaderOnly(300, 300, { progressive: true })
    expect(check(progressive).problems).toEqual(['not-baseline'])
    const png = makePng(240, 240, grey)
    expect(check(png)).toMatchObject({ type: 'png', width: 240, problems: ['not-jpeg'] })
  })

  it('says a photo cannot be read when no frame header is found', () => {
    const broken = new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 4, 1, 2, 3, 4])
    expect(check(broken).problems).toEqual(['unreadable'])
    const garbage = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])
    expect(check(garbage).problems).toEqual(['not-jpeg', 'unreadable'])
  })

  it('says there is no photo for empty base64', () => {
    expect(checkPhoto(new Uint8Array()).problems).toEqual(['no-photo'])
  })

  it('names the reader problems exactly as the desk does (deviceFit), from one walk', () => {
    const noisy = makeJpeg(300, 300, (x, y) => [(x * 97) % 256, (y * 57) % 256, (x * y) % 256], 98)
    const fixtures = [
      makeJpeg(240, 240, grey),
      noisy,
      jpegHeaderOnly(300, 300, { progressive: true }),
      makePng(240, 240, grey),
    ]
    for (const bytes of fixtures) {
      const fit = deviceFit(b64(bytes))
      const expected = fit.kind === 'unfit' ? fit.problems : []
      expect(check(bytes).problems.filter((p) => FIXABLE.has(p))).toEqual(expected)
    }
  })
})

describe('sha256Hex', () => {
  it('hashes as the standard says', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })
})
