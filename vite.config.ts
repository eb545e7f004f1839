/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import { readFileSync } from 'node:fs'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { biostar } from './server/biostar-plugin.ts'
import { previewHttps } from './server/https.ts'
import { securityHeaders } from './server/security-headers.ts'
import { faceModels } from './server/face-models.ts'
import { serviceWorker } from './server/service-worker.ts'
import { siteSettings } from './server/site-settings.ts'

type ModuleInfo = { isEntry: boolean; importers: readonly string[] } | null
type GetModuleInfo = (id: string) => ModuleInfo
const firstScreens = new WeakMap<GetModuleInfo, Map<string, boolean>>()

/**
 * Whether a module loads with the first screen: index.html reaches it by static imports alone.
 * The page's own script (src/main.ts) is not counted: it stays the entry chunk.
 */
function loadsFirst(id: string, info: GetModuleInfo): boolean {
  let known = firstScreens.get(info)
  if (!known) firstScreens.set(info, (known = new Map()))
  const reached = (at: string): boolean => {
    const seen = known.get(at)
    if (seen !== undefined) return seen
    known.set(at, false) // an import cycle is decided by its other importers
    const module = info(at)
    const first = !!module && (module.isEntry || module.importers.some(reached))
    known.set(at, first)
    return first
  }
  const module = info(id)
  return !!module && !module.importers.some((by) => info(by)?.isEntry) && reached(id)
}

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'))

// The function form: the HTTPS certificate is only made for `vite preview` (HTTPS=1 or
// HTTPS_CERT/HTTPS_KEY), never for dev or build.
export default defineConfig(async ({ isPreview }) => ({
  plugins: [vue(), biostar(), securityHeaders(), faceModels(), serviceWorker(), siteSettings()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  define: {
    'import.meta.env.VITE_APP_VERSION': JSON.stringify(pkg.version),
    // Every component uses <script setup>: leave the Options API and the devtools hooks out of
    // the first screen's bytes.
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, https: isPreview ? await previewHttps(process.env) : undefined },
  build: {
    target: 'es2022',
    // Browsers without modulepreload (Safari before 17) still load every module, import after
    // import; the polyfill would cost 0.4 kB of each first screen.
    modulePreload: { polyfill: false },
    sourcemap: false,
    // The face detector's worker bundles face-api + tfjs (1.3 MB); it loads only with the camera.
    chunkSizeWarningLimit: 1400,
    rollupOptions: {
      output: {
        // Without this the bundler folds every module shared by two lazy screens (the photo
        // pipeline, the batch queue) into the chunk the sign-in screen loads. The first screen's
        // own code goes in one chunk, `shell` (Vue, vue-router, Pinia, ofetch, and the stores,
        // strings and API client that later screens share too): split into a dozen small chunks
        // it cost 2.5 kB more gzip (and as many requests).
        manualChunks(id: string, { getModuleInfo }: { getModuleInfo: GetModuleInfo }) {
          if (/node_modules\/(@vue|vue|vue-router|pinia|ofetch|destr|ufo)\//.test(id))
            return 'shell'
          if (id.includes('/src/photo/')) return 'photo'
          if (/\/src\/[^?]*\.ts$/.test(id) && loadsFirst(id, getModuleInfo)) return 'shell'
        },
      },
    },
  },
}))
