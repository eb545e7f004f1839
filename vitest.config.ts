import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import WaitingFirstSequencer from './tests/helpers/sequencer.ts'

const alias = { '@': fileURLToPath(new URL('./src', import.meta.url)) }

// Three suites: unit (happy-dom, no network), integration (the simulator over real HTTP)
// and e2e (real Chromium against the built app served with the simulator).
export default defineConfig({
  plugins: [vue()],
  resolve: { alias },
  test: {
    reporters: ['default', './tests/helpers/plain-reporter.ts'],
    // Per-project sequencers are ignored: the ordering applies to the whole run.
    sequence: { sequencer: WaitingFirstSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          environment: 'happy-dom',
          include: ['tests/unit/**/*.test.ts'],
          setupFiles: ['tests/helpers/unit-setup.ts'],
          // Vitest's default is one worker fewer than the cores: one on this 2-core machine.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 30_000,
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // Each file launches its own Chromium. The long fault tests mostly wait on simulated
          // latency (flaky-network 3 1/2 minutes, desk-pace and batch-import about 1) and start
          // first (see the sequencer); beside them the other workers keep both cores busy.
          maxWorkers: 4,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
})
