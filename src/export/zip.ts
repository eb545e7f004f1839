import { Zip, ZipPassThrough, strToU8 } from 'fflate'

/** One file of a ZIP: its name inside the archive and its bytes (text is written as UTF-8). */
export interface ZipEntry {
  name: string
  input: Blob | Uint8Array | string
  lastModified?: Date
}

async function bytesOf(input: ZipEntry['input']): Promise<Uint8Array> {
  if (typeof input === 'string') return strToU8(input)
  if (input instanceof Uint8Array) return input
  return new Uint8Array(await input.arrayBuffer())
}

/**
 * The ZIP of `files` as a stream, built with fflate as the reader pulls: the next file is read
 * only when the last one's bytes were taken, so memory holds one file whatever the count.
 * Files are stored, not deflated (photos do not compress). fflate writes no ZIP64: fine for
 * photo directories (20,000 photos of 16 KiB are 330 MB), not for archives over 4 GB.
 */
export function zipStream(files: AsyncIterable<ZipEntry>): ReadableStream<Uint8Array> {
  const iterator = files[Symbol.asyncIterator]()
  let out!: ReadableStreamDefaultController<Uint8Array>
  const zip = new Zip((error, chunk, final) => {
    if (error) return out.error(error)
    out.enqueue(chunk)
    if (final) out.close()
  })
  return new ReadableStream<Uint8Array>({
    start(controller) {
      out = controller
    },
    async pull() {
      const next = await iterator.next()
      if (next.done) return zip.end()
      const file = new ZipPassThrough(next.value.name)
      file.mtime = next.value.lastModified ?? new Date()
      zip.add(file)
      file.push(await bytesOf(next.value.input), true)
    },
    async cancel() {
      zip.terminate()
      await iterator.return?.()
    },
  })
}
