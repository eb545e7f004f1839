// What the desk says about a stored photo: readers keep 16 KiB and decode baseline JPEG only.
import { describe, expect, it } from 'vitest'
import { deviceFit } from '@/photo/device-fit.ts'
import { concat, jpegHeaderOnly, makeJpeg, makePng } from '../../helpers/images.ts'

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')
const noise = (x: number, y: number): [number, number, number] => {
  const v = (x * 7919 + y * 104729) % 251
  return [v, (v * 3) % 256, (v * 7) % 256]
}

describe('deviceFit', () => {
  it('calls an empty or missing photo "none"', () => {
    expect(deviceFit(null)).toEqual({ kind: 'none' })
    expect(deviceFit('')).toEqual({ kind: 'none' })
  })

  it('passes a small baseline JPEG, counting its decoded bytes', () => {
    const jpeg = makeJpeg(64, 64, () => [200, 180, 160])
    expect(deviceFit(b64(jpeg))).toEqual({ kind: 'ok', bytes: jpeg.length })
    // BioStar may hand back base64 with line breaks: same answer.
    const wrapped = b64(jpeg).replace(/(.{76})/g, '$1\n')
    expect(deviceFit(wrapped)).toEqual({ kind: 'ok', bytes: jpeg.length })
  })

  it('flags a baseline JPEG over the 16,384-byte slot with its size', () => {
    const big = makeJpeg(400, 400, noise, 95)
    expect(big.length).toBeGreaterThan(16_384)
    expect(deviceFit(b64(big))).toEqual({
      kind: 'unfit',
      bytes: big.length,
      problems: ['too-large'],
    })
  })

  it('flags a progressive JPEG even when it is small', () => {
    const progressive = concat(jpegHeaderOnly(200, 200, { progressive: true }), new Uint8Array(500))
    expect(deviceFit(b64(progressive))).toMatchObject({ kind: 'unfit', problems: ['not-baseline'] })
  })

  it('finds the frame header after a 70 KB EXIF-like block', () => {
    const jpeg = makeJpeg(32, 32, () => [10, 20, 30])
    const app1 = new Uint8Array(65_000)
    app1.set([0xff, 0xe1, (64_998 >> 8) & 0xff, 64_998 & 0xff])
    const withApp1 = concat(jpeg.subarray(0, 2), app1, app1, jpeg.subarray(2))
    expect(deviceFit(b64(withApp1))).toMatchObject({ kind: 'unfit', problems: ['too-large'] })
  })

  it('flags a PNG or garbage as not a JPEG', () => {
    const png = makePng(16, 16, () => [1, 2, 3])
    expect(deviceFit(b64(png))).toEqual({
      kind: 'unfit',
      bytes: png.length,
      problems: ['not-jpeg'],
    })
    expect(deviceFit(b64(new Uint8Array(20_000).fill(7)))).toEqual({
      kind: 'unfit',
      bytes: 20_000,
      problems: ['too-large', 'not-jpeg'],
    })
  })
})
