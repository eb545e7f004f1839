import { fileURLToPath } from 'node:url'
import { build } from 'vite'

export const E2E_OUT_DIR = 'dist-test'

/** Builds the production bundle once; every browser test serves it with its own simulator. */
export default async function setup() {
  const root = fileURLToPath(new URL('../..', import.meta.url))
  // Vitest runs with NODE_ENV=test, which would give Vue's development build; the browser
  // tests must see exactly what `npm run build` ships.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({
      root,
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: E2E_OUT_DIR, emptyOutDir: true },
    })
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
}
