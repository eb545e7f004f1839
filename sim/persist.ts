import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { SeedState } from './seed.ts'
import type { StoredUser } from './types.ts'

// Optional state file. Photos are stored once and referenced by index, because generated
// users share a few demo portraits and 20,000 copies would bloat the file.

interface FileUser extends Omit<StoredUser, 'photo'> {
  photo_ref?: number
}

interface StateFile {
  version: 1
  lastModified: number
  passwords: Record<string, string>
  photos: string[]
  users: FileUser[]
}

export function encodeState(state: SeedState): string {
  const photos: string[] = []
  const index = new Map<string, number>()
  const users = state.users.map(({ photo, ...user }): FileUser => {
    if (!photo) return user
    let ref = index.get(photo)
    if (ref === undefined) {
      ref = photos.push(photo) - 1
      index.set(photo, ref)
    }
    return { ...user, photo_ref: ref }
  })
  const file: StateFile = {
    version: 1,
    lastModified: state.lastModified,
    passwords: state.passwords,
    photos,
    users,
  }
  return JSON.stringify(file)
}

/** The saved state, or undefined when the file does not exist yet. Throws on a corrupt file. */
export function loadState(path: string): SeedState | undefined {
  if (!existsSync(path)) return undefined
  let file: StateFile
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as StateFile
  } catch (error) {
    throw new Error(`Simulator data file ${path} is not valid JSON: ${String(error)}`)
  }
  if (file.version !== 1 || !Array.isArray(file.users)) {
    throw new Error(`Simulator data file ${path} has an unknown format`)
  }
  const users = file.users.map(({ photo_ref, ...user }): StoredUser => {
    const photo = photo_ref === undefined ? undefined : file.photos[photo_ref]
    return photo ? { ...user, photo } : user
  })
  return { users, passwords: file.passwords ?? {}, lastModified: file.lastModified ?? 0 }
}

/** Temp file in the same directory, fsync, rename: a crash leaves the old or the new file. */
export function writeAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`)
  try {
    const fd = openSync(tmp, 'w')
    try {
      writeSync(fd, text)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, path)
  } catch (error) {
    try {
      unlinkSync(tmp)
    } catch {
      // Nothing to clean up.
    }
    throw error
  }
  // Make the rename itself durable; not every platform lets a directory be fsynced.
  try {
    const dir = openSync(dirname(path), 'r')
    try {
      fsyncSync(dir)
    } finally {
      closeSync(dir)
    }
  } catch {
    // Best effort.
  }
}

/** Debounced saving of the current state. */
export class Persister {
  private timer: NodeJS.Timeout | undefined
  private dirty = false

  constructor(
    private path: string,
    private debounceMs: () => number,
    private snapshot: () => SeedState,
    private log: (line: string) => void,
  ) {}

  schedule(): void {
    this.dirty = true
    const delay = this.debounceMs()
    if (delay <= 0) return this.flush()
    this.timer ??= setTimeout(() => this.flush(), delay)
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (!this.dirty) return
    this.dirty = false
    try {
      writeAtomic(this.path, encodeState(this.snapshot()))
    } catch (error) {
      this.log(`simulator could not save ${this.path}: ${String(error)}`)
    }
  }
}
