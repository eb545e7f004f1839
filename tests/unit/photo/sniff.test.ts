import { describe, expect, it } from 'vitest'
import { imageSize, jpegInfo, readHeaderSize, sniffImageType } from '@/photo/index.ts'
import {
  jpegHeaderOnly,
  makeCmykJpeg,
  makeJpeg,
  makePng,
  pngHeaderOnly,
  webpHeaderOnly,
} from '../../helpers/images.ts'

const text = (s: string) => new TextEncoder().encode(s)
const bytes = (...b: number[]) => new Uint8Array(b)
const grey = () => [128, 128, 128] as [number, number, number]

// ISO-BMFF `ftyp` box: size, "ftyp", major brand, minor version, compatible brands.
function ftyp(major: string, ...compatible: string[]): Uint8Array {
  const body = text(`ftyp${major}\0\0\0\0${compatible.join('')}`)
  const size = body.length + 4
  return new Uint8Array([0, 0, 0, size, ...body, 0, 0, 0, 0])
}

describe('sniffImageType', () => {
  it.each([
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10)],
    ['png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0)],
    ['webp', text('RIFF\x10\0\0\0WEBPVP8 ')],
    ['gif', text('GIF89a\x01\0\x01\0')],
    ['gif', text('GIF87a\x01\0\x01\0')],
    ['heic', ftyp('heic', 'mif1', 'heic')],
    ['heic', ftyp('mif1', 'mif1', 'heix')],
    ['heic', ftyp('mif1', 'mif1')],
    ['avif', ftyp('avif', 'mif1', 'avif')],
    ['avif', ftyp('mif1', 'mif1', 'avif')],
    ['svg', text('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['svg', text('\ufeff<?xml version="1.0"?>\n<!-- drawn -->\n<svg width="1"></svg>')],
    ['bmp', bytes(0x42, 0x4d, 0x3a, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0)],
    ['tiff', text('II*\0\x08\0\0\0')],
    ['tiff', text('MM\0*\0\0\0\x08')],
  ] as const)('recognises %s from its magic bytes', (type, head) => {
    expect(sniffImageType(head)).toBe(type)
  })

  it('ignores what a text file claims to be', () => {
    expect(sniffImageType(text('This is not a photo, whatever the .jpg says.\n'))).toBe('unknown')
    expect(sniffImageType(text('<!doctype html><html></html>'))).toBe('unknown')
    expect(sniffImageType(text('BM but not a bitmap'))).toBe('unknown')
  })

  it('copes with buffers shorter than any signature', () => {
    for (const head of [bytes(), bytes(0xff), bytes(0xff, 0xd8), text('RIFF'), text('GIF8')])
      expect(sniffImageType(head)).toBe('unknown')
  })

  it('accepts an ArrayBuffer as well', () => {
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff).buffer)).toBe('jpeg')
  })
})

describe('readHeaderSize', () => {
  it('reads JPEG SOF0 and progressive SOF2 frames', () => {
    expect(imageSize(jpegHeaderOnly(640, 480))).toEqual({ width: 640, height: 480 })
    expect(imageSize(jpegHeaderOnly(3000, 4000, { progressive: true }))).toEqual({
      width: 3000,
      height: 4000,
    })
    expect(imageSize(makeJpeg(33, 17, grey))).toEqual({ width: 33, height: 17 })
  })

  it('skips large APP segments and fill bytes before the frame', () => {
    const head = jpegHeaderOnly(120, 80)
    const app2 = new Uint8Array(4 + 60_000)
    app2.set([0xff, 0xe2, 60_002 >> 8, 60_002 & 0xff])
    const fill = bytes(0xff, 0xff)
    const file = new Uint8Array([...head.subarray(0, 2), ...app2, ...fill, ...head.subarray(2)])
    expect(imageSize(file)).toEqual({ width: 120, height: 80 })
  })

  it('reads PNG IHDR', () => {
    expect(imageSize(makePng(21, 13, grey))).toEqual({ width: 21, height: 13 })
    expect(imageSize(pngHeaderOnly(30_000, 30_000))).toEqual({ width: 30_000, height: 30_000 })
  })

  it.each(['VP8', 'VP8L', 'VP8X'] as const)('reads WebP %s', (kind) => {
    expect(imageSize(webpHeaderOnly(1234, 567, kind))).toEqual({ width: 1234, height: 567 })
  })

  it('tells a cut-off header from garbage', () => {
    expect(readHeaderSize(jpegHeaderOnly(640, 480).subarray(0, 24)).status).toBe('truncated')
    expect(readHeaderSize(pngHeaderOnly(10, 10).subarray(0, 20)).status).toBe('truncated')
    expect(readHeaderSize(webpHeaderOnly(10, 10, 'VP8').subarray(0, 20)).status).toBe('truncated')
    // A JPEG whose image data starts before any frame header.
    expect(readHeaderSize(bytes(0xff, 0xd8, 0xff, 0xda, 0, 2)).status).toBe('invalid')
    // A PNG whose first chunk is not IHDR.
    const png = pngHeaderOnly(10, 10)
    png.set(text('tEXt'), 12)
    expect(readHeaderSize(png).status).toBe('invalid')
    expect(readHeaderSize(text('hello world'), 'png').status).toBe('truncated')
    expect(readHeaderSize(jpegHeaderOnly(0, 10)).status).toBe('invalid')
  })
})

describe('jpegInfo', () => {
  it('reports a jpeg-js file as baseline YCbCr', () => {
    expect(jpegInfo(makeJpeg(40, 30, grey))).toEqual({
      width: 40,
      height: 30,
      progressive: false,
      baseline: true,
      components: 3,
      precision: 8,
    })
  })

  it('spots progressive and CMYK frames', () => {
    expect(jpegInfo(jpegHeaderOnly(8, 8, { progressive: true }))).toMatchObject({
      progressive: true,
      baseline: false,
    })
    expect(jpegInfo(makeCmykJpeg(16, 16, grey))).toMatchObject({ components: 4, baseline: true })
    expect(jpegInfo(jpegHeaderOnly(8, 8, { components: 1 }))?.components).toBe(1)
  })

  it('returns null for anything else', () => {
    expect(jpegInfo(makePng(2, 2, grey))).toBeNull()
    expect(jpegInfo(bytes())).toBeNull()
  })
})
