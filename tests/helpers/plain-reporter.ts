import { writeFileSync } from 'node:fs'
import type { Reporter, TestModule } from 'vitest/node'

/**
 * Prints the plain closing line CI reads ("N passed, N failed, N skipped"). A file that fails
 * to load counts as one failure, so a broken import can never look like a green run.
 * The counts also go to PLAIN_REPORT_FILE so scripts/test.mjs can add its own steps.
 */
export default class PlainReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>) {
    let passed = 0
    let failed = 0
    let skipped = 0
    for (const mod of testModules) {
      let tests = 0
      for (const test of mod.children.allTests()) {
        tests++
        const state = test.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failed++
        else skipped++
      }
      const modErrors = mod.errors().length
      if (modErrors > 0 || (mod.state() === 'failed' && tests === 0)) failed++
    }
    failed += unhandledErrors.length
    const counts = { passed, failed, skipped }
    if (process.env.PLAIN_REPORT_FILE)
      writeFileSync(process.env.PLAIN_REPORT_FILE, JSON.stringify(counts))
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`)
  }
}
