import { downloadBlob } from './download.ts'

/** Where a large download goes: a file the operator chose, or the browser's downloads. */
export interface SaveTarget {
  /** Writes the stream to the target; a failed write leaves no partial file behind. */
  write(stream: ReadableStream<Uint8Array>): Promise<void>
}

// The File System Access API's picker (Chromium desktop); not in TypeScript's DOM types yet.
type ShowSaveFilePicker = (options: {
  suggestedName: string
  types: { description: string; accept: Record<string, string[]> }[]
}) => Promise<FileSystemFileHandle & { createWritable(): Promise<WritableStream<Uint8Array>> }>

/** The browser's downloads: the stream is collected into a Blob first (Chromium keeps large Blobs on disk). */
function downloadsTarget(name: string, type: string): SaveTarget {
  return {
    async write(stream) {
      const blob = await new Response(stream).blob()
      downloadBlob(new Blob([blob], { type }), name)
    },
  }
}

/**
 * Asks where to save `name`. Where the browser has a save picker, the file is streamed
 * straight to the chosen place, so memory stays flat however large it is; elsewhere (Firefox,
 * Safari, tablets) it goes to the downloads. null: the operator closed the picker.
 * Call it first thing in the click handler: the picker needs the click's user activation.
 */
export async function chooseSaveTarget(
  name: string,
  file: { description: string; type: string; extension: string },
): Promise<SaveTarget | null> {
  const picker = (window as { showSaveFilePicker?: ShowSaveFilePicker }).showSaveFilePicker
  if (typeof picker !== 'function') return downloadsTarget(name, file.type)
  let handle: Awaited<ReturnType<ShowSaveFilePicker>>
  try {
    handle = await picker.call(window, {
      suggestedName: name,
      types: [{ description: file.description, accept: { [file.type]: [file.extension] } }],
    })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return null
    // No user activation left, or a frame that may not show pickers: the downloads instead.
    return downloadsTarget(name, file.type)
  }
  return {
    async write(stream) {
      // pipeTo aborts the writable on failure, and an aborted writable never replaces the file.
      await stream.pipeTo(await handle.createWritable())
    },
  }
}
