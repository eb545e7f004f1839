import { ref, type Ref } from 'vue'
import { useI18n } from '@/i18n/translator.ts'
import { downloadBlob, fileStamp } from '@/export/download.ts'
import { chooseSaveTarget, type SaveTarget } from '@/export/save-file.ts'
import { REPORT_COLUMNS, reportRow, type ReviewEntry } from '@/review/report.ts'
import { useReviewStore } from '@/stores/review.ts'
import { useReviewFixStore } from '@/stores/review-fix.ts'

/** The photo review's downloads: the CSV report, the photos as a ZIP, the kept originals. */
export function useReviewDownloads(visible: Ref<readonly ReviewEntry[]>) {
  const { t } = useI18n()
  const review = useReviewStore()
  const fixes = useReviewFixStore()
  const zipping = ref<{ done: number; total: number } | null>(null)
  /** Why the last ZIP could not be written (disk full, file locked), until the next try. */
  const zipError = ref<string | null>(null)
  const label = (p: string) => t(`review.problems.${p}`)

  /** One row per user of the current filter, in the table's columns. */
  async function downloadReport() {
    // Loaded when asked for, so this screen's chunk does not split the CSV helper off the others.
    const { toCsv } = await import('@/export/csv.ts')
    const header = REPORT_COLUMNS.map((c) => t(`review.columns.${c}`))
    const csv = toCsv([header, ...visible.value.map((e) => reportRow(e, label))])
    // A byte order mark lets Excel read the names (Korean too) as UTF-8.
    const blob = new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' })
    downloadBlob(blob, `photo-desk-review-${fileStamp()}.csv`)
  }

  /** Asks where the ZIP goes (first, while the click still counts as one), null if cancelled. */
  function zipTarget(kind: string): Promise<SaveTarget | null> {
    zipError.value = null
    return chooseSaveTarget(`photo-desk-${kind}-${fileStamp()}.zip`, {
      description: t('review.zipFile'),
      type: 'application/zip',
      extension: '.zip',
    })
  }

  /** Writes the ZIP; a failure says why and what to do, and leaves no partial file. */
  async function write(target: SaveTarget, stream: ReadableStream<Uint8Array>) {
    try {
      await target.write(stream)
    } catch (error) {
      zipError.value = t('review.zipFailed', { reason: String((error as Error)?.message ?? error) })
    }
  }

  /**
   * Every photo of the current filter as a ZIP, streamed to the chosen file where the browser
   * can (memory stays flat for 20,000 photos), else to the downloads.
   */
  async function downloadPhotos() {
    if (zipping.value) return
    const entries = visible.value
    zipping.value = { done: 0, total: entries.length }
    try {
      const target = await zipTarget('photos')
      if (!target) return
      // The zip code is loaded only now, not with the screen.
      const { photosZip } = await import('@/review/zip.ts')
      const zip = photosZip(entries, {
        photo: review.photo,
        label,
        onProgress: (done, total) => (zipping.value = { done, total }),
      })
      await write(target, zip)
    } finally {
      zipping.value = null
    }
  }

  /** Every kept original (all fixes) as `<user_id>.jpg/.png`. */
  async function downloadOriginals() {
    const target = await zipTarget('originals')
    if (!target) return
    const [{ originalsZip }, { base64ToBlob }] = await Promise.all([
      import('@/review/zip.ts'),
      import('@/photo/base64.ts'),
    ])
    await write(target, originalsZip(await fixes.originals(), base64ToBlob))
  }

  return { zipping, zipError, downloadReport, downloadPhotos, downloadOriginals }
}
