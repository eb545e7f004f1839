import { stem } from './filename.ts'

// Which batch files wait for a supervisor's look before they are sent ("Needs review"), and
// why. Pure: the face counts and the same-person verdict come from the face worker.

/** Why a file is held. */
export type HoldReason =
  /** No face in the picture: the crop is a guess. */
  | 'no-face'
  /** Several faces: which one is the user? */
  | 'several-faces'
  /** The file name carries a name that is not the user's name in BioStar. */
  | 'name-mismatch'
  /** The face does not look like the user's current photo (with Overwrite on). */
  | 'different-person'

/**
 * The name a file name carries after its ID: `18 - Jane Doe.jpg` -> `Jane Doe`; `5.jpg` and
 * `5_new.jpg` (no letters) -> null.
 */
export function nameInFileName(path: string, userId: string): string | null {
  const text = stem(path).normalize('NFKC').trim()
  const rest = text.startsWith(userId) ? text.slice(userId.length) : text.replace(/^\d+/, '')
  return /\p{L}/u.test(rest) ? rest : null
}

/** A name as its letters only, in any order, any case and any script: a sorted key. */
export function nameKey(name: string): string {
  const letters = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .normalize('NFKC')
    .toLowerCase()
    .match(/\p{L}/gu)
  return (letters ?? []).sort().join('')
}

/** Whether the name in a file name is the user's BioStar name (letters only, any order). */
export function namesMatch(fileName: string, biostarName: string): boolean {
  return nameKey(fileName) === nameKey(biostarName)
}

/** What the face checks found in a file, for holdReasons. */
export interface FaceFindings {
  /** Faces found; null when the face checks did not run (off, no model). */
  faces: number | null
  /** The same-person verdict against the current photo; null when none applies. */
  samePerson: 'same' | 'different' | 'unknown' | null
}

/** Every reason to hold a file, in the order they are shown; empty: it can go. */
export function holdReasons(
  file: string,
  user: { userId: string; name: string },
  findings: FaceFindings,
): HoldReason[] {
  const reasons: HoldReason[] = []
  if (findings.faces === 0) reasons.push('no-face')
  if (findings.faces !== null && findings.faces > 1) reasons.push('several-faces')
  const named = nameInFileName(file, user.userId)
  if (named !== null && user.name && !namesMatch(named, user.name)) reasons.push('name-mismatch')
  if (findings.samePerson === 'different') reasons.push('different-person')
  return reasons
}
