import { ref, type Ref } from 'vue'
import { useI18n } from '@/i18n/translator.ts'
import { downloadBlob, fileStamp } from '@/export/download.ts'
import { REPORT_COLUMNS, reportRow, type ReviewEntry } from '@/review/report.ts'
import { useReviewStore } from '@/stores/review.ts'
import { useReviewFixStore } from '@/stores/review-fix.ts'

/** The photo review's downloads: the CSV report, the photos as a ZIP, the kept originals. */
export function useReviewDownloads(visible: Ref<readonly ReviewEntry[]>) {
  const { t } = useI18n()
  const review = useReviewStore()
  const fixes = useReviewFixStore()
  const zipping = ref<{ done: number; total: number } | null>(null)
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

  /** Every photo of the current filter as a ZIP; client-zip is loaded only now. */
  async function downloadPhotos() {
    if (zipping.value) return
    zipping.value = { done: 0, total: visible.value.length }
    try {
      const { photosZip } = await import('@/review/zip.ts')
      const zip = photosZip(visible.value, {
        photo: review.photo,
        label,
        onProgress: (done, total) => (zipping.value = { done, total }),
      })
      // Chromium keeps a large Blob out of the JS heap (on disk past its memory quota).
      downloadBlob(await zip.blob(), `photo-desk-photos-${fileStamp()}.zip`)
    } finally {
      zipping.value = null
    }
  }

  /** Every kept original (all fixes) as `<user_id>.jpg/.png`. */
  async function downloadOriginals() {
    const [{ originalsZip }, { base64ToBlob }] = await Promise.all([
      import('@/review/zip.ts'),
      import('@/photo/base64.ts'),
    ])
    const zip = originalsZip(await fixes.originals(), base64ToBlob)
    downloadBlob(await zip.blob(), `photo-desk-originals-${fileStamp()}.zip`)
  }

  return { zipping, downloadReport, downloadPhotos, downloadOriginals }
}
