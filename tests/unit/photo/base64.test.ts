import { describe, expect, it } from 'vitest'
import {
  base64ByteLength,
  base64ToBlob,
  base64ToBytes,
  base64ToDataUrl,
  blobToBase64,
  cleanBase64,
} from '@/photo/index.ts'
import { makeJpeg, makePng } from '../../helpers/images.ts'

const grey = () => [90, 90, 90] as [number, number, number]

describe('base64', () => {
  it('round-trips bytes through FileReader, without the data: prefix', async () => {
    const bytes = new Uint8Array(1000).map((_, i) => (i * 37 + 11) & 0xff)
    const base64 = await blobToBase64(new Blob([bytes], { type: 'image/jpeg' }))
    expect(base64).not.toContain('data:')
    expect(base64).not.toContain(',')
    expect(base64).toBe(Buffer.from(bytes).toString('base64'))
    expect(base64ToBytes(base64)).toEqual(bytes)
    expect(base64ByteLength(base64)).toBe(1000)
  })

  it('counts decoded bytes for every padding length', () => {
    for (let n = 0; n < 7; n++) {
      const base64 = Buffer.alloc(n, 7).toString('base64')
      expect(base64ByteLength(base64)).toBe(n)
    }
    expect(base64ByteLength('data:image/jpeg;base64,QUJD\nREVG')).toBe(6)
  })

  it('types a blob from the bytes, not from a guess', async () => {
    const jpeg = Buffer.from(makeJpeg(8, 8, grey)).toString('base64')
    const png = Buffer.from(makePng(8, 8, grey)).toString('base64')
    expect(base64ToBlob(jpeg).type).toBe('image/jpeg')
    expect(base64ToBlob(png).type).toBe('image/png')
    expect(base64ToBlob(png, 'image/x-test').type).toBe('image/x-test')
    expect(base64ToBlob(Buffer.from('hello').toString('base64')).type).toBe(
      'application/octet-stream',
    )
    expect(new Uint8Array(await base64ToBlob(jpeg).arrayBuffer())).toEqual(makeJpeg(8, 8, grey))
  })

  it('builds a data URL for the current photo from the server', () => {
    const png = Buffer.from(makePng(8, 8, grey)).toString('base64')
    expect(base64ToDataUrl(png)).toBe(`data:image/png;base64,${png}`)
    const jpeg = Buffer.from(makeJpeg(8, 8, grey)).toString('base64')
    // BioStar may wrap long base64 in lines; the URL must not carry the breaks.
    const wrapped = jpeg.replace(/(.{76})/g, '$1\n')
    expect(base64ToDataUrl(wrapped)).toBe(`data:image/jpeg;base64,${jpeg}`)
    // Unknown bytes fall back to the given type; SVG is never labelled as an image.
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')
    expect(base64ToDataUrl(svg)).toMatch(/^data:image\/jpeg;base64,/)
  })

  it('cleans prefixes and whitespace', () => {
    expect(cleanBase64('data:image/jpeg;base64, QU JD\r\n')).toBe('QUJD')
    expect(cleanBase64('QUJD')).toBe('QUJD')
  })
})
