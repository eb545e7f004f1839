import type { Check, CheckId, CheckState, Instruction } from './checks.ts'

// The checks as the session log keeps them: short language-neutral lines, read back into words
// when the log is shown. Both directions here, so the format lives in one place.

/** A check as logged: what it was, whether it passed, what the desk asked for. */
export interface LoggedCheck {
  id: CheckId
  state: Exclude<CheckState, 'unknown'>
  instruction: Instruction | null
}

// Records, not lists: a new check or instruction that is missing here fails the type check.
const IDS: Record<CheckId, true> = {
  face: true,
  single: true,
  size: true,
  centre: true,
  frontal: true,
  level: true,
  backlight: true,
  exposure: true,
  sharp: true,
}
const INSTRUCTIONS: Record<Instruction, true> = {
  noFace: true,
  oneFace: true,
  closer: true,
  back: true,
  left: true,
  right: true,
  middle: true,
  up: true,
  down: true,
  faceCamera: true,
  straighten: true,
  lightFront: true,
  moreLight: true,
  lessLight: true,
  holdStill: true,
}

/**
 * The measured checks as short lines for the session log (`LogEntry.checks`),
 * e.g. `["face pass", "size fail closer", "sharp pass"]`; unmeasured checks are left out.
 */
export function checksForLog(checks: readonly Check[]): string[] {
  return checks
    .filter((c) => c.state !== 'unknown')
    .map((c) => [c.id, c.state, c.instruction].filter(Boolean).join(' '))
}

/** A `checksForLog` line read back; null for one this version does not know. */
export function parseLogCheck(line: string): LoggedCheck | null {
  const [id = '', state = '', instruction, ...rest] = line.trim().split(/\s+/)
  if (rest.length || !Object.hasOwn(IDS, id)) return null
  if (state !== 'pass' && state !== 'fail') return null
  if (instruction !== undefined && !Object.hasOwn(INSTRUCTIONS, instruction)) return null
  return { id: id as CheckId, state, instruction: (instruction as Instruction) ?? null }
}
