// A synthetic frontal face for the face rules' unit tests: 68 landmarks whose eye line, chin,
// roll and nose shift are set, and a detector-like box around them.
import type { DetectedFace } from '@/face/index.ts'

/**
 * 68 landmarks of an upright frontal face: eyes `eyeToChin * 0.55` apart on a line at `eyeY`,
 * chin `eyeToChin` below, turned by `roll` degrees about the eyes; `noseShift` moves the nose
 * tip along the eye line (a head turned left or right).
 */
export function face({
  cx = 320,
  eyeY = 200,
  eyeToChin = 100,
  roll = 0,
  noseShift = 0,
} = {}): DetectedFace {
  const d = eyeToChin * 0.55
  const local: [number, number][] = Array.from({ length: 68 }, () => [0, eyeToChin * 0.5])
  const ring = (centre: number, from: number) => {
    for (let i = 0; i < 6; i++) {
      const a = (i / 6) * Math.PI * 2
      local[from + i] = [centre + Math.cos(a) * d * 0.2, Math.sin(a) * d * 0.08]
    }
  }
  ring(-d / 2, 36)
  ring(d / 2, 42)
  local[0] = [-d * 1.25, eyeToChin * 0.05]
  local[16] = [d * 1.25, eyeToChin * 0.05]
  local[8] = [0, eyeToChin]
  local[30] = [noseShift, eyeToChin * 0.45]
  const r = (roll * Math.PI) / 180
  const landmarks = local.map(([u, v]) => ({
    x: cx + u * Math.cos(r) - v * Math.sin(r),
    y: eyeY + u * Math.sin(r) + v * Math.cos(r),
  }))
  const xs = landmarks.map((p) => p.x)
  const ys = landmarks.map((p) => p.y)
  const box = {
    x: Math.min(...xs),
    y: Math.min(...ys) - eyeToChin * 0.3,
    width: Math.max(...xs) - Math.min(...xs),
    height: Math.max(...ys) - Math.min(...ys) + eyeToChin * 0.3,
  }
  return { box, score: 0.9, landmarks }
}

export const inside = (
  c: { x: number; y: number; width: number; height: number },
  w: number,
  h: number,
) => c.x >= -1e-9 && c.y >= -1e-9 && c.x + c.width <= w + 1e-9 && c.y + c.height <= h + 1e-9
