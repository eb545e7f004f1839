// The one way Photo Desk hands a file to the browser: a temporary link clicked once, the URL
// let go afterwards; CSV with a byte order mark (Excel then reads UTF-8); the file name stamp.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { downloadBlob, downloadCsv, fileStamp } from '@/export/download.ts'

function captureDownloads() {
  const got: { name: string; blob: Blob; inPage: boolean }[] = []
  const blobs = new Map<string, Blob>()
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${blobs.size}`
    blobs.set(url, blob as Blob)
    return url
  })
  const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    got.push({ name: this.download, blob: blobs.get(this.href)!, inPage: this.isConnected })
  })
  return { got, revoke }
}

afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

describe('downloadBlob', () => {
  it('clicks a link named as asked, leaves no link behind and lets the URL go later', () => {
    vi.useFakeTimers()
    const { got, revoke } = captureDownloads()
    const blob = new Blob(['x'])
    downloadBlob(blob, 'photos.zip')
    expect(got).toEqual([{ name: 'photos.zip', blob, inPage: true }])
    expect(document.querySelectorAll('a[download]')).toHaveLength(0)
    expect(revoke).not.toHaveBeenCalled()
    vi.advanceTimersByTime(30_000)
    expect(revoke).toHaveBeenCalledWith('blob:test/0')
  })
})

describe('downloadCsv', () => {
  it('starts the file with a byte order mark and says UTF-8', async () => {
    const { got } = captureDownloads()
    downloadCsv('"이름"\r\n', 'report.csv')
    const bytes = new Uint8Array(await got[0]!.blob.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes.slice(3))).toBe('"이름"\r\n')
    expect(got[0]!.blob.type).toBe('text/csv;charset=utf-8')
    expect(got[0]!.name).toBe('report.csv')
  })
})

describe('fileStamp', () => {
  it('gives twelve digits: year to minute', () => {
    expect(fileStamp(new Date('2026-12-07T15:30:59Z'))).toBe('202612071530')
  })
})
