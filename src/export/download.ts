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

/** Hands CSV text over as a download; the byte order mark makes Excel read UTF-8 (Korean). */
export function downloadCsv(text: string, name: string): void {
  downloadBlob(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }), name)
}
