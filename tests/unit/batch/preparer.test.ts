import { describe, expect, it } from 'vitest'
import { createPreparer, relativeFocus, type CropFor, type FilePreparer } from '@/batch/preparer.ts'
import { toCropFocus, type PrepareRequest } from '@/batch/prepare-file.ts'

describe('face-aware crop seam', () => {
  it('carries a crop or a focus from the small detection bitmap to the full picture', () => {
    // A crop found on a 400 x 300 downscale...
    const focus = relativeFocus({ x: 100, y: 50, width: 120, height: 120 }, 400, 300)
    expect(focus).toEqual({ cx: 0.4, cy: 110 / 300, size: 0.4 })
    // ...lands on the same spot of the 4000 x 3000 original.
    expect(toCropFocus(focus, 4000, 3000)).toEqual({ cx: 1600, cy: 1100, size: 1200 })
    expect(relativeFocus({ cx: 200, cy: 150 }, 400, 300)).toEqual({
      cx: 0.5,
      cy: 0.5,
      size: undefined,
    })
    // Out of range values are clamped to the picture.
    expect(toCropFocus({ cx: 1.5, cy: -1 }, 100, 100)).toEqual({ cx: 100, cy: 0, size: undefined })
  })
})

describe('createPreparer', () => {
  /** Records what reaches the file preparer it is given. */
  function recorder(): FilePreparer & { requests: PrepareRequest[]; disposed: boolean } {
    return {
      slots: 3,
      mode: 'worker',
      requests: [],
      disposed: false,
      async prepareFile(_file, request) {
        this.requests.push(request)
        return { ok: false, problem: { kind: 'unknown', message: 'recorded' } }
      },
      dispose() {
        this.disposed = true
      },
    }
  }
  const request = { aspect: 0.75, maxSide: 400, maxBytes: 16_000 }

  it('hands the request to the file preparer it was given, and reports its slots', async () => {
    const files = recorder()
    const preparer = createPreparer(files)
    expect([preparer.slots, preparer.mode]).toEqual([3, 'worker'])
    const result = await preparer.prepare(new Blob(['x']), request)
    expect(result).toEqual({ ok: false, problem: { kind: 'unknown', message: 'recorded' } })
    expect(files.requests).toEqual([{ ...request, focus: null }])
    preparer.dispose()
    expect(files.disposed).toBe(true)
  })

  it('keeps the centred crop when the file cannot be read for the face search', async () => {
    const files = recorder()
    let asked = 0
    const cropFor: CropFor = () => {
      asked++
      return { cx: 1, cy: 1 }
    }
    // Not a picture: the face search is skipped, and the pipeline says why later.
    await createPreparer(files).prepare(new Blob(['not a picture']), request, cropFor)
    expect(asked).toBe(0)
    expect(files.requests[0]?.focus).toBeNull()
  })

  it('makes a crop given in the request (the supervisor fixed it) without a face look', async () => {
    const files = recorder()
    let asked = 0
    const cropFor: CropFor = () => {
      asked++
      return { cx: 1, cy: 1 }
    }
    const focus = { cx: 0.3, cy: 0.6, size: 0.5, rotation: 270 as const }
    const result = await createPreparer(files).prepare(
      new Blob(['x']),
      { ...request, focus },
      cropFor,
    )
    expect(asked).toBe(0)
    expect(files.requests).toEqual([{ ...request, focus }])
    expect(result.focus).toEqual(focus)
  })
})
