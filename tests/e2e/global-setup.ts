import { fileURLToPath } from 'node:url'
import { build } from 'vite'

export const E2E_OUT_DIR = 'dist-test'

/** Builds the production bundle once; every browser test serves it with its own simulator. */
export default async function setup() {
  const root = fileURLToPath(new URL('../..', import.meta.url))
  await build({ root, logLevel: 'warn', build: { outDir: E2E_OUT_DIR, emptyOutDir: true } })
}
