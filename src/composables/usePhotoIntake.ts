import { ref } from 'vue'
import { decodeImage, inspectFile } from '@/photo/index.ts'
import { usePhotoMessages } from './usePhotoMessages.ts'

export interface PhotoIntakeOptions {
  onPicture(bitmap: ImageBitmap, file: Blob): void | Promise<void>
  onRefused(message: string): void
}

/**
 * A picked, dropped or pasted file: checked from its first bytes (type, size, pixels) before it
 * is decoded, so a bomb or a renamed text file is refused with a message and nothing is sent.
 */
export function usePhotoIntake(options: PhotoIntakeOptions) {
  const describe = usePhotoMessages()
  const busy = ref(false)

  async function accept(file: Blob) {
    if (busy.value) return
    busy.value = true
    try {
      const check = await inspectFile(file)
      if (!check.ok) {
        options.onRefused(describe(check.reason, check.detail))
        return
      }
      const bitmap = await decodeImage(file)
      await options.onPicture(bitmap, file)
    } catch (error) {
      options.onRefused(describe(error))
    } finally {
      busy.value = false
    }
  }

  return { busy, accept }
}
