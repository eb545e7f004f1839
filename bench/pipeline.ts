// Measure 2, pipeline speed: from a captured 1920x1080 camera frame, and from a 12 MP JPEG file,
// to the Base64 string ready to send, with Photo Desk's own functions in Chromium (the photo lab
// page). Timed in the page; the peak JS heap is sampled over CDP in separate runs, so sampling
// never slows the timed ones.
import type { CDPSession } from 'playwright-core'
import type { PhotoLab } from '../tests/helpers/photo-lab.ts'
import type { BenchPage } from './page-tools.ts'
import { sleep, summarise, type Summary } from './stats.ts'

export interface PipelineCase {
  /** What goes in. */
  input: string
  width: number
  height: number
  time: Summary
  /** Largest JS heap in use while the pipeline ran (bytes), over `heapRuns` runs. */
  peakHeap: number
  /** The same above the heap in use just before (after a garbage collection). */
  peakHeapAboveIdle: number
  heapRuns: number
  /** Output of the last run. */
  bytes: number
  base64Length: number
}

export interface PipelineResults {
  camera: PipelineCase
  file: PipelineCase
}

type Source = 'camera' | 'file'

/** Opens the fake camera at 1920x1080 and makes the 12 MP file, kept on the page. */
async function setUp(lab: PhotoLab) {
  return lab.page.evaluate(async () => {
    const g = globalThis as unknown as BenchPage & { benchVideo: HTMLVideoElement; benchFile: File }
    const video = await g.lab.cameraVideo({ width: { ideal: 1920 }, height: { ideal: 1080 } })
    g.benchVideo = video
    const canvas = g.lab.paintPhoto(4000, 3000, 6)
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })
    canvas.width = 0
    canvas.height = 0
    g.benchFile = new File([blob], 'photo-12mp.jpg', { type: 'image/jpeg', lastModified: 0 })
    return {
      camera: { width: video.videoWidth, height: video.videoHeight },
      file: { width: 4000, height: 3000, bytes: blob.size },
    }
  })
}

/** One run, source to base64, timed in the page. */
function runOnce(lab: PhotoLab, source: Source) {
  return lab.page.evaluate(async (source) => {
    const g = globalThis as unknown as BenchPage & { benchVideo: HTMLVideoElement; benchFile: File }
    const { photo } = g
    const started = performance.now()
    let bitmap: ImageBitmap
    if (source === 'camera') {
      // What the app's grabFrame does: the frame at the track's own size.
      bitmap = await createImageBitmap(g.benchVideo)
    } else {
      const check = await photo.inspectFile(g.benchFile)
      if (!check.ok) throw new Error(`the 12 MP file was refused: ${JSON.stringify(check)}`)
      bitmap = await photo.decodeImage(g.benchFile)
    }
    const crop = photo.initialCrop(bitmap.width, bitmap.height, 1)
    const prepared = await photo.preparePhoto(bitmap, crop)
    bitmap.close()
    // Base64 as the write path makes it when it sends: once.
    const base64 = await photo.blobToBase64(prepared.blob)
    const ms = performance.now() - started
    return { ms, bytes: prepared.bytes, base64Length: base64.length }
  }, source)
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  return usedSize
}

/** Runs once while sampling the heap every few ms; returns the peak and the idle level before. */
async function heapRun(lab: PhotoLab, cdp: CDPSession, source: Source) {
  await cdp.send('HeapProfiler.collectGarbage')
  const idle = await heapUsed(cdp)
  let peak = idle
  let running = true
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, await heapUsed(cdp))
      await sleep(2)
    }
  })()
  try {
    await runOnce(lab, source)
  } finally {
    running = false
    await sampler
  }
  return { idle, peak }
}

export async function measurePipeline(
  lab: PhotoLab,
  { runs, heapRuns }: { runs: { camera: number; file: number }; heapRuns: number },
): Promise<PipelineResults> {
  const sizes = await setUp(lab)
  const cdp = await lab.page.context().newCDPSession(lab.page)
  await cdp.send('HeapProfiler.enable')
  const measure = async (source: Source): Promise<PipelineCase> => {
    // One untimed run first: module code compiled, canvases and decoders warmed up.
    await runOnce(lab, source)
    const times: number[] = []
    let last = { ms: 0, bytes: 0, base64Length: 0 }
    for (let i = 0; i < runs[source]; i++) {
      last = await runOnce(lab, source)
      times.push(last.ms)
    }
    let peakHeap = 0
    let peakHeapAboveIdle = 0
    for (let i = 0; i < heapRuns; i++) {
      const { idle, peak } = await heapRun(lab, cdp, source)
      peakHeap = Math.max(peakHeap, peak)
      peakHeapAboveIdle = Math.max(peakHeapAboveIdle, peak - idle)
    }
    const size = sizes[source]
    return {
      input:
        source === 'camera'
          ? `camera frame ${size.width}x${size.height}`
          : `12 MP JPEG file ${size.width}x${size.height} (${sizes.file.bytes.toLocaleString('en')} B)`,
      width: size.width,
      height: size.height,
      time: summarise(times),
      peakHeap,
      peakHeapAboveIdle,
      heapRuns,
      bytes: last.bytes,
      base64Length: last.base64Length,
    }
  }
  try {
    const camera = await measure('camera')
    const file = await measure('file')
    return { camera, file }
  } finally {
    await lab.page.evaluate(() => {
      const g = globalThis as unknown as BenchPage & { benchVideo?: HTMLVideoElement }
      if (g.benchVideo) g.lab.stopCamera(g.benchVideo)
    })
    await cdp.detach()
  }
}
