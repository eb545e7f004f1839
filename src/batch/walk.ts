import { isIgnoredFile } from './filename.ts'

/** A picked or dropped file and its path inside the chosen folder (or just its name). */
export interface PickedFile {
  file: File
  path: string
}

export interface WalkLimits {
  /** Stop collecting after this many files (the rest is reported as left out). */
  maxFiles: number
  /** Folders deeper than this are not opened. */
  maxDepth: number
}

export const WALK_LIMITS: WalkLimits = { maxFiles: 5000, maxDepth: 8 }

export interface Walked {
  files: PickedFile[]
  /** Some files were left out: too many, or folders too deep. */
  truncated: boolean
}

/** Files from an `<input type="file" multiple>` or `webkitdirectory` input. */
export function filesFromInput(list: FileList | readonly File[], limits = WALK_LIMITS): Walked {
  const files: PickedFile[] = []
  let truncated = false
  for (const file of Array.from(list)) {
    const path = file.webkitRelativePath || file.name
    if (isIgnoredFile(path)) continue
    if (files.length >= limits.maxFiles) {
      truncated = true
      break
    }
    files.push({ file, path })
  }
  return { files, truncated }
}

/**
 * Files from a drop, folders included (walked with `webkitGetAsEntry`, bounded by `limits`).
 * Call it synchronously in the drop handler: the items are only readable during the event.
 */
export function filesFromDrop(data: DataTransfer, limits = WALK_LIMITS): Promise<Walked> {
  const entries: FileSystemEntry[] = []
  const loose: File[] = []
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind !== 'file') continue
    // Folders need the entry API; a plain file is taken as it is.
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null
    if (entry?.isDirectory) entries.push(entry)
    else {
      const file = item.getAsFile()
      if (file) loose.push(file)
    }
  }
  if (entries.length === 0 && loose.length === 0) {
    return Promise.resolve(filesFromInput(data.files ?? [], limits))
  }
  return walkEntries(entries, loose, limits)
}

async function walkEntries(
  roots: FileSystemEntry[],
  loose: File[],
  limits: WalkLimits,
): Promise<Walked> {
  const out = filesFromInput(loose, limits)
  const files = out.files
  let truncated = out.truncated
  const visit = async (entry: FileSystemEntry, depth: number): Promise<void> => {
    if (truncated) return
    const path = entry.fullPath.replace(/^\//, '') || entry.name
    if (isIgnoredFile(path)) return
    if (entry.isFile) {
      if (files.length >= limits.maxFiles) {
        truncated = true
        return
      }
      const file = await new Promise<File | null>((resolve) =>
        (entry as FileSystemFileEntry).file(resolve, () => resolve(null)),
      )
      if (file) files.push({ file, path })
    } else if (entry.isDirectory) {
      if (depth >= limits.maxDepth) {
        truncated = true
        return
      }
      const reader = (entry as FileSystemDirectoryEntry).createReader()
      // readEntries hands out a folder in chunks (about 100 in Chromium) until it returns none.
      for (;;) {
        const chunk = await new Promise<FileSystemEntry[]>((resolve) =>
          reader.readEntries(resolve, () => resolve([])),
        )
        if (chunk.length === 0 || truncated) break
        for (const child of chunk) await visit(child, depth + 1)
      }
    }
  }
  for (const root of roots) await visit(root, 0)
  return { files, truncated }
}
