// The browser's save picker, answered in the page: headless Chromium cancels the real one at once,
// so `showSaveFilePicker` returns a file of the page's private file system (a real
// FileSystemFileHandle, written the way the app writes a chosen file).
import type { Page } from 'playwright-core'

/** Makes the page's save picker answer with `fileName`; the name the app suggested is kept. */
export async function answerSavePicker(page: Page, fileName: string): Promise<void> {
  await page.evaluate((name) => {
    Object.assign(window, {
      showSaveFilePicker: async (options: { suggestedName: string }) => {
        ;(window as { suggestedName?: string }).suggestedName = options.suggestedName
        const root = await navigator.storage.getDirectory()
        return root.getFileHandle(name, { create: true })
      },
    })
  }, fileName)
}

/** The name the app suggested to the last picker. */
export const suggestedName = (page: Page) =>
  page.evaluate(() => (window as { suggestedName?: string }).suggestedName)

/** Size of `fileName` in the page's private file system; 0 until the writer closed it. */
export const savedSize = (page: Page, fileName: string) =>
  page.evaluate(async (name) => {
    const root = await navigator.storage.getDirectory()
    const file = await root.getFileHandle(name).then(
      (h) => h.getFile(),
      () => null,
    )
    return file?.size ?? 0
  }, fileName)

/** The bytes of `fileName` (read in the page, handed over as base64). */
export async function savedFile(page: Page, fileName: string): Promise<Buffer> {
  const base64 = await page.evaluate(async (name) => {
    const root = await navigator.storage.getDirectory()
    const file = await (await root.getFileHandle(name)).getFile()
    const url = await new Promise<string>((resolve) => {
      const reader = new FileReader()
      reader.onload = () => resolve(reader.result as string)
      reader.readAsDataURL(file)
    })
    return url.slice(url.indexOf(',') + 1)
  }, fileName)
  return Buffer.from(base64, 'base64')
}
