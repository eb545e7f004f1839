import type { Problem } from './checks.ts'
import type { ReviewRow } from './scan.ts'
import { pace } from './pace.ts'

/** What the face pass needs from the face module (the desk's autoCrop, as the batch uses it). */
export interface FoundFaces {
  reason: 'face' | 'several-faces' | 'no-face'
  /** The crop the desk's rule makes, in the picture's pixels. */
  crop: { x: number; y: number; width: number; height: number }
}

export interface FacePassDeps {
  photo(userId: string): Promise<Blob | undefined>
  decode(blob: Blob): Promise<ImageBitmap>
  /** Loads the detector; false when it cannot load (model blocked): the pass stops. */
  ready(): Promise<boolean>
  /** null: the detector gave up on this photo (too slow): it stays unjudged. */
  find(bitmap: ImageBitmap): Promise<FoundFaces | null>
  save(userId: string, sha256: string, problems: Problem[]): void
  now?: () => number
}

export interface FaceProgress {
  phase: 'idle' | 'running' | 'paused' | 'done' | 'cancelled' | 'unavailable'
  done: number
  total: number
  /** Photos per second and time left (pace.ts). */
  perSecond?: number
  secondsLeft?: number | null
}

/** The rule's crop must take at least this share of the picture's shorter side. */
const MIN_CROP_SHARE = 0.7
/** ... and be centred within this share of the side. */
const MAX_CENTRE_OFFSET = 0.15

/**
 * The face verdict of one photo by the desk's crop rule: the crop the rule makes around the face
 * should be about the whole photo. Much smaller: the face is too small; shifted: off centre.
 */
export function faceProblems(found: FoundFaces, width: number, height: number): Problem[] {
  if (found.reason === 'no-face') return ['no-face']
  if (found.reason === 'several-faces') return ['several-faces']
  const side = Math.min(width, height)
  const { crop } = found
  const small = Math.max(crop.width, crop.height) < MIN_CROP_SHARE * side
  const dx = Math.abs(crop.x + crop.width / 2 - width / 2) / width
  const dy = Math.abs(crop.y + crop.height / 2 - height / 2) / height
  return small || dx > MAX_CENTRE_OFFSET || dy > MAX_CENTRE_OFFSET ? ['face-framing'] : []
}

/** Photos the face pass looks at: checked, readable, large enough, not judged at this sha. */
export function needsFaceCheck(row: ReviewRow): boolean {
  return (
    row.hasPhoto &&
    row.checked &&
    !!row.sha256 &&
    row.faceChecked !== row.sha256 &&
    !row.problems.includes('unreadable') &&
    !row.problems.includes('low-resolution')
  )
}

/**
 * The face pass, after the byte checks: each photo decoded and looked at by the desk's face
 * detector, one at a time (the detector is one Worker), with its own progress.
 */
export class FacePass {
  progress: FaceProgress = { phase: 'idle', done: 0, total: 0 }
  private listeners = new Set<() => void>()
  private stopped: 'paused' | 'cancelled' | null = null
  private running = false
  private startedAt = 0

  constructor(private readonly deps: FacePassDeps) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private update(patch: Partial<FaceProgress>) {
    if (patch.done !== undefined && patch.done > 0) {
      const now = (this.deps.now ?? Date.now)()
      patch = { ...pace(patch.done, this.progress.total, this.startedAt, now), ...patch }
    }
    this.progress = { ...this.progress, ...patch }
    for (const listener of this.listeners) listener()
  }

  pause() {
    if (this.running) this.stopped = 'paused'
  }

  cancel() {
    if (this.running) this.stopped = 'cancelled'
    else if (this.progress.phase === 'paused') this.update({ phase: 'cancelled' })
  }

  /** Checks every row that needs it (resume: call again with the rows). */
  async run(rows: readonly ReviewRow[]): Promise<void> {
    if (this.running) return
    const todo = rows.filter(needsFaceCheck)
    this.running = true
    this.stopped = null
    this.startedAt = (this.deps.now ?? Date.now)()
    this.update({ phase: 'running', done: 0, total: todo.length, perSecond: 0, secondsLeft: null })
    try {
      if (!(await this.deps.ready())) return this.update({ phase: 'unavailable' })
      for (const row of todo) {
        if (this.stopped) return this.update({ phase: this.stopped })
        const blob = await this.deps.photo(row.userId)
        if (!blob) continue
        let bitmap: ImageBitmap
        try {
          bitmap = await this.deps.decode(blob)
        } catch {
          this.deps.save(row.userId, row.sha256, ['unreadable'])
          this.update({ done: this.progress.done + 1 })
          continue
        }
        try {
          const found = await this.deps.find(bitmap)
          if (found)
            this.deps.save(row.userId, row.sha256, faceProblems(found, bitmap.width, bitmap.height))
        } finally {
          bitmap.close()
        }
        this.update({ done: this.progress.done + 1 })
      }
      this.update({ phase: 'done' })
    } finally {
      this.running = false
    }
  }
}
