// Recall of the face search, live and still, in real Chromium with the app's own search code
// (src/face/frame.ts searchLive / searchStill) on the page's detector (WebAssembly): the six
// sample faces of @vladmandic/face-api pasted at 8-40% of a 1920x1080 frame's width, at nine
// positions, over the bench's eight generated backgrounds, plus the backgrounds alone. Detection
// is deterministic for a given input, so the rates are exact for these frames. CI runs a
// stratified part of the grid (71 frames: the full grid of 3,032 takes about 40 minutes here);
// `npm run bench:faces` runs all of it.
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { startFaceLabServer, type FaceLabServer } from './pages/face-lab.server.ts'
import {
  ciRecallCells,
  openRecallPage,
  recallTable,
  runRecall,
  summariseRecall,
} from './pages/face-recall.server.ts'

const suite = useBrowserSuite<FaceLabServer>({
  scratch: 'face-recall-',
  fakeCamera: false,
  app: ({ dir }) => startFaceLabServer(join(dir, 'vite-cache')),
})

it('finds a face of 8% of the width or more anywhere, live and in a still; none in empty frames', async () => {
  const started = performance.now()
  const { page, pageErrors, backend } = await openRecallPage(suite.browser, suite.app.url)
  expect(backend).toBe('wasm')
  const cells = ciRecallCells()
  const results = await runRecall(page, cells)
  const s = summariseRecall(cells, results)
  console.info(
    `face recall (live / still), ${cells.length} frames in ${Math.round((performance.now() - started) / 1000)} s\n` +
      recallTable(s, [0.08, 0.1, 0.15, 0.2, 0.3, 0.4]),
  )
  for (const mode of ['live', 'still'] as const) {
    expect(s.from10[mode] / s.from10.frames, `${mode} at >= 10%`).toBeGreaterThanOrEqual(0.98)
    expect(s.at8[mode] / s.at8.frames, `${mode} at 8%`).toBeGreaterThanOrEqual(0.9)
    expect(s.empty[mode] / s.empty.frames, `${mode} on empty frames`).toBeLessThanOrEqual(0.01)
  }
  expect(pageErrors).toEqual([])
}, 300_000)
