import { BaseSequencer, type TestSpecification } from 'vitest/node'

// Long tests that mostly wait on the network (simulated latency) start first within their
// project, so they run beside the CPU-bound browser tests instead of after them.
const FIRST = ['flaky-network', 'desk-pace', 'batch-import']

export default class WaitingFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const rank = (spec: TestSpecification) => {
      const index = FIRST.findIndex((name) => spec.moduleId.includes(name))
      return index === -1 ? FIRST.length : index
    }
    // Array.sort is stable: the base order (groups, projects, sizes) stays for equal keys.
    return [...sorted].sort((a, b) => {
      const group = a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder
      if (group !== 0) return group
      if (a.project.name !== b.project.name) return a.project.name < b.project.name ? -1 : 1
      return rank(a) - rank(b)
    })
  }
}
