// Measure 4, load size: what the browser downloads for the first screen (sign-in: index.html's
// entry script, modulepreloads and stylesheets) and for the desk (+ the desk route's chunks), raw
// and gzip, and what loads lazily, from the benchmark's own production build (with a manifest).
// The first-screen figure is also asserted in `npm test` (tests/e2e/bundle-size.test.ts).
import { join } from 'node:path'
import {
  FIRST_SCREEN_GZIP_TARGET,
  findFaceModelCode,
  readManifest,
  screenSizes,
  type ScreenSizes,
} from '../tests/helpers/bundle.ts'
import { ROOT } from '../tests/helpers/app-server.ts'
import { SCREEN_MESSAGES } from '../src/router/screen-messages.ts'

/** The desk's view in the build manifest (router: `/` -> EnrollView, loaded after sign-in). */
export const DESK_VIEW = 'src/views/EnrollView.vue'
/** The English strings the router loads with the desk (the first screen carries en.ts only). */
export const DESK_MESSAGES = SCREEN_MESSAGES.desk.map((f) => `src/i18n/${f}.en.ts`)

export interface LoadSizeResults extends ScreenSizes {
  budget: number
  withinBudget: boolean
  /** Face model (face-api / TensorFlow.js) code found on the first screen: must stay empty. */
  faceModelOnFirstScreen: { file: string; markers: string[] }[]
  /** Files that carry face-model code anywhere in the build. */
  faceModelFiles: string[]
}

export function measureLoadSize(outDir: string): LoadSizeResults {
  const dist = join(ROOT, outDir)
  const manifest = readManifest(dist)
  if (!manifest) throw new Error(`${outDir} has no .vite/manifest.json: build with manifest: true`)
  if (!manifest[DESK_VIEW]) throw new Error(`the build has no ${DESK_VIEW}: has the desk moved?`)
  for (const key of DESK_MESSAGES)
    if (!manifest[key])
      throw new Error(`the build has no ${key}: are the desk's strings elsewhere?`)
  const sizes = screenSizes(dist, manifest, DESK_VIEW, DESK_MESSAGES)
  const everyJs = [...new Set(Object.values(manifest).map((c) => c.file))]
  return {
    ...sizes,
    budget: FIRST_SCREEN_GZIP_TARGET,
    withinBudget: sizes.firstScreen.gzip <= FIRST_SCREEN_GZIP_TARGET,
    faceModelOnFirstScreen: findFaceModelCode(
      dist,
      sizes.firstScreen.files.map((f) => f.file),
    ),
    faceModelFiles: findFaceModelCode(dist, everyJs).map((hit) => hit.file),
  }
}
