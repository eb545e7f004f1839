import { describe, expect, it } from 'vitest'
import { inspectFile, MAX_FILE_BYTES, MAX_PIXELS } from '@/photo/index.ts'
import {
  jpegHeaderOnly,
  makeJpeg,
  makePng,
  pngHeaderOnly,
  webpHeaderOnly,
} from '../../helpers/images.ts'

const file = (data: Uint8Array<ArrayBuffer> | string, name = 'photo.jpg', type = 'image/jpeg') =>
  new File([data], name, { type })
const grey = () => [120, 130, 140] as [number, number, number]

describe('inspectFile', () => {
  it('accepts JPEG, PNG and WebP with their header size', async () => {
    const jpeg = makeJpeg(64, 48, grey)
    expect(await inspectFile(file(jpeg))).toEqual({
      ok: true,
      type: 'jpeg',
      width: 64,
      height: 48,
      bytes: jpeg.length,
    })
    expect(await inspectFile(file(makePng(5, 7, grey), 'a.png'))).toMatchObject({
      ok: true,
      type: 'png',
      width: 5,
      height: 7,
    })
    expect(await inspectFile(file(webpHeaderOnly(800, 600, 'VP8X'), 'a.webp'))).toMatchObject({
      ok: true,
      type: 'webp',
      width: 800,
      height: 600,
    })
  })

  it('refuses an empty file', async () => {
    expect(await inspectFile(file(''))).toEqual({ ok: false, reason: 'empty' })
  })

  it('refuses a file over 25 MB by its size alone, without reading it', async () => {
    const huge = {
      size: MAX_FILE_BYTES + 1,
      type: 'image/jpeg',
      slice() {
        throw new Error('must not read')
      },
      arrayBuffer() {
        throw new Error('must not read')
      },
    } as unknown as Blob
    expect(await inspectFile(huge)).toEqual({
      ok: false,
      reason: 'too-large-bytes',
      detail: { bytes: MAX_FILE_BYTES + 1, limit: MAX_FILE_BYTES },
    })
  })

  it('refuses a PNG declaring 30000 x 30000 from its header, before decoding', async () => {
    const check = await inspectFile(file(pngHeaderOnly(30_000, 30_000), 'bomb.png'))
    expect(check).toEqual({
      ok: false,
      reason: 'too-many-pixels',
      detail: { type: 'png', bytes: 33, width: 30_000, height: 30_000, limit: MAX_PIXELS },
    })
  })

  it('draws the pixel limit at 50 megapixels', async () => {
    expect(await inspectFile(file(jpegHeaderOnly(8000, 6250)))).toMatchObject({ ok: true })
    expect(await inspectFile(file(jpegHeaderOnly(8000, 6251)))).toMatchObject({
      ok: false,
      reason: 'too-many-pixels',
    })
  })

  it('names HEIC, GIF and SVG so the message can say what to do', async () => {
    const heic = new Uint8Array([
      0,
      0,
      0,
      0x18,
      ...new TextEncoder().encode('ftypheic\0\0\0\0mif1heic'),
    ])
    expect(await inspectFile(file(heic, 'IMG_0001.HEIC', 'image/heic'))).toMatchObject({
      ok: false,
      reason: 'heic',
    })
    expect(await inspectFile(file('GIF89a\x01\x00\x01\x00', 'a.gif'))).toMatchObject({
      ok: false,
      reason: 'gif',
    })
    expect(
      await inspectFile(file('<svg xmlns="http://www.w3.org/2000/svg"/>', 'a.svg')),
    ).toMatchObject({ ok: false, reason: 'svg' })
  })

  it('judges by content, not by name: a text file named .jpg is unsupported', async () => {
    expect(await inspectFile(file('just some notes\n', 'x.jpg', 'image/jpeg'))).toEqual({
      ok: false,
      reason: 'unsupported',
      detail: { type: 'unknown', bytes: 16 },
    })
    const bmp = new Uint8Array([0x42, 0x4d, 0x3a, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0])
    expect(await inspectFile(file(bmp, 'a.bmp'))).toMatchObject({
      ok: false,
      reason: 'unsupported',
      detail: { type: 'bmp' },
    })
  })

  it('reports a cut-off or broken header as unreadable', async () => {
    const jpeg = makeJpeg(64, 48, grey)
    // jpeg-js writes APP0 and the tables before the frame header: 40 bytes stop well short of it.
    expect(await inspectFile(file(jpeg.subarray(0, 40)))).toMatchObject({
      ok: false,
      reason: 'unreadable-header',
      detail: { type: 'jpeg' },
    })
    expect(await inspectFile(file(pngHeaderOnly(10, 10).subarray(0, 12), 'a.png'))).toMatchObject({
      ok: false,
      reason: 'unreadable-header',
    })
  })

  it('reads further when EXIF and ICC segments push the frame header past 64 KB', async () => {
    const head = jpegHeaderOnly(4032, 3024)
    const segments: number[] = []
    for (let i = 0; i < 3; i++)
      segments.push(0xff, 0xe2, 0xff, 0xff, ...new Array<number>(65_533).fill(i))
    const data = new Uint8Array([...head.subarray(0, 2), ...segments, ...head.subarray(2)])
    expect(await inspectFile(file(data))).toMatchObject({ ok: true, width: 4032, height: 3024 })
  })
})
