import { BaseSequencer, type TestSpecification } from 'vitest/node'

// Long tests that mostly wait on the network (simulated latency) start first, so they run
// beside the CPU-bound browser tests instead of after them.
const FIRST = ['flaky-network', 'batch-']

export default class WaitingFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const rank = (spec: TestSpecification) => {
      const index = FIRST.findIndex((name) => spec.moduleId.includes(name))
      return index === -1 ? FIRST.length : index
    }
    return [...sorted].sort((a, b) => rank(a) - rank(b))
  }
}
