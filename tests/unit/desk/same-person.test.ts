// The desk's same-person rule: when a save asks, how long it waits for the verdict, what holds
// it, what "Save anyway" frees, and the session log's one line per answered warning.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SAME_PERSON_WAIT_MS, SamePersonGate, type SamePersonLogLine } from '@/desk/same-person.ts'
import type { SamePerson } from '@/face/match.ts'

const anna = { userId: '7', name: 'Anna', photo: 'c3RvcmVk' }
const different: SamePerson = { verdict: 'different', distance: 0.734 }
const same: SamePerson = { verdict: 'same', distance: 0.2 }

function gate(options: { enabled?: boolean; verdict?: (photo: Blob) => Promise<SamePerson> } = {}) {
  const lines: SamePersonLogLine[] = []
  const g = new SamePersonGate({
    enabled: () => options.enabled ?? true,
    verdict: options.verdict ?? (async () => different),
    log: (line) => lines.push(line),
  })
  return { g, lines }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('SamePersonGate', () => {
  it('asks only for a person with a current photo, and only with the check on', () => {
    expect(gate().g.applies(anna)).toBe(true)
    expect(gate().g.applies({ ...anna, photo: null })).toBe(false)
    expect(gate({ enabled: false }).g.applies(anna)).toBe(false)
  })

  it('holds a save of a JPEG with a "different" verdict until "Save anyway" for that JPEG', () => {
    const { g } = gate()
    const jpeg = new Blob(['a'])
    const recropped = new Blob(['b'])
    expect(g.holds(different, jpeg)).toBe(true)
    expect(g.holds(same, jpeg)).toBe(false)
    expect(g.holds(null, jpeg)).toBe(false)
    expect(g.holds({ verdict: 'unknown', reason: 'no-face' }, jpeg)).toBe(false)

    g.accept(jpeg)
    expect(g.holds(different, jpeg)).toBe(false)
    // Another JPEG (the crop moved) is another picture: asked again.
    expect(g.holds(different, recropped)).toBe(true)
    // The picture left the desk: the answer goes with it.
    g.reset()
    expect(g.holds(different, jpeg)).toBe(true)
  })

  it('logs a shown warning once, with the clerk’s answer', () => {
    const { g, lines } = gate()
    g.shown(same, anna)
    g.reset()
    expect(lines).toEqual([])

    g.shown(different, anna)
    g.shown({ verdict: 'different', distance: 0.9 }, anna)
    g.accept(new Blob(['a']))
    g.reset()
    expect(lines).toEqual([
      { userId: '7', name: 'Anna', action: 'same-person', result: 'ok', message: 'distance 0.73' },
    ])

    g.shown(different, { ...anna, userId: '8', name: 'Bert' })
    g.reset()
    expect(lines[1]).toMatchObject({ userId: '8', name: 'Bert', result: 'aborted' })
    expect(lines).toHaveLength(2)
  })

  it('waits for the verdict at most SAME_PERSON_WAIT_MS, then lets the save go on', async () => {
    vi.useFakeTimers()
    const slow = gate({ verdict: () => new Promise<SamePerson>(() => {}) }).g
    let settled: SamePerson | null | undefined
    void slow.settled(new Blob(['a'])).then((v) => (settled = v))
    await vi.advanceTimersByTimeAsync(SAME_PERSON_WAIT_MS - 1)
    expect(settled).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect(settled).toBeNull()

    const quick = gate().g
    await expect(quick.settled(new Blob(['a']))).resolves.toEqual(different)
    expect(vi.getTimerCount()).toBe(0)
  })
})
