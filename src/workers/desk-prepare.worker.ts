// Prepares the desk's photo off the main thread: the picture is sent once, then each crop
// change asks for a new device JPEG. Main-thread JPEG encoding stalled the page for a second
// after a capture (benchmark: 2.4 s from Space to preview, 35 ms in a worker).
import { isPhotoError, preparePhoto } from '@/photo/index.ts'
import type { DeskWorkerApi } from './photo-api.ts'
import { serveWorker } from './rpc.ts'

let picture: ImageBitmap | null = null

const api: DeskWorkerApi = {
  setPicture(bitmap) {
    picture?.close()
    picture = bitmap
  },
  forgetPicture() {
    picture?.close()
    picture = null
  },
  async prepare(crop, settings) {
    if (!picture) throw new Error('No picture to prepare')
    try {
      return { ok: true, photo: await preparePhoto(picture, crop, settings) }
    } catch (error) {
      if (!isPhotoError(error)) throw error
      const { reason, message, detail } = error
      return { ok: false, failure: { reason, message, detail: { ...detail } } }
    }
  },
}

serveWorker(api)
