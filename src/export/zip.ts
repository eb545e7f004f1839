import { Zip, ZipPassThrough, strToU8 } from 'fflate'

/** One file of a ZIP: its name inside the archive and its bytes (text is written as UTF-8). */
export interface ZipEntry {
  name: string
  input: Blob | Uint8Array | string
  lastModified?: Date
}

/** Bytes handed to the writer at once: a file's writer pays per write, not per byte. */
const CHUNK_BYTES = 1 << 20

async function bytesOf(input: ZipEntry['input']): Promise<Uint8Array> {
  if (typeof input === 'string') return strToU8(input)
  if (input instanceof Uint8Array) return input
  return new Uint8Array(await input.arrayBuffer())
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0]!
  const out = new Uint8Array(size)
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/**
 * The ZIP of `files` as a stream, built with fflate as the reader pulls: files are read until
 * about a megabyte is ready, which goes out as one chunk, so memory holds a megabyte and one
 * file whatever the count. Files are stored, not deflated (photos do not compress). fflate
 * writes no ZIP64: fine for photo directories (20,000 photos of 16 KiB are 330 MB), not for
 * archives over 4 GB.
 */
export function zipStream(files: AsyncIterable<ZipEntry>): ReadableStream<Uint8Array> {
  const iterator = files[Symbol.asyncIterator]()
  let parts: Uint8Array[] = []
  let size = 0
  let failure: unknown = null
  let ended = false
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error
    else {
      parts.push(chunk)
      size += chunk.length
    }
    if (final) ended = true
  })
  let listed = false
  return new ReadableStream<Uint8Array>({
    async pull(out) {
      while (size < CHUNK_BYTES && !listed && !failure) {
        const next = await iterator.next()
        if (next.done) {
          listed = true
          // Each file was pushed whole, so fflate writes the directory at once.
          zip.end()
          break
        }
        const file = new ZipPassThrough(next.value.name)
        file.mtime = next.value.lastModified ?? new Date()
        zip.add(file)
        file.push(await bytesOf(next.value.input), true)
      }
      if (failure) return out.error(failure)
      if (size) out.enqueue(concat(parts, size))
      parts = []
      size = 0
      if (ended) out.close()
    },
    async cancel() {
      zip.terminate()
      await iterator.return?.()
    },
  })
}
