// The one ZIP writer (fflate, streamed) and where a large file is saved: a chosen file written
// as the stream goes, or the downloads when the browser has no save picker.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { unzipSync, strFromU8 } from 'fflate'
import { zipStream, type ZipEntry } from '@/export/zip.ts'

async function bytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

async function* entries(list: ZipEntry[], asked?: { count: number; closed: boolean }) {
  try {
    for (const entry of list) {
      if (asked) asked.count++
      yield entry
    }
  } finally {
    if (asked) asked.closed = true
  }
}

describe('zipStream', () => {
  it('holds each file byte for byte under its name, text as UTF-8', async () => {
    const jpeg = new Uint8Array(5000).map((_, i) => (i * 7) % 256)
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])
    const zip = unzipSync(
      await bytes(
        zipStream(
          entries([
            { name: '12.jpg', input: new Blob([jpeg]) },
            { name: '7.png', input: png },
            { name: 'photos.csv', input: 'user_id,name\r\n12,김민준\r\n' },
          ]),
        ),
      ),
    )
    expect(Object.keys(zip)).toEqual(['12.jpg', '7.png', 'photos.csv'])
    expect(zip['12.jpg']).toEqual(jpeg)
    expect(zip['7.png']).toEqual(png)
    expect(strFromU8(zip['photos.csv']!)).toBe('user_id,name\r\n12,김민준\r\n')
  })

  it('is an empty archive for no files', async () => {
    expect(Object.keys(unzipSync(await bytes(zipStream(entries([])))))).toEqual([])
  })

  it('reads about a megabyte ahead of the reader, not the whole list', async () => {
    const asked = { count: 0, closed: false }
    const list = Array.from({ length: 50 }, (_, i) => ({
      name: `${i}.jpg`,
      input: new Uint8Array(300_000),
    }))
    const reader = zipStream(entries(list, asked)).getReader()
    const { value } = await reader.read()
    await new Promise((resolve) => setTimeout(resolve, 20))
    // One chunk of four photos (1.2 MB) was read, and the next four wait in the queue.
    expect(value!.length).toBeGreaterThan(1_200_000)
    expect(value!.length).toBeLessThan(1_210_000)
    expect(asked.count).toBe(8)
    // A cancelled ZIP (the operator stopped it, the disk filled) lets its source go.
    await reader.cancel()
    expect(asked.closed).toBe(true)
    expect(asked.count).toBe(8)
  })

  it('holds every file of a long list, in order, across chunks', async () => {
    const list = Array.from({ length: 30 }, (_, i) => ({
      name: `${i}.jpg`,
      input: new Uint8Array(100_000).fill(i),
    }))
    const zip = unzipSync(await bytes(zipStream(entries(list))))
    expect(Object.keys(zip)).toEqual(list.map((f) => f.name))
    for (const [i, f] of list.entries()) {
      const got = zip[f.name]!
      expect(got.length === 100_000 && got.every((b) => b === i), f.name).toBe(true)
    }
  })
})

describe('chooseSaveTarget', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker
    vi.resetModules()
  })

  const zipFile = { description: 'ZIP archive', type: 'application/zip', extension: '.zip' }
  const stream = () =>
    new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array([1, 2]))
        c.enqueue(new Uint8Array([3]))
        c.close()
      },
    })

  /** The module with its downloads replaced by a recorder, and the browser's picker as given. */
  async function load(browser: { showSaveFilePicker?: unknown }) {
    Object.assign(window, browser)
    const downloads: { name: string; blob: Blob }[] = []
    vi.doMock('@/export/download.ts', () => ({
      downloadBlob: (blob: Blob, name: string) => downloads.push({ blob, name }),
    }))
    const { chooseSaveTarget } = await import('@/export/save-file.ts')
    return { chooseSaveTarget, downloads }
  }

  it('without a save picker, collects the stream and hands it to the downloads', async () => {
    const { chooseSaveTarget, downloads } = await load({})
    const target = await chooseSaveTarget('photos.zip', zipFile)
    await target!.write(stream())
    expect(downloads.map((d) => d.name)).toEqual(['photos.zip'])
    expect(downloads[0]!.blob.type).toBe('application/zip')
    expect(new Uint8Array(await downloads[0]!.blob.arrayBuffer())).toEqual(
      new Uint8Array([1, 2, 3]),
    )
  })

  it('with a save picker, offers the name and writes the stream to the chosen file', async () => {
    const written: number[] = []
    let closed = false
    const picker = vi.fn(async () => ({
      createWritable: async () =>
        new WritableStream<Uint8Array>({
          write: (chunk) => void written.push(...chunk),
          close: () => void (closed = true),
        }),
    }))
    const { chooseSaveTarget, downloads } = await load({ showSaveFilePicker: picker })
    const target = await chooseSaveTarget('photos.zip', zipFile)
    expect(picker).toHaveBeenCalledWith({
      suggestedName: 'photos.zip',
      types: [{ description: 'ZIP archive', accept: { 'application/zip': ['.zip'] } }],
    })
    await target!.write(stream())
    expect(written).toEqual([1, 2, 3])
    expect(closed).toBe(true)
    expect(downloads).toEqual([])
  })

  it('is null when the operator closes the picker, and nothing is written', async () => {
    const picker = async () => {
      throw new DOMException('The user aborted a request.', 'AbortError')
    }
    const { chooseSaveTarget, downloads } = await load({ showSaveFilePicker: picker })
    expect(await chooseSaveTarget('photos.zip', zipFile)).toBeNull()
    expect(downloads).toEqual([])
  })

  it('falls back to the downloads when the picker may not open (no user activation)', async () => {
    const picker = async () => {
      throw new DOMException('Must be handling a user gesture.', 'SecurityError')
    }
    const { chooseSaveTarget, downloads } = await load({ showSaveFilePicker: picker })
    await (await chooseSaveTarget('photos.zip', zipFile))!.write(stream())
    expect(downloads.map((d) => d.name)).toEqual(['photos.zip'])
  })

  it('aborts the chosen file when the stream fails, so no partial file replaces it', async () => {
    let aborted: unknown = null
    const picker = async () => ({
      createWritable: async () =>
        new WritableStream<Uint8Array>({ abort: (reason) => void (aborted = reason) }),
    })
    const { chooseSaveTarget } = await load({ showSaveFilePicker: picker })
    const failing = new ReadableStream<Uint8Array>({
      pull(c) {
        c.error(new Error('photo unreadable'))
      },
    })
    const target = await chooseSaveTarget('photos.zip', zipFile)
    await expect(target!.write(failing)).rejects.toThrow('photo unreadable')
    expect(String(aborted)).toContain('photo unreadable')
  })
})
