// Page-side half of the encoder benchmark: test pictures, the two baselines, the reference crop
// and SSIM. `installBenchTools` is serialised into the photo lab page (tests/helpers/photo-lab.ts)
// by Playwright, so it must not use anything from this module's scope at run time; it finds
// `photo` and `lab` (the lab's globals), `imageCompression` (browser-image-compression) and
// `ssim` (ssim.js's browser build) on globalThis.
import type imageCompression from 'browser-image-compression'
import type { LabGlobals } from '../tests/helpers/photo-lab.ts'
import type { preparePhotoBefore } from './previous-rule.ts'

/** The generated test pictures (the six face samples come from files). */
export const GENERATED = {
  'webcam-1080p': 'webcam frame 1920x1080: backdrop gradient, face, hair, striped shirt, text',
  'photo-12mp': '12 MP photo 4000x3000 (the same scene), from a q92 JPEG',
  'fine-texture': 'fine texture everywhere (7 px knit-like weave, hair strands, grain), 1600x1200',
  'flat-background': 'flat grey wall, smooth face, almost no grain, 1600x1200',
  'low-light': 'low light: the scene at 22% with strong luma and chroma sensor noise, 1920x1080',
  backlit: 'backlit: bright window behind a dark face, 1920x1080',
  gradients: 'smooth colour gradients only (banding test), 1600x1200',
  noise: 'pure RGB noise, the worst case for any encoder, 1200x1200',
} as const
export type GeneratedKind = keyof typeof GENERATED

/** The three ways of making the device photo that are compared. */
export type MethodName = 'photoDesk' | 'android' | 'bic'

/** One method's result on one picture. */
export interface MethodOutput {
  method: MethodName
  bytes: number
  width: number
  height: number
  /** JPEG quality of the kept encode (0..1), when the method knows it. */
  quality: number | null
  /** Encodes made. */
  attempts: number
  /** A baseline (not progressive) JPEG: the only kind readers decode. */
  baseline: boolean
  overBudget: boolean
  /** SSIM against the reference 400x400 crop (smaller outputs are scaled up to 400 first). */
  ssim: number
  /** Time per photo, every run, ms. */
  ms: number[]
  /** Every run gave the same bytes. */
  deterministic: boolean
}

/** The best any side and quality can do within the budget (the encoder limit). */
export interface LimitResult {
  side: number
  quality: number
  bytes: number
  ssim: number
  /** Per side (400, 392, ... 200): the highest quality that fits and the best SSIM found there. */
  sides: { side: number; top: number | null; bytes: number | null; ssim: number | null }[]
  encodes: number
  scores: number
  ms: number
}

/** One rule's output and time per photo in the A/B timing (before issue 14 / now). */
export interface RuleRun {
  ssim: number
  bytes: number
  side: number
  quality: number
  attempts: number
  ms: number[]
}

/** One picture through the three methods. */
export interface PictureResult {
  width: number
  height: number
  /** The square crop every method and the reference use, in source pixels. */
  crop: { x: number; y: number; side: number }
  /** Time to make browser-image-compression's input (the crop as a PNG file), ms; not in its time. */
  bicInputMs: number
  methods: MethodOutput[]
  /**
   * Diagnostics: SSIM of the 400x400 scaling alone, not encoded, against the reference: Photo
   * Desk's renderCrop and the bilinear canvas scaling of the Android rule. What is lost beyond
   * these is the JPEG's doing.
   */
  scalingOnly: { photoDesk: number; android: number }
  limit: LimitResult
  /** Photo Desk's encoder rule before issue 14 and now, timed interleaved on this picture. */
  rules: { before: RuleRun; now: RuleRun }
}

export interface BenchGlobals extends LabGlobals {
  imageCompression: typeof imageCompression
  /** bench/previous-rule.ts, loaded from the lab's dev server. */
  previousRule: { preparePhotoBefore: typeof preparePhotoBefore }
  ssim: {
    ssim(
      a: { data: Uint8ClampedArray; width: number; height: number },
      b: { data: Uint8ClampedArray; width: number; height: number },
    ): { mssim: number }
  }
}

export type BenchTools = ReturnType<typeof installBenchTools>

/** Everything on the lab page's globalThis once the bench tools are installed. */
export type BenchPage = BenchGlobals & { bench: BenchTools }

export function installBenchTools() {
  const g = globalThis as unknown as BenchGlobals
  const { photo, lab } = g
  const { random } = lab
  type Rect = { x: number; y: number; width: number; height: number }
  type Pixels = { data: Uint8ClampedArray; width: number; height: number }
  const BUDGET = 16_000
  const SIDE = 400

  const ctx2d = (canvas: OffscreenCanvas) => {
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new Error('no 2D context')
    return ctx
  }

  /** Applies `f` to every pixel's RGB (in place). */
  const mapPixels = (
    canvas: OffscreenCanvas,
    f: (rgb: [number, number, number], x: number, y: number) => [number, number, number],
  ) => {
    const ctx = ctx2d(canvas)
    const image = ctx.getImageData(0, 0, canvas.width, canvas.height)
    const d = image.data
    for (let y = 0, i = 0; y < canvas.height; y++) {
      for (let x = 0; x < canvas.width; x++, i += 4) {
        const [r, gr, b] = f([d[i]!, d[i + 1]!, d[i + 2]!], x, y)
        d[i] = r
        d[i + 1] = gr
        d[i + 2] = b
        d[i + 3] = 255
      }
    }
    ctx.putImageData(image, 0, 0)
  }

  /** A head-and-shoulders figure on whatever is already painted. */
  const figure = (
    canvas: OffscreenCanvas,
    colours: { skin: [string, string]; hair: string; shirt: string; eyes: string },
  ) => {
    const ctx = ctx2d(canvas)
    const { width: w, height: h } = canvas
    const s = Math.min(w, h)
    const cx = w / 2
    ctx.fillStyle = colours.shirt
    ctx.beginPath()
    ctx.ellipse(cx, h * 1.02, s * 0.42, s * 0.3, 0, 0, Math.PI * 2)
    ctx.fill()
    ctx.fillStyle = colours.skin[1]
    ctx.fillRect(cx - s * 0.07, h * 0.55, s * 0.14, s * 0.2)
    ctx.fillStyle = colours.hair
    ctx.beginPath()
    ctx.ellipse(cx, h * 0.38, s * 0.2, s * 0.21, 0, 0, Math.PI * 2)
    ctx.fill()
    const skin = ctx.createRadialGradient(cx - s * 0.04, h * 0.42, s * 0.02, cx, h * 0.45, s * 0.24)
    skin.addColorStop(0, colours.skin[0])
    skin.addColorStop(1, colours.skin[1])
    ctx.fillStyle = skin
    ctx.beginPath()
    ctx.ellipse(cx, h * 0.46, s * 0.16, s * 0.21, 0, 0, Math.PI * 2)
    ctx.fill()
    ctx.fillStyle = colours.eyes
    for (const dx of [-0.065, 0.065]) {
      ctx.beginPath()
      ctx.ellipse(cx + dx * s, h * 0.42, s * 0.022, s * 0.011, 0, 0, Math.PI * 2)
      ctx.fill()
    }
    ctx.strokeStyle = colours.eyes
    ctx.lineWidth = Math.max(1, s / 300)
    ctx.beginPath()
    ctx.arc(cx, h * 0.5, s * 0.05, 0.15 * Math.PI, 0.85 * Math.PI)
    ctx.stroke()
  }

  const tools = {
    /** Paints one generated test picture. */
    generate(kind: GeneratedKind): OffscreenCanvas {
      switch (kind) {
        case 'webcam-1080p':
          return lab.paintPhoto(1920, 1080, 8)
        case 'photo-12mp':
          return lab.paintPhoto(4000, 3000, 6)
        case 'fine-texture': {
          const canvas = lab.paintPhoto(1600, 1200, 0)
          // A knit-like weave of about 7 px (2-3 px once at 400 px): detail that survives scaling.
          mapPixels(canvas, (rgb, x, y) => {
            const t = 36 * Math.sin(x * 0.85 + 1.5 * Math.sin(y * 0.045)) * Math.sin(y * 0.95)
            return [rgb[0] + t, rgb[1] + t, rgb[2] + t]
          })
          // Loose hair strands over everything.
          const ctx = ctx2d(canvas)
          const next = random(31)
          ctx.lineWidth = 1.5
          for (let i = 0; i < 1500; i++) {
            const x = next() * 1600
            const y = next() * 1200
            const a = next() * Math.PI * 2
            ctx.strokeStyle = next() < 0.5 ? 'rgba(30, 20, 10, 0.6)' : 'rgba(250, 240, 220, 0.5)'
            ctx.beginPath()
            ctx.moveTo(x, y)
            ctx.quadraticCurveTo(
              x + 20 * Math.cos(a + 0.6),
              y + 20 * Math.sin(a + 0.6),
              x + 45 * Math.cos(a),
              y + 45 * Math.sin(a),
            )
            ctx.stroke()
          }
          lab.addNoise(canvas, 10, 5)
          return canvas
        }
        case 'flat-background': {
          const canvas = new OffscreenCanvas(1600, 1200)
          const ctx = ctx2d(canvas)
          ctx.fillStyle = '#cfd6de'
          ctx.fillRect(0, 0, canvas.width, canvas.height)
          figure(canvas, {
            skin: ['#f1c7a5', '#c08a62'],
            hair: '#2a1a10',
            shirt: '#2d3440',
            eyes: '#1d1d1d',
          })
          lab.addNoise(canvas, 2, 9)
          return canvas
        }
        case 'low-light': {
          const canvas = lab.paintPhoto(1920, 1080, 0)
          const next = random(21)
          mapPixels(canvas, (rgb) => {
            const luma = (next() - 0.5) * 40
            return [
              rgb[0] * 0.22 + luma + (next() - 0.5) * 24,
              rgb[1] * 0.22 + luma + (next() - 0.5) * 24,
              rgb[2] * 0.22 + luma + (next() - 0.5) * 24,
            ]
          })
          return canvas
        }
        case 'backlit': {
          const canvas = new OffscreenCanvas(1920, 1080)
          const ctx = ctx2d(canvas)
          const glow = ctx.createRadialGradient(960, 300, 50, 960, 400, 1100)
          glow.addColorStop(0, '#fffef8')
          glow.addColorStop(0.5, '#f4f1e6')
          glow.addColorStop(1, '#9aa6b2')
          ctx.fillStyle = glow
          ctx.fillRect(0, 0, 1920, 1080)
          ctx.strokeStyle = '#6b7178'
          ctx.lineWidth = 14
          for (const x of [420, 960, 1500]) {
            ctx.beginPath()
            ctx.moveTo(x, 0)
            ctx.lineTo(x, 1080)
            ctx.stroke()
          }
          figure(canvas, {
            skin: ['#6a4a38', '#3b2a20'],
            hair: '#140d08',
            shirt: '#1f242b',
            eyes: '#0d0a08',
          })
          lab.addNoise(canvas, 6, 13)
          return canvas
        }
        case 'gradients': {
          const canvas = new OffscreenCanvas(1600, 1200)
          const ctx = ctx2d(canvas)
          const across = ctx.createLinearGradient(0, 0, 1600, 0)
          across.addColorStop(0, '#1e3c72')
          across.addColorStop(0.5, '#8e9eab')
          across.addColorStop(1, '#f6d365')
          ctx.fillStyle = across
          ctx.fillRect(0, 0, 1600, 1200)
          const spot = ctx.createRadialGradient(800, 520, 20, 800, 600, 520)
          spot.addColorStop(0, 'rgba(255, 220, 200, 0.9)')
          spot.addColorStop(1, 'rgba(255, 220, 200, 0)')
          ctx.fillStyle = spot
          ctx.fillRect(0, 0, 1600, 1200)
          const down = ctx.createLinearGradient(0, 0, 0, 1200)
          down.addColorStop(0, 'rgba(0, 0, 0, 0)')
          down.addColorStop(1, 'rgba(20, 10, 40, 0.6)')
          ctx.fillStyle = down
          ctx.fillRect(0, 0, 1600, 1200)
          return canvas
        }
        case 'noise': {
          const canvas = new OffscreenCanvas(1200, 1200)
          const next = random(77)
          mapPixels(canvas, () => [next() * 256, next() * 256, next() * 256])
          return canvas
        }
      }
    },

    /** The generated picture as a camera would hand it over: a q92 JPEG file, decoded upright. */
    async generatedSource(
      kind: GeneratedKind,
    ): Promise<{ bitmap: ImageBitmap; fileBytes: number }> {
      const canvas = tools.generate(kind)
      const file = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })
      canvas.width = 0
      canvas.height = 0
      return { bitmap: await photo.decodeImage(file), fileBytes: file.size }
    },

    /** The crop Photo Desk starts from (centred square), in whole pixels as renderCrop reads it. */
    cropRect(width: number, height: number): Rect {
      const c = photo.initialCrop(width, height, 1)
      const x = Math.round(c.x)
      const y = Math.round(c.y)
      return {
        x,
        y,
        width: Math.max(1, Math.round(c.x + c.width) - x),
        height: Math.max(1, Math.round(c.y + c.height) - y),
      }
    },

    /**
     * The reference: `rect` of `source` scaled to `size` x `size` by exact area averaging (each
     * output pixel is the mean of the source pixels it covers, partial ones weighted), no
     * encoding. Independent of every method's own resampler.
     */
    reference(source: ImageBitmap, rect: Rect, size: number): Pixels {
      const canvas = new OffscreenCanvas(rect.width, rect.height)
      const ctx = ctx2d(canvas)
      ctx.drawImage(source, rect.x, rect.y, rect.width, rect.height, 0, 0, rect.width, rect.height)
      const src = ctx.getImageData(0, 0, rect.width, rect.height).data
      canvas.width = 0
      canvas.height = 0
      // Per output index: the source indices it covers and their weights (summing to 1).
      const taps = (from: number, to: number) =>
        Array.from({ length: to }, (_, o) => {
          const start = (o * from) / to
          const end = ((o + 1) * from) / to
          const list: [number, number][] = []
          for (let i = Math.floor(start); i < Math.min(from, Math.ceil(end)); i++) {
            const w = Math.min(end, i + 1) - Math.max(start, i)
            if (w > 0) list.push([i, w / (end - start)])
          }
          return list
        })
      const tx = taps(rect.width, size)
      const ty = taps(rect.height, size)
      // Horizontal pass: rect.height rows of `size` RGB values.
      const mid = new Float32Array(size * rect.height * 3)
      for (let y = 0; y < rect.height; y++) {
        const row = y * rect.width * 4
        for (let x = 0; x < size; x++) {
          let r = 0
          let gr = 0
          let b = 0
          for (const [i, w] of tx[x]!) {
            const p = row + i * 4
            r += src[p]! * w
            gr += src[p + 1]! * w
            b += src[p + 2]! * w
          }
          const o = (y * size + x) * 3
          mid[o] = r
          mid[o + 1] = gr
          mid[o + 2] = b
        }
      }
      const out = new Uint8ClampedArray(size * size * 4)
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          let r = 0
          let gr = 0
          let b = 0
          for (const [i, w] of ty[y]!) {
            const p = (i * size + x) * 3
            r += mid[p]! * w
            gr += mid[p + 1]! * w
            b += mid[p + 2]! * w
          }
          const o = (y * size + x) * 4
          out[o] = r
          out[o + 1] = gr
          out[o + 2] = b
          out[o + 3] = 255
        }
      }
      return { data: out, width: size, height: size }
    },

    /** A JPEG decoded by the browser and shown at `size` x `size` (a smaller one scaled up). */
    async decodedAt(blob: Blob, size: number): Promise<Pixels> {
      const bitmap = await createImageBitmap(blob)
      const canvas = new OffscreenCanvas(size, size)
      const ctx = ctx2d(canvas)
      ctx.imageSmoothingEnabled = true
      ctx.imageSmoothingQuality = 'high'
      ctx.drawImage(bitmap, 0, 0, size, size)
      bitmap.close()
      return { data: ctx.getImageData(0, 0, size, size).data, width: size, height: size }
    },

    /**
     * Suprema's Android app, re-implemented: 1:1 crop scaled to 400 px (bilinear, like
     * Bitmap.createScaledBitmap), JPEG quality 20; over 16,000 bytes: quality 0; still over:
     * 200 px at quality 20, then 0.
     */
    async android(source: ImageBitmap, rect: Rect) {
      const encodeAt = async (side: number, quality: number) => {
        const canvas = new OffscreenCanvas(side, side)
        const ctx = ctx2d(canvas)
        ctx.imageSmoothingEnabled = true
        ctx.imageSmoothingQuality = 'low'
        ctx.drawImage(source, rect.x, rect.y, rect.width, rect.height, 0, 0, side, side)
        const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality })
        canvas.width = 0
        canvas.height = 0
        return { blob, width: side, height: side, quality }
      }
      const steps: [number, number][] = [
        [400, 0.2],
        [400, 0],
        [200, 0.2],
        [200, 0],
      ]
      let attempts = 0
      let last: Awaited<ReturnType<typeof encodeAt>> | undefined
      for (const [side, quality] of steps) {
        attempts++
        last = await encodeAt(side, quality)
        if (last.blob.size <= BUDGET) break
      }
      return { ...last!, attempts }
    },

    /** browser-image-compression's input: the same square crop, lossless (PNG), as a File. */
    async cropFile(source: ImageBitmap, rect: Rect): Promise<File> {
      const canvas = new OffscreenCanvas(rect.width, rect.height)
      ctx2d(canvas).drawImage(
        source,
        rect.x,
        rect.y,
        rect.width,
        rect.height,
        0,
        0,
        rect.width,
        rect.height,
      )
      const blob = await canvas.convertToBlob({ type: 'image/png' })
      canvas.width = 0
      canvas.height = 0
      return new File([blob], 'crop.png', { type: 'image/png', lastModified: 0 })
    },

    /** browser-image-compression at the same budget, its worker off (it loads from a CDN). */
    bic(file: File): Promise<Blob> {
      return g.imageCompression(file, {
        maxSizeMB: BUDGET / 1048576,
        maxWidthOrHeight: SIDE,
        useWebWorker: false,
        fileType: 'image/jpeg',
      })
    },

    /**
     * The encoder limit: every long side from 400 down to 200 in steps of 8 (whole JPEG blocks)
     * and every quality 1..100, scored like the methods. Per side, a binary search over 1..100
     * finds the highest quality that fits (a full sweep of every bench picture found the fitting
     * qualities always to be 1..top), then qualities from the top down are scored until two in a
     * row score below the side's best: SSIM is not monotone in quality (bench/README.md).
     */
    async limit(source: ImageBitmap, reference: Pixels): Promise<LimitResult> {
      const t0 = performance.now()
      const crop = photo.initialCrop(source.width, source.height, 1)
      let encodes = 0
      let scores = 0
      let best: { side: number; quality: number; bytes: number; ssim: number } | undefined
      const sides: LimitResult['sides'] = []
      for (let side = SIDE; side >= 200; side -= 8) {
        const canvas = await photo.renderCrop(source, crop, side, side)
        const blobs = new Map<number, Blob>()
        const fits = async (q: number) => {
          const blob = await photo.browserJpegEncoder(canvas, q / 100)
          encodes++
          blobs.set(q, blob)
          return blob.size <= BUDGET
        }
        let top: number | null = null
        if (await fits(100)) top = 100
        else if (await fits(1)) {
          let lo = 1
          let hi = 100
          while (hi - lo > 1) {
            const mid = (lo + hi) >> 1
            if (await fits(mid)) lo = mid
            else hi = mid
          }
          top = lo
        }
        let sideBest: { quality: number; bytes: number; ssim: number } | undefined
        let below = 0
        for (let q = top ?? 0; q >= 1 && below < 2; q--) {
          const blob = blobs.get(q) ?? (await photo.browserJpegEncoder(canvas, q / 100))
          if (!blobs.has(q)) encodes++
          if (blob.size > BUDGET) continue
          const ssim = g.ssim.ssim(reference, await tools.decodedAt(blob, SIDE)).mssim
          scores++
          if (!sideBest || ssim > sideBest.ssim) {
            sideBest = { quality: q, bytes: blob.size, ssim }
            below = 0
          } else below++
        }
        photo.releaseCanvas(canvas)
        sides.push({
          side,
          top,
          bytes: sideBest?.bytes ?? null,
          ssim: sideBest?.ssim ?? null,
        })
        if (sideBest && (!best || sideBest.ssim > best.ssim)) best = { side, ...sideBest }
      }
      if (!best) throw new Error('limit: nothing fits the budget at any side')
      return {
        ...best,
        quality: best.quality / 100,
        sides,
        encodes,
        scores,
        ms: performance.now() - t0,
      }
    },

    /**
     * Photo Desk's rule before issue 14 (bench/previous-rule.ts) and now (preparePhoto), `runs`
     * times each, alternating which goes first, on the same picture and crop; scored once.
     */
    async rules(source: ImageBitmap, reference: Pixels, runs: number) {
      const crop = photo.initialCrop(source.width, source.height, 1)
      type Made = { blob: Blob; width: number; quality: number; attempts: number }
      const makers: Record<'before' | 'now', () => Promise<Made>> = {
        before: () => g.previousRule.preparePhotoBefore(source, crop),
        now: () => photo.preparePhoto(source, crop, { aspect: 1, maxSide: SIDE, maxBytes: BUDGET }),
      }
      const ms: Record<'before' | 'now', number[]> = { before: [], now: [] }
      const made: Partial<Record<'before' | 'now', Made>> = {}
      for (let r = 0; r < runs; r++) {
        const order = r % 2 ? (['now', 'before'] as const) : (['before', 'now'] as const)
        for (const name of order) {
          const started = performance.now()
          const out = await makers[name]()
          ms[name].push(performance.now() - started)
          made[name] ??= out
        }
      }
      const run = async (name: 'before' | 'now'): Promise<RuleRun> => {
        const m = made[name]!
        const ssim = g.ssim.ssim(reference, await tools.decodedAt(m.blob, SIDE)).mssim
        const { size: bytes } = m.blob
        return {
          ssim,
          bytes,
          side: m.width,
          quality: m.quality,
          attempts: m.attempts,
          ms: ms[name],
        }
      }
      return { before: await run('before'), now: await run('now') }
    },

    /** Runs the three methods `runs` times each (interleaved) on `source` and scores them. */
    async compare(source: ImageBitmap, runs: number, abRuns: number): Promise<PictureResult> {
      const rect = tools.cropRect(source.width, source.height)
      const crop = photo.initialCrop(source.width, source.height, 1)
      const t0 = performance.now()
      const file = await tools.cropFile(source, rect)
      const bicInputMs = performance.now() - t0

      type Made = { blob: Blob; quality: number | null; attempts: number }
      const makers: Record<MethodName, () => Promise<Made>> = {
        photoDesk: async () => {
          const p = await photo.preparePhoto(source, crop, {
            aspect: 1,
            maxSide: SIDE,
            maxBytes: BUDGET,
          })
          return { blob: p.blob, quality: p.quality, attempts: p.attempts }
        },
        android: async () => {
          const a = await tools.android(source, rect)
          return { blob: a.blob, quality: a.quality, attempts: a.attempts }
        },
        bic: async () => ({ blob: await tools.bic(file), quality: null, attempts: 0 }),
      }
      const names = Object.keys(makers) as MethodName[]
      const times: Record<string, number[]> = {}
      const first: Record<string, Made> = {}
      const same: Record<string, boolean> = {}
      for (let r = 0; r < runs; r++) {
        for (const name of names) {
          const started = performance.now()
          const made = await makers[name]()
          const elapsed = performance.now() - started
          ;(times[name] ??= []).push(elapsed)
          if (!first[name]) {
            first[name] = made
            same[name] = true
          } else if (made.blob.size !== first[name].blob.size) same[name] = false
        }
      }

      const reference = tools.reference(source, rect, SIDE)
      const methods: MethodOutput[] = []
      for (const name of names) {
        const made = first[name]!
        const bytes = new Uint8Array(await made.blob.arrayBuffer())
        const info = photo.jpegInfo(bytes)
        const decoded = await tools.decodedAt(made.blob, SIDE)
        methods.push({
          method: name,
          bytes: made.blob.size,
          width: info?.width ?? 0,
          height: info?.height ?? 0,
          quality: made.quality,
          attempts: made.attempts,
          baseline: Boolean(info?.baseline && !info.progressive),
          overBudget: made.blob.size > BUDGET,
          ssim: g.ssim.ssim(reference, decoded).mssim,
          ms: times[name]!,
          deterministic: same[name]!,
        })
      }
      const scaled = await photo.renderCrop(source, crop, SIDE, SIDE)
      const bilinear = new OffscreenCanvas(SIDE, SIDE)
      const bctx = ctx2d(bilinear)
      bctx.imageSmoothingQuality = 'low'
      bctx.drawImage(source, rect.x, rect.y, rect.width, rect.height, 0, 0, SIDE, SIDE)
      const scalingOnly = {
        photoDesk: g.ssim.ssim(reference, { data: lab.pixels(scaled), width: SIDE, height: SIDE })
          .mssim,
        android: g.ssim.ssim(reference, { data: lab.pixels(bilinear), width: SIDE, height: SIDE })
          .mssim,
      }
      photo.releaseCanvas(scaled)
      bilinear.width = 0
      bilinear.height = 0
      const rules = await tools.rules(source, reference, abRuns)
      const limit = await tools.limit(source, reference)
      return {
        width: source.width,
        height: source.height,
        crop: { x: rect.x, y: rect.y, side: rect.width },
        bicInputMs,
        methods,
        scalingOnly,
        limit,
        rules,
      }
    },
  }
  ;(g as BenchGlobals & { bench: typeof tools }).bench = tools
  return tools
}
