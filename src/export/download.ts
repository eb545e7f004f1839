/** Hands a Blob to the browser as a download named `name`. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}

/** 202612071530: a file name stamp in local time's digits. */
export function fileStamp(date = new Date()): string {
  return date.toISOString().slice(0, 16).replace(/[-:T]/g, '')
}
