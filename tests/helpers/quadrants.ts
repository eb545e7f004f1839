import { expect } from 'vitest'
import { colourAt, type Decoded, type Paint } from './images.ts'

export type Rgb = [number, number, number]
export const RED: Rgb = [210, 40, 40]
export const BLUE: Rgb = [40, 60, 210]
export const GREEN: Rgb = [40, 180, 60]
export const YELLOW: Rgb = [230, 210, 40]

/** Four coloured quadrants: a mirrored, rotated or upside-down result swaps colours. */
export const quadrants =
  (width: number, height: number): Paint =>
  (x, y) =>
    y < height / 2 ? (x < width / 2 ? RED : BLUE) : x < width / 2 ? GREEN : YELLOW

export function expectNear(actual: Rgb, expected: Rgb, tolerance = 40) {
  const diff = Math.max(...actual.map((v, i) => Math.abs(v - expected[i]!)))
  expect(diff, `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance)
}

/** The decoded picture shows the quadrants the right way round. */
export function expectQuadrants(image: Decoded) {
  const at = (fx: number, fy: number) =>
    colourAt(image, Math.round(image.width * fx), Math.round(image.height * fy)) as Rgb
  expectNear(at(0.25, 0.25), RED)
  expectNear(at(0.75, 0.25), BLUE)
  expectNear(at(0.25, 0.75), GREEN)
  expectNear(at(0.75, 0.75), YELLOW)
}
