// The throughput figure the benchmark suite reports runs end to end (upload stage, app client,
// batch scheduler, local simulator). Speed is measured in bench/, never asserted here.
import { describe, expect, it } from 'vitest'
import { measureUploadThroughput } from '../helpers/batch-files.ts'

describe('measureUploadThroughput', () => {
  it('sends every photo with 4 in flight and with 1, and reports photos per second', async () => {
    const four = await measureUploadThroughput({ photos: 24, concurrency: 4, latencyMs: [10, 20] })
    const one = await measureUploadThroughput({ photos: 24, concurrency: 1, latencyMs: [10, 20] })
    for (const run of [four, one]) {
      expect(run.photos).toBe(24)
      expect(run.photosPerSecond).toBeGreaterThan(0)
      expect(Number.isFinite(run.ms)).toBe(true)
    }
    console.info(
      `upload throughput: ${four.photosPerSecond.toFixed(1)}/s with 4 in flight, ` +
        `${one.photosPerSecond.toFixed(1)}/s one at a time`,
    )
  })
})
