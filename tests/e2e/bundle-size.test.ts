// The first screen (sign-in) stays small: JS + CSS that index.html loads eagerly, gzip, from the
// production build that tests/e2e/global-setup.ts makes in dist-test/. Byte counts of a build are
// deterministic, so this is asserted; timings live in the benchmark suite (`npm run bench`).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  FACE_MODEL_MARKERS,
  FIRST_SCREEN_GZIP_TARGET,
  findFaceModelCode,
  firstScreen,
  firstScreenFiles,
  kB,
  parseIndexHtml,
} from '../helpers/bundle.ts'
import { E2E_OUT_DIR } from './global-setup.ts'

const dist = fileURLToPath(new URL(`../../${E2E_OUT_DIR}`, import.meta.url))

describe('bundle size', () => {
  it('reads the entry, modulepreloads and stylesheets out of index.html', () => {
    const parsed = parseIndexHtml(`<!doctype html><html><head>
      <!-- <script type="module" src="/assets/commented.js"></script> -->
      <script type="module" crossorigin src="/assets/index-a.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/vendor-b.js">
      <link rel=stylesheet href='/assets/index-c.css'>
      <link rel="icon" href="/favicon.svg">
      <script src="/not-a-module.js"></script>
    </head></html>`)
    expect(parsed).toEqual({
      scripts: ['/assets/index-a.js'],
      modulepreloads: ['/assets/vendor-b.js'],
      stylesheets: ['/assets/index-c.css'],
    })
  })

  it(`keeps the first screen (sign-in) within ${kB(FIRST_SCREEN_GZIP_TARGET)} gzip of JS and CSS`, () => {
    const files = firstScreenFiles(dist)
    expect(files.some((f) => f.endsWith('.js'))).toBe(true)
    const first = firstScreen(dist)
    console.info(
      [
        `First screen (sign-in), ${E2E_OUT_DIR}/: ${kB(first.gzip)} gzip` +
          ` (JS ${kB(first.js.gzip)}, CSS ${kB(first.css.gzip)}), ${kB(first.raw)} raw;` +
          ` target ${kB(FIRST_SCREEN_GZIP_TARGET)} gzip`,
        ...first.files.map((f) => `  ${f.file}: ${kB(f.raw)} raw, ${kB(f.gzip)} gzip`),
      ].join('\n'),
    )
    expect(first.gzip, 'first screen JS + CSS, gzip bytes').toBeLessThanOrEqual(
      FIRST_SCREEN_GZIP_TARGET,
    )
  })

  it('loads no face model (face-api / TensorFlow.js) code on the first screen', () => {
    // The markers must really be in face-api's browser build, or this check proves nothing.
    const require = createRequire(import.meta.url)
    const faceApi = readFileSync(
      require.resolve('@vladmandic/face-api/dist/face-api.esm.js'),
      'utf8',
    )
    expect(FACE_MODEL_MARKERS.filter((m) => !faceApi.includes(m))).toEqual([])

    expect(findFaceModelCode(dist, firstScreenFiles(dist))).toEqual([])
  })
})
