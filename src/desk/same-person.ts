// "Is this the same person?" as the desk applies it (issue 15). A save for a person with a
// current photo waits for the verdict on its JPEG, at most SAME_PERSON_WAIT_MS (the model may
// still be loading: then the save goes on). A "different" verdict holds the save until the clerk
// presses "Save anyway" for that very JPEG (Enter alone never does), and the warning is logged
// once, with the clerk's answer. Pure: no Vue; the verdicts come from useSamePerson.
import type { SamePerson } from '@/face/match.ts'

/** A save waits this long for a verdict still coming (model load included), then goes on. */
export const SAME_PERSON_WAIT_MS = 8_000

/** The session log's line for a warning the clerk answered: saved anyway (ok) or not. */
export interface SamePersonLogLine {
  userId: string
  name: string
  action: 'same-person'
  result: 'ok' | 'aborted'
  message: string
}

interface Person {
  userId: string
  name: string
  photo: string | null
}

export interface SamePersonGateOptions {
  /** The check is on (Settings). */
  enabled(): boolean
  /** The verdict on `photo`, as long as it takes; null when no check applies. */
  verdict(photo: Blob): Promise<SamePerson | null>
  log(line: SamePersonLogLine): void
  /** Makes the gate's state observable (the store passes Vue's `shallowReactive`). */
  observe?: <T extends object>(value: T) => T
  waitMs?: number
}

export class SamePersonGate {
  /** The JPEG the clerk pressed "Save anyway" for. */
  private readonly state: { accepted: Blob | null }
  /** A warning shown and not yet answered. */
  private warning: { userId: string; name: string; distance: number } | null = null

  constructor(private readonly options: SamePersonGateOptions) {
    const state: { accepted: Blob | null } = { accepted: null }
    this.state = options.observe ? options.observe(state) : state
  }

  /** A save for `person` asks first: only a current photo can be compared. */
  applies(person: Person): boolean {
    return !!person.photo && this.options.enabled()
  }

  /** The verdict on `photo`, or null when it has not come within the wait. */
  settled(photo: Blob): Promise<SamePerson | null> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.options.waitMs ?? SAME_PERSON_WAIT_MS)
    })
    return Promise.race([this.options.verdict(photo), late]).finally(() => clearTimeout(timer))
  }

  /** Whether `verdict` holds a save of `photo`: "different", and not accepted for this JPEG. */
  holds(verdict: SamePerson | null, photo: Blob | null): boolean {
    return verdict?.verdict === 'different' && this.state.accepted !== photo
  }

  /** A verdict shown for `person`: a "different" one opens a warning (logged once answered). */
  shown(verdict: SamePerson | null, person: Person | null): void {
    if (verdict?.verdict !== 'different' || !person || this.warning) return
    this.warning = { userId: person.userId, name: person.name, distance: verdict.distance }
  }

  /** "Save anyway" for `photo`: the warning is answered and a save of this JPEG may go. */
  accept(photo: Blob): void {
    this.state.accepted = photo
    this.answer(true)
  }

  /** The picture leaves the desk: an open warning is answered "not saved". */
  reset(): void {
    this.answer(false)
    this.state.accepted = null
  }

  private answer(saved: boolean): void {
    if (!this.warning) return
    const { userId, name, distance } = this.warning
    this.warning = null
    const result = saved ? 'ok' : 'aborted'
    this.options.log({
      userId,
      name,
      action: 'same-person',
      result,
      message: `distance ${distance.toFixed(2)}`,
    })
  }
}
