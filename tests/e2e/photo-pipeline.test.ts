import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  makeCmykJpeg,
  makeJpeg,
  makeOrientedJpeg,
  makePng,
  type Orientation,
  type Paint,
} from '../helpers/images.ts'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import {
  openPhotoLabPage,
  startPhotoLabServer,
  type LabGlobals,
  type PhotoLabPage,
} from '../helpers/photo-lab.ts'
import { writeY4m } from '../helpers/y4m.ts'

// The pipeline in a real Chromium: generated pictures go in, device-ready JPEGs come out.

const suite = useBrowserSuite({
  scratch: 'photo-cam-',
  fakeCamera: false,
  app: () => startPhotoLabServer(),
})
let lab: PhotoLabPage

beforeAll(async () => {
  lab = await openPhotoLabPage(suite.browser, suite.app.url)
})

afterAll(() => {
  expect(lab?.pageErrors ?? []).toEqual([])
})

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

// Upright test layout: red top-left, blue top-right, green bottom-left, yellow bottom-right.
const quadrants =
  (width: number, height: number): Paint =>
  (x, y) =>
    x < width / 2
      ? y < height / 2
        ? [230, 20, 20]
        : [20, 200, 20]
      : y < height / 2
        ? [20, 20, 230]
        : [240, 230, 20]

const QUADRANT_COLOURS = {
  topLeft: [230, 20, 20],
  topRight: [20, 20, 230],
  bottomLeft: [20, 200, 20],
  bottomRight: [240, 230, 20],
}

function expectColour(actual: number[], expected: number[], tolerance = 24) {
  for (let c = 0; c < 3; c++)
    expect(Math.abs(actual[c]! - expected[c]!)).toBeLessThanOrEqual(tolerance)
}

describe('photo pipeline in Chromium', () => {
  it('averages pixels when it scales down (no nearest-pixel sampling)', async () => {
    // A one-pixel black/white checkerboard scaled 3x down must come out grey; nearest-pixel
    // sampling keeps black or white (Chromium does that when a source rect and resize meet).
    const { mean, spread } = await lab.page.evaluate(async () => {
      const { photo, lab } = globalThis as unknown as LabGlobals
      const canvas = new OffscreenCanvas(1200, 1200)
      const ctx = canvas.getContext('2d')!
      const image = ctx.createImageData(1200, 1200)
      for (let i = 0; i < 1200 * 1200; i++) {
        const v = ((i % 1200) + Math.floor(i / 1200)) % 2 ? 255 : 0
        image.data.set([v, v, v, 255], i * 4)
      }
      ctx.putImageData(image, 0, 0)
      // Decoded from a file, like every real photo (canvas-backed bitmaps take another path).
      const bitmap = await photo.decodeImage(await canvas.convertToBlob({ type: 'image/png' }))
      const crop = { x: 3, y: 3, width: 1197, height: 1197, rotation: 0 as const }
      const out = await photo.renderCrop(bitmap, crop, 400, 400)
      const px = lab.pixels(out)
      let sum = 0
      let min = 255
      let max = 0
      for (let i = 0; i < px.length; i += 4) {
        sum += px[i]!
        min = Math.min(min, px[i]!)
        max = Math.max(max, px[i]!)
      }
      return { mean: sum / (px.length / 4), spread: max - min }
    })
    expect(mean).toBeGreaterThan(100)
    expect(mean).toBeLessThan(155)
    expect(spread).toBeLessThan(80)
  })

  it.each([
    [1920, 1080],
    [4000, 3000],
  ])('turns a %i x %i photo into a baseline 400 x 400 JPEG within 16,000 bytes', async (w, h) => {
    const result = await lab.page.evaluate(
      async ([width, height]) => {
        const { photo, lab } = globalThis as unknown as LabGlobals
        const file = await lab
          .paintPhoto(width, height)
          .convertToBlob({ type: 'image/jpeg', quality: 0.92 })
        const t0 = performance.now()
        const check = await photo.inspectFile(file)
        const bitmap = await photo.decodeImage(file)
        const t1 = performance.now()
        const crop = photo.initialCrop(bitmap.width, bitmap.height, 1)
        const prepared = await photo.preparePhoto(bitmap, crop)
        const t2 = performance.now()

        const bytes = new Uint8Array(await prepared.blob.arrayBuffer())
        // What the write path sends: made once, from the JPEG bytes.
        const base64 = await photo.blobToBase64(prepared.blob)
        const output = await createImageBitmap(prepared.blob)
        const outPixels = lab.pixels(output)
        // JPEG loss alone: against the same crop rendered but not encoded.
        const rendered = await photo.renderCrop(bitmap, crop, 400, 400)
        const psnr = lab.psnr(lab.pixels(rendered), outPixels)
        // Scaling and encoding together, against a box filter of the source crop (40 x 40 cells).
        const source = lab.pixels(bitmap, crop.x, crop.y, crop.width, crop.height)
        const cellDiff = lab.meanAbsDiff(
          lab.blockMeans(source, crop.width, crop.height, 40),
          lab.blockMeans(outPixels, 400, 400, 40),
        )
        return {
          check,
          prepared: { ...prepared, blob: undefined },
          base64Matches: base64 === btoa(String.fromCharCode(...bytes)),
          base64Length: photo.base64ByteLength(base64),
          info: photo.jpegInfo(bytes),
          decoded: [output.width, output.height],
          psnr,
          cellDiff,
          decodeMs: t1 - t0,
          prepareMs: t2 - t1,
        }
      },
      [w, h] as const,
    )
    console.info(
      `${w}x${h}: ${result.prepared.bytes} bytes, quality ${result.prepared.quality}, ` +
        `${result.prepared.attempts} encodes, PSNR ${result.psnr.toFixed(1)} dB, ` +
        `cell diff ${result.cellDiff.toFixed(2)}, decode ${result.decodeMs.toFixed(0)} ms, ` +
        `prepare ${result.prepareMs.toFixed(0)} ms`,
    )
    expect(result.check).toMatchObject({ ok: true, type: 'jpeg', width: w, height: h })
    expect(result.prepared).toMatchObject({ width: 400, height: 400 })
    expect(result.prepared.bytes).toBeLessThanOrEqual(16_000)
    expect(result.prepared.bytes).toBeGreaterThan(8_000)
    expect(result.prepared.quality).toBeGreaterThanOrEqual(0.2)
    expect(result.base64Matches).toBe(true)
    expect(result.base64Length).toBe(result.prepared.bytes)
    expect(result.info).toMatchObject({
      width: 400,
      height: 400,
      progressive: false,
      baseline: true,
    })
    expect(result.decoded).toEqual([400, 400])
    expect(result.psnr).toBeGreaterThan(32)
    expect(result.cellDiff).toBeLessThan(3)
  })

  it('keeps fine noise at 400 px at a lower quality, falls back to a smaller size only when that does not fit, and fails clearly below minSide', async () => {
    const result = await lab.page.evaluate(async () => {
      const { photo, lab } = globalThis as unknown as LabGlobals
      const canvas = lab.paintPhoto(1200, 1200, 0)
      lab.addNoise(canvas, 255)
      const crop = photo.initialCrop(1200, 1200)
      const t0 = performance.now()
      const prepared = await photo.preparePhoto(canvas, crop)
      const ms = performance.now() - t0
      const info = photo.jpegInfo(new Uint8Array(await prepared.blob.arrayBuffer()))
      const tight = await photo.preparePhoto(canvas, crop, { maxBytes: 6_000 })
      const tightInfo = photo.jpegInfo(new Uint8Array(await tight.blob.arrayBuffer()))
      const failure = await photo
        .preparePhoto(canvas, crop, { maxBytes: 1_500 })
        .then(() => null)
        .catch((e: unknown) =>
          photo.isPhotoError(e) ? { reason: e.reason, ...e.detail } : String(e),
        )
      const strip = (p: typeof prepared) => ({ ...p, blob: undefined })
      return { prepared: strip(prepared), info, tight: strip(tight), tightInfo, failure, ms }
    })
    for (const [what, p] of [
      ['noise', result.prepared],
      ['noise at 6,000 B', result.tight],
    ] as const)
      console.info(
        `${what}: ${p.width} px, ${p.bytes} bytes, quality ${p.quality}, ${p.attempts} encodes`,
      )
    // The whole size at a quality the old 0.4 floor refused: it looks better than a smaller one.
    expect(result.prepared).toMatchObject({ width: 400, height: 400 })
    expect(result.prepared.quality).toBeGreaterThanOrEqual(0.2)
    expect(result.prepared.quality).toBeLessThan(0.4)
    expect(result.prepared.bytes).toBeLessThanOrEqual(16_000)
    expect(result.info).toMatchObject({ progressive: false, width: 400 })
    // Too tight for 400 px even at 0.2: a smaller size, still within budget.
    expect(result.tight.width).toBeLessThan(400)
    expect(result.tight.width).toBeGreaterThanOrEqual(200)
    expect(result.tight.width).toBe(result.tight.height)
    expect(result.tight.bytes).toBeLessThanOrEqual(6_000)
    expect(result.tightInfo).toMatchObject({ progressive: false, width: result.tight.width })
    expect(result.failure).toMatchObject({ reason: 'over-budget', maxBytes: 1_500, width: 200 })
  })

  it('decodes every EXIF orientation upright, exactly once', async () => {
    const files = ([1, 2, 3, 4, 5, 6, 7, 8] as Orientation[]).map((o) =>
      b64(makeOrientedJpeg(64, 48, quadrants(64, 48), o)),
    )
    const results = await lab.page.evaluate(async (files) => {
      const { photo, lab } = globalThis as unknown as LabGlobals
      const out = []
      for (const base64 of files) {
        const bitmap = await photo.decodeImage(
          new Blob([lab.bytes(base64)], { type: 'image/jpeg' }),
        )
        out.push({
          size: [bitmap.width, bitmap.height],
          topLeft: lab.colourAt(bitmap, 12, 10),
          topRight: lab.colourAt(bitmap, 52, 10),
          bottomLeft: lab.colourAt(bitmap, 12, 38),
          bottomRight: lab.colourAt(bitmap, 52, 38),
        })
      }
      return out
    }, files)
    results.forEach((r, i) => {
      expect(r.size, `orientation ${i + 1}`).toEqual([64, 48])
      for (const corner of ['topLeft', 'topRight', 'bottomLeft', 'bottomRight'] as const)
        expectColour(r[corner], QUADRANT_COLOURS[corner])
    })
  })

  it('decodes PNG (8 and 16 bit, transparent) and CMYK JPEG, and turns a crop a quarter', async () => {
    const paint = quadrants(64, 48)
    const inputs = {
      png8: b64(makePng(64, 48, paint)),
      png16: b64(makePng(64, 48, paint, { bitDepth: 16 })),
      cmyk: b64(makeCmykJpeg(64, 48, paint)),
      jpeg: b64(makeJpeg(64, 48, paint)),
    }
    const results = await lab.page.evaluate(async (inputs) => {
      const { photo, lab } = globalThis as unknown as LabGlobals
      const out: Record<string, unknown> = {}
      for (const [name, base64] of Object.entries(inputs)) {
        const blob = photo.base64ToBlob(base64)
        const check = await photo.inspectFile(blob)
        const bitmap = await photo.decodeImage(blob)
        const prepared = await photo.preparePhoto(bitmap, photo.initialCrop(64, 48))
        out[name] = {
          check,
          size: [bitmap.width, bitmap.height],
          topLeft: lab.colourAt(bitmap, 12, 10),
          topRight: lab.colourAt(bitmap, 52, 10),
          bottomLeft: lab.colourAt(bitmap, 12, 38),
          bottomRight: lab.colourAt(bitmap, 52, 38),
          prepared: [prepared.width, prepared.height, prepared.bytes],
        }
      }
      // Transparency becomes white, not JPEG's default black.
      const logo = new OffscreenCanvas(100, 100)
      const logoCtx = logo.getContext('2d')!
      logoCtx.fillStyle = '#000'
      logoCtx.fillRect(50, 0, 50, 100)
      const png = await logo.convertToBlob({ type: 'image/png' })
      const logoBitmap = await photo.decodeImage(png)
      const flat = await photo.preparePhoto(logoBitmap, photo.initialCrop(100, 100))
      const flatOut = await createImageBitmap(flat.blob)
      out.transparent = {
        left: lab.colourAt(flatOut, 100, 200),
        right: lab.colourAt(flatOut, 300, 200),
      }
      // A clockwise quarter turn: the bottom-left (green) comes to the top-left.
      const bitmap = await photo.decodeImage(photo.base64ToBlob(inputs.png8))
      const full = { x: 0, y: 0, width: 48, height: 64, rotation: 90 as const }
      const turned = await photo.renderCrop(bitmap, full, 48, 64)
      out.turned = {
        topLeft: lab.colourAt(turned, 10, 12),
        topRight: lab.colourAt(turned, 38, 12),
        bottomLeft: lab.colourAt(turned, 10, 52),
        bottomRight: lab.colourAt(turned, 38, 52),
      }
      return out
    }, inputs)
    for (const name of ['png8', 'png16', 'cmyk', 'jpeg']) {
      const r = results[name] as {
        check: { ok: boolean; type: string }
        size: number[]
        prepared: number[]
      } & Record<keyof typeof QUADRANT_COLOURS, number[]>
      expect(r.check, name).toMatchObject({
        ok: true,
        type: name.startsWith('png') ? 'png' : 'jpeg',
      })
      expect(r.size, name).toEqual([64, 48])
      for (const corner of ['topLeft', 'topRight', 'bottomLeft', 'bottomRight'] as const)
        expectColour(r[corner], QUADRANT_COLOURS[corner], name === 'cmyk' ? 4 : 24)
      expect(r.prepared[0]).toBe(400)
      expect(r.prepared[2]).toBeLessThanOrEqual(16_000)
    }
    const transparent = results.transparent as { left: number[]; right: number[] }
    expectColour(transparent.left, [255, 255, 255], 4)
    expectColour(transparent.right, [0, 0, 0], 4)
    const turned = results.turned as Record<keyof typeof QUADRANT_COLOURS, number[]>
    expectColour(turned.topLeft, QUADRANT_COLOURS.bottomLeft)
    expectColour(turned.topRight, QUADRANT_COLOURS.topLeft)
    expectColour(turned.bottomLeft, QUADRANT_COLOURS.bottomRight)
    expectColour(turned.bottomRight, QUADRANT_COLOURS.topRight)
  })

  it('scales by area averaging up to 2:1, beyond it by drawImage to twice the size then 2:1, the same without createImageBitmap', async () => {
    const result = await lab.page.evaluate(async () => {
      const { photo, lab } = globalThis as unknown as LabGlobals
      const diff = (source: OffscreenCanvas, side: number, scaled: OffscreenCanvas) =>
        lab.meanAbsDiff(
          lab.blockMeans(lab.pixels(source), side, side, 100),
          lab.blockMeans(lab.pixels(scaled), 400, 400, 100),
        )
      // 700 -> 400: read back once and area-averaged in JavaScript.
      const small = lab.paintPhoto(700, 700)
      const area = await photo.renderCrop(small, photo.initialCrop(700, 700), 400, 400)
      // 3000 -> 400: drawImage halving to 800, then the mean of each 2x2 block.
      const big = lab.paintPhoto(3000, 3000)
      const crop = photo.initialCrop(3000, 3000)
      const halved = await photo.renderCrop(big, crop, 400, 400)
      // Without createImageBitmap (older Safari): this path never needed it.
      const original = globalThis.createImageBitmap
      ;(globalThis as { createImageBitmap?: unknown }).createImageBitmap = undefined
      let fallback
      try {
        fallback = await photo.renderCrop(big, crop, 400, 400)
      } finally {
        globalThis.createImageBitmap = original
      }
      return {
        size: [fallback.width, fallback.height],
        areaDiff: diff(small, 700, area as OffscreenCanvas),
        halvedDiff: diff(big, 3000, halved as OffscreenCanvas),
        fallbackDiff: diff(big, 3000, fallback as OffscreenCanvas),
        agreement: lab.psnr(lab.pixels(halved), lab.pixels(fallback)),
      }
    })
    console.info(
      `scaling vs box filter: area ${result.areaDiff.toFixed(2)}, drawImage then 2:1 ${result.halvedDiff.toFixed(2)}, ` +
        `without createImageBitmap ${result.fallbackDiff.toFixed(2)}, the two ${result.agreement.toFixed(1)} dB apart`,
    )
    expect(result.size).toEqual([400, 400])
    expect(result.areaDiff).toBeLessThan(0.5)
    expect(result.halvedDiff).toBeLessThan(2)
    expect(result.fallbackDiff).toBeLessThan(2)
    expect(result.agreement).toBeGreaterThan(30)
  })

  it('keeps decoded pictures under the iPad canvas limit', async () => {
    const result = await lab.page.evaluate(async () => {
      const { photo, lab } = globalThis as unknown as LabGlobals
      const file = await lab.paintPhoto(5000, 4000, 0).convertToBlob({ type: 'image/jpeg' })
      const bitmap = await photo.decodeImage(file)
      return { width: bitmap.width, height: bitmap.height, limit: photo.MAX_CANVAS_PIXELS }
    })
    expect(result.width * result.height).toBeLessThanOrEqual(result.limit)
    expect(result.width / result.height).toBeCloseTo(1.25, 2)
    expect(result.width).toBeGreaterThan(4500)
  })

  it('runs in a Worker (no document there)', async () => {
    const result = await lab.page.evaluate(async () => {
      const { lab } = globalThis as unknown as LabGlobals
      const file = await lab.paintPhoto(1600, 1200).convertToBlob({ type: 'image/jpeg' })
      const source = `
        import * as photo from '${location.origin}/src/photo/index.ts'
        self.onmessage = async ({ data }) => {
          try {
            const check = await photo.inspectFile(data)
            const bitmap = await photo.decodeImage(data)
            const p = await photo.preparePhoto(bitmap, photo.initialCrop(bitmap.width, bitmap.height))
            self.postMessage({ check, width: p.width, bytes: p.bytes, base64: (await photo.blobToBase64(p.blob)).length })
          } catch (error) {
            self.postMessage({ error: String(error) })
          }
        }`
      const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }))
      const worker = new Worker(url, { type: 'module' })
      try {
        return await new Promise<Record<string, unknown>>((resolve, reject) => {
          worker.onmessage = (event) => resolve(event.data)
          worker.onerror = (event) => reject(new Error(event.message))
          worker.postMessage(file)
        })
      } finally {
        worker.terminate()
        URL.revokeObjectURL(url)
      }
    })
    expect(result.error).toBeUndefined()
    expect(result).toMatchObject({ check: { ok: true, width: 1600 }, width: 400 })
    expect(result.bytes).toBeLessThanOrEqual(16_000)
  })

  it('refuses a truncated JPEG at decode and a text file named x.jpg at intake', async () => {
    const jpeg = makeJpeg(256, 256, (x, y) => [x, y, (x * y) & 0xff], 90)
    const truncated = b64(jpeg.subarray(0, Math.floor(jpeg.length / 2)))
    const result = await lab.page.evaluate(async (truncated) => {
      const { photo, lab } = globalThis as unknown as LabGlobals
      const cut = new File([lab.bytes(truncated)], 'cut.jpg', { type: 'image/jpeg' })
      const check = await photo.inspectFile(cut)
      const decode = await photo
        .decodeImage(cut)
        .then(() => 'decoded')
        .catch((e: unknown) => (photo.isPhotoError(e) ? e.reason : String(e)))
      const text = new File(['meeting notes, not a photo\n'], 'x.jpg', { type: 'image/jpeg' })
      return { check, decode, text: await photo.inspectFile(text) }
    }, truncated)
    // The header is intact, so intake passes; the pixels are not, so decoding fails.
    expect(result.check).toMatchObject({ ok: true, width: 256 })
    expect(result.decode).toBe('decode-failed')
    expect(result.text).toMatchObject({
      ok: false,
      reason: 'unsupported',
      detail: { type: 'unknown' },
    })
  })
})

describe('camera frame through the pipeline', () => {
  it('takes a fake-camera frame (from writeY4m) at the video size into a device photo', async () => {
    const clip = join(suite.dir, 'quadrants.y4m')
    writeY4m(clip, 320, 240, quadrants(320, 240))
    // Camera flags apply to the whole browser: this one gets its own.
    const camLab = await openPhotoLabPage(await suite.launch({ fakeCamera: clip }), suite.app.url)
    const result = await camLab.page.evaluate(async () => {
      const { photo, lab } = globalThis as unknown as LabGlobals
      const video = await lab.cameraVideo()
      // `video.width` is 0 here: the pipeline must size the frame by videoWidth/videoHeight.
      const crop = photo.initialCrop(video.videoWidth, video.videoHeight)
      const prepared = await photo.preparePhoto(video, crop)
      lab.stopCamera(video)
      const out = await createImageBitmap(prepared.blob)
      return {
        frame: [video.videoWidth, video.videoHeight],
        crop,
        size: [prepared.width, prepared.height],
        bytes: prepared.bytes,
        // Crop x 40..280 of 320: the colour border sits at 200 / 400 = the middle of the output.
        topLeft: lab.colourAt(out, 100, 100),
        topRight: lab.colourAt(out, 300, 100),
        bottomLeft: lab.colourAt(out, 100, 300),
        bottomRight: lab.colourAt(out, 300, 300),
      }
    })
    expect(result.frame).toEqual([320, 240])
    expect(result.crop).toMatchObject({ x: 40, y: 0, width: 240, height: 240 })
    expect(result.size).toEqual([400, 400])
    expect(result.bytes).toBeLessThanOrEqual(16_000)
    for (const corner of ['topLeft', 'topRight', 'bottomLeft', 'bottomRight'] as const)
      expectColour(result[corner], QUADRANT_COLOURS[corner], 24)
    expect(camLab.pageErrors).toEqual([])
  })
})
