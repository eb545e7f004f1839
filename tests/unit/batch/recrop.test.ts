// A held file's crop fixed in the crop editor goes back to the batch as fractions of the
// picture: the preparer makes the same crop on the full-size decode, turned or not.
import { describe, expect, it } from 'vitest'
import { cropOf } from '@/batch/prepare-file.ts'
import { focusOfCrop } from '@/batch/recrop.ts'

describe('fixing a held file’s crop', () => {
  it('starts the editor from the crop the photo was made with', () => {
    expect(cropOf({ cx: 0.25, cy: 0.5, size: 0.5 }, 1600, 1200, 0.75)).toEqual({
      x: 175,
      y: 300,
      width: 450,
      height: 600,
      rotation: 0,
    })
    // No focus: the centred crop, as large as fits.
    expect(cropOf(null, 1600, 1200, 1)).toMatchObject({ x: 200, y: 0, width: 1200, height: 1200 })
  })

  it('lands the edited crop on the same part of a larger decode of the file', () => {
    // Edited on a 800 x 600 copy; prepared from the 4000 x 3000 original.
    const edited = { x: 100, y: 120, width: 240, height: 320, rotation: 0 as const }
    const focus = focusOfCrop(edited, 800, 600)
    const full = cropOf(focus, 4000, 3000, 0.75)
    expect(full.rotation).toBe(0)
    for (const k of ['x', 'y', 'width', 'height'] as const)
      expect(full[k]).toBeCloseTo(edited[k] * 5, 6)
  })

  it('keeps a quarter turn: the crop is in the turned picture', () => {
    // Turned, the 800 x 600 copy is 600 x 800; the crop lives in that space.
    const edited = { x: 300, y: 400, width: 240, height: 320, rotation: 90 as const }
    const focus = focusOfCrop(edited, 800, 600)
    expect(focus.rotation).toBe(90)
    const full = cropOf(focus, 4000, 3000, 0.75)
    expect(full).toMatchObject({ rotation: 90 })
    for (const k of ['x', 'y', 'width', 'height'] as const)
      expect(full[k]).toBeCloseTo(edited[k] * 5, 6)
  })
})
