import { describe, expect, it } from 'vitest'
import { unzipSync, zipSync } from 'fflate'
import { expandZips, isArchivePath, isZip } from '@/batch/zip.ts'

const bytes = (...values: number[]) => new Uint8Array(values)

describe('ZIPs in Batch import', () => {
  it('replaces a ZIP by its photos, leaving photos.csv and other files out', async () => {
    const zip = zipSync({
      '12.jpg': bytes(0xff, 0xd8, 1),
      'EMP-7.png': bytes(0x89, 0x50, 2),
      'photos.csv': new TextEncoder().encode('user_id\r\n'),
      '__MACOSX/._12.jpg': bytes(0),
      'notes.txt': bytes(3),
    })
    const picked = [
      { file: new File([zip], 'photos.zip', { type: 'application/zip' }), path: 'photos.zip' },
      { file: new File([bytes(9)], '5.jpg'), path: '5.jpg' },
    ]
    const out = await expandZips(picked, (data, keep) =>
      unzipSync(data, { filter: (f) => keep(f.name) }),
    )
    expect(out.map((p) => [p.path, p.file.name, p.file.type, p.file.size])).toEqual([
      ['photos.zip/12.jpg', '12.jpg', 'image/jpeg', 3],
      ['photos.zip/EMP-7.png', 'EMP-7.png', 'image/png', 3],
      ['5.jpg', '5.jpg', '', 1],
    ])
    expect(new Uint8Array(await out[0]!.file.arrayBuffer())).toEqual(bytes(0xff, 0xd8, 1))
    expect(isArchivePath(out[0]!.path)).toBe(true)
    expect(isArchivePath('5.jpg')).toBe(false)
    expect(isZip(new File([], 'x.ZIP'))).toBe(true)
  })
})
