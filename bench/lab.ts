// The benchmark's browser: the photo lab of the browser tests (a Vite dev server + Chromium page
// with Photo Desk's pipeline on globalThis.photo), with a fake camera fed a 1920x1080 y4m clip,
// plus ssim.js, browser-image-compression, the previous encoder rule and the bench tools. Nothing is fetched from outside.
import { createRequire } from 'node:module'
import { openPhotoLab, type PhotoLab } from '../tests/helpers/photo-lab.ts'
import { writeY4m, type Rgb } from '../tests/helpers/y4m.ts'
import { guardNetwork } from './app.ts'
import { installBenchTools } from './page-tools.ts'

const require = createRequire(import.meta.url)

/** A head-and-shoulders scene for the fake camera: backdrop, face, hair, striped shirt, grain. */
export function writeCameraClip(path: string, width = 1920, height = 1080): void {
  let seed = 5
  const grain = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    return (seed / 4294967296 - 0.5) * 10
  }
  const cx = width / 2
  const s = Math.min(width, height)
  const inEllipse = (x: number, y: number, ex: number, ey: number, rx: number, ry: number) =>
    ((x - ex) / rx) ** 2 + ((y - ey) / ry) ** 2 <= 1
  writeY4m(path, width, height, (x, y): Rgb => {
    let rgb: Rgb
    const t = y / height
    if (inEllipse(x, y, cx, height * 0.47, s * 0.16, s * 0.21)) {
      const d = Math.hypot(x - cx, y - height * 0.44) / (s * 0.22)
      rgb = [240 - 60 * d, 200 - 70 * d, 170 - 70 * d]
      if (inEllipse(x, y, cx - 0.065 * s, height * 0.42, s * 0.022, s * 0.011)) rgb = [30, 25, 25]
      if (inEllipse(x, y, cx + 0.065 * s, height * 0.42, s * 0.022, s * 0.011)) rgb = [30, 25, 25]
    } else if (inEllipse(x, y, cx, height * 0.38, s * 0.2, s * 0.21)) rgb = [58, 36, 24]
    else if (y > height * 0.72 && Math.abs(x - cx) < s * 0.4)
      rgb = Math.floor((x - cx) / (s * 0.05)) % 2 ? [200, 50, 50] : [40, 45, 85]
    else rgb = [127 + 97 * t, 169 + 39 * t, 214 - 38 * t]
    const n = grain()
    return [rgb[0] + n, rgb[1] + n, rgb[2] + n]
  })
}

/** Opens the lab with the camera clip and everything the encoder and pipeline measures need. */
export async function openBenchLab(cameraClip: string): Promise<PhotoLab> {
  const lab = await openPhotoLab({ fakeCamera: cameraClip })
  try {
    await guardNetwork(lab.page.context())
    // ssim.js's browser build puts `ssim` on globalThis; added inline, not fetched.
    await lab.page.addScriptTag({ path: require.resolve('ssim.js/dist/ssim.web.js') })
    // A string, not a function: tsx must not rewrite this import. Served by the lab's dev server.
    await lab.page.evaluate(
      `import('/node_modules/browser-image-compression/dist/browser-image-compression.mjs')` +
        `.then((m) => { globalThis.imageCompression = m.default })`,
    )
    // Photo Desk's encoder rule before issue 14, for the A/B timing of the encoder measure.
    await lab.page.evaluate(
      `import('/bench/previous-rule.ts').then((m) => { globalThis.previousRule = m })`,
    )
    await lab.page.evaluate(installBenchTools)
    return lab
  } catch (error) {
    await lab.close()
    throw error
  }
}
