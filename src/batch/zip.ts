import type { PickedFile } from './walk.ts'

// Batch import of a ZIP (the photo review's "Download photos (ZIP)" coming back): its photos
// become picked files named `<zip>/<entry>`, and those are sent as they are when they already
// fit the reader (src/batch/prepare-file.ts keepFitting).

/** A ZIP file, by name or type. */
export function isZip(file: File): boolean {
  return /\.zip$/i.test(file.name) || file.type === 'application/zip'
}

/** A path inside a ZIP that Batch import expanded. */
export function isArchivePath(path: string): boolean {
  return /\.zip\//i.test(path)
}

const PHOTO_ENTRY = /\.(jpe?g|png)$/i
const TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' }

/** Reads a ZIP's entries: name to bytes (fflate's unzipSync, given by the caller). */
export type Unzip = (
  data: Uint8Array,
  keep: (name: string) => boolean,
) => Record<string, Uint8Array> | Promise<Record<string, Uint8Array>>

/** The picked files with every ZIP replaced by its photos (photos.csv and folders left out). */
export async function expandZips(
  picked: readonly PickedFile[],
  unzip: Unzip,
): Promise<PickedFile[]> {
  const out: PickedFile[] = []
  for (const item of picked) {
    if (!isZip(item.file)) {
      out.push(item)
      continue
    }
    const data = new Uint8Array(await item.file.arrayBuffer())
    const entries = await unzip(
      data,
      (name) => PHOTO_ENTRY.test(name) && !name.startsWith('__MACOSX/'),
    )
    for (const [name, bytes] of Object.entries(entries)) {
      const base = name.split('/').pop() ?? name
      const ext = base.split('.').pop()?.toLowerCase() ?? ''
      const file = new File([bytes as Uint8Array<ArrayBuffer>], base, { type: TYPES[ext] ?? '' })
      out.push({ file, path: `${item.path}/${base}` })
    }
  }
  return out
}
