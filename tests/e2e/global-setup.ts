import { buildApp, E2E_OUT_DIR } from '../helpers/app-server.ts'

export { E2E_OUT_DIR }

/** Builds the production bundle once; every browser test serves it with its own simulator. */
export default async function setup() {
  // The browser tests must see exactly what `npm run build` ships.
  await buildApp({ outDir: E2E_OUT_DIR })
}
