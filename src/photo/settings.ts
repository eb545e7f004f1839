import { BUDGET_DEFAULTS } from './encode.ts'

/** How the device photo is made. */
export interface PhotoSettings {
  /** Width / height of the crop and the output: 1 square, 0.75 for 3:4 portrait. */
  aspect: number
  /** Long side of the output in pixels before any size fallback. */
  maxSide: number
  /** Smallest long side the size fallback may reach. */
  minSide: number
  /** Byte budget of the JPEG; stays under DEVICE_PHOTO_LIMIT unless device-safe mode is off. */
  maxBytes: number
  /** Lowest JPEG quality (0..1) before the size fallback starts. */
  minQuality: number
}

/** 1:1 at 400 px in 16,000 bytes (Suprema's own figures), quality 0.2 at the least. */
export const DEFAULT_PHOTO_SETTINGS: Readonly<PhotoSettings> = Object.freeze({
  aspect: BUDGET_DEFAULTS.aspect,
  maxSide: BUDGET_DEFAULTS.maxSide,
  minSide: BUDGET_DEFAULTS.minSide,
  maxBytes: BUDGET_DEFAULTS.maxBytes,
  minQuality: BUDGET_DEFAULTS.minQuality,
})
