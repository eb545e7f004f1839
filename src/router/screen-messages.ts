import type { Feature } from '@/i18n/index.ts'

/**
 * The strings each signed-in screen needs beyond en.ts / ko.ts (src/i18n/index.ts FEATURES),
 * loaded before the screen shows. Apart from the router so the benchmark can count them with
 * the screen they belong to.
 */
export const SCREEN_MESSAGES = {
  desk: ['desk', 'camera', 'face', 'search'],
  // The batch rows explain refused photos with the desk's photoErrors.
  batch: ['batch', 'face', 'desk', 'progress'],
  settings: ['settings'],
  // The photo checks are named in the desk's words (face.checks.*).
  log: ['log', 'face'],
  // Settings are named as the Settings screen names them.
  diagnostics: ['diag', 'camera', 'settings'],
  review: ['review', 'progress'],
} as const satisfies Record<string, readonly Feature[]>
