// Fakes for the batch engine's collaborators (unit tests): a BioStar that answers search and PUT
// from a Map, a write path in front of it, and a preparer that "prepares" at once.
import { ApiError } from '@/api/errors.ts'
import type { UserPage } from '@/api/types.ts'
import type { Preparer } from '@/batch/preparer.ts'
import type { PickedFile } from '@/batch/walk.ts'
import type { PhotoWriter, WriteOutcome, WriteRequest } from '@/writes/types.ts'

export const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1))
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export async function until(check: () => boolean, what = 'condition', ms = 10_000) {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await tick()
  }
}

/** A picked file whose content is its name (or `body`; 'corrupt' does not prepare). */
export const file = (name: string, body = name): PickedFile => ({
  file: new File([body], name),
  path: name,
})

export interface FakeUser {
  name: string
  hasPhoto: boolean
}

export type FakeServer = ReturnType<typeof fakeServer>

/** Users 1..userCount, none with a photo. PUTs record the photo text they were given. */
export function fakeServer(userCount: number) {
  const users = new Map<string, FakeUser>()
  for (let i = 1; i <= userCount; i++) users.set(String(i), { name: `User ${i}`, hasPhoto: false })
  const searches: string[][] = []
  const puts: Array<{ id: string; photo: string }> = []
  let inFlight = 0
  let maxInFlight = 0
  let hold: Promise<void> | null = null
  let release: () => void = () => {}
  const failures = new Map<string, ApiError>()
  return {
    users,
    searches,
    puts,
    /** The next PUT for a user fails with this error (once). */
    failures,
    get maxInFlight() {
      return maxInFlight
    },
    get inFlight() {
      return inFlight
    },
    /** PUTs wait until release() (to look at the batch mid-flight). */
    holdPuts() {
      hold = new Promise((resolve) => (release = resolve))
    },
    release() {
      hold = null
      release()
    },
    async searchUsers(criteria: { userIds?: string[]; limit: number; offset: number }) {
      searches.push([...(criteria.userIds ?? [])])
      await tick()
      const rows = (criteria.userIds ?? [])
        .filter((id) => users.has(id))
        .map((id) => ({
          userId: id,
          name: users.get(id)!.name,
          group: null,
          hasPhoto: users.get(id)!.hasPhoto,
          disabled: false,
          expired: false,
        }))
      return { total: rows.length, rows } satisfies UserPage
    },
    /**
     * A PUT. Aborting its signal stops the wait for the answer at once; a PUT that reached the
     * server still lands (after release() when held), as it would on a real one.
     */
    updatePhoto(id: string, photo: string, opts: { signal?: AbortSignal } = {}): Promise<void> {
      const landing = (async () => {
        inFlight++
        maxInFlight = Math.max(maxInFlight, inFlight)
        try {
          await tick()
          while (hold) await hold
          const failure = failures.get(id)
          if (failure) {
            failures.delete(id)
            throw failure
          }
          puts.push({ id, photo })
          users.get(id)!.hasPhoto = true
        } finally {
          inFlight--
        }
      })()
      const { signal } = opts
      if (!signal) return landing
      landing.catch(() => undefined)
      return Promise.race([
        landing,
        new Promise<never>((_, reject) => {
          const abort = () => reject(new ApiError({ kind: 'aborted' }))
          if (signal.aborted) abort()
          else signal.addEventListener('abort', abort, { once: true })
        }),
      ])
    },
  }
}

/**
 * The write path in front of the fake server: one PUT per write, the JPEG's text as the photo.
 * `outcomes` forces how the next write of a user ends (superseded, refused...) without a PUT.
 */
export function fakeWriter(server: FakeServer) {
  const requests: WriteRequest[] = []
  const dones: Promise<WriteOutcome>[] = []
  const outcomes = new Map<string, WriteOutcome>()
  async function send(request: WriteRequest): Promise<WriteOutcome> {
    const forced = outcomes.get(request.userId)
    if (forced) {
      outcomes.delete(request.userId)
      await tick()
      return forced
    }
    if (!request.photo || !('blob' in request.photo)) throw new Error('a batch write has a blob')
    try {
      const photo = await request.photo.blob.text()
      await server.updatePhoto(request.userId, photo, { signal: request.signal })
      return { state: 'stored' }
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'aborted') return { state: 'aborted' }
      return { state: 'failed', error }
    }
  }
  const writer: PhotoWriter = {
    submit(request) {
      requests.push(request)
      const done = send(request)
      dones.push(done)
      return { id: String(requests.length), done }
    },
  }
  return { ...writer, requests, dones, outcomes }
}

/** Prepares a file into `jpeg of <its text>`; a file whose text is 'corrupt' cannot be read. */
export const fakePreparer = (): Preparer => ({
  slots: 2,
  mode: 'main',
  async prepare(file, _request, cropFor) {
    await tick()
    // With the face checks on, the face count is cropFor's (shown a stand-in bitmap).
    const look = cropFor ? await cropFor({ width: 400, height: 400 } as ImageBitmap) : null
    const text = await file.text()
    if (text === 'corrupt')
      return { ok: false, problem: { kind: 'pipeline', reason: 'decode-failed', detail: {} } }
    return {
      ok: true,
      ...(look && 'faces' in look ? { faces: look.faces } : {}),
      jpeg: new Blob([`jpeg of ${text}`], { type: 'image/jpeg' }),
      thumb: new Blob(['thumb'], { type: 'image/jpeg' }),
      bytes: 100 + text.length,
      width: 400,
      height: 400,
      quality: 0.9,
    }
  },
  dispose() {},
})
