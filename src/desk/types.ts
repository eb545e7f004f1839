import type { UserDetail } from '@/api/types.ts'
import type { FaceCropResult } from '@/face/crop.ts'

/** Who is on the desk: one piece of state. Only 'found' has a person to photograph. */
export type DeskLookup =
  | { state: 'empty' }
  | { state: 'finding'; userId: string }
  | { state: 'failed'; userId: string; error: unknown }
  | { state: 'found'; user: UserDetail }

/** The camera as the desk's capture step needs it (the view lends it). */
export interface CameraPort {
  /** Resolves true once frames come, false when the camera cannot start. */
  ready(): Promise<boolean>
  grab(): Promise<ImageBitmap | null>
  /** The live guide's face crop for a frame of this size, if it saw a face just now. */
  liveCrop(width: number, height: number): FaceCropResult | null
  /** The live checks, as the session log keeps them. */
  checks(): string[]
}
