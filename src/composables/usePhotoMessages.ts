import { useI18n } from '@/i18n/translator.ts'
import { isPhotoError, type RejectDetail, type RejectReason } from '@/photo/index.ts'
import { formatBytes, formatMegabytes, formatNumber } from '@/i18n/format.ts'

/** Turns a refused file or a pipeline failure into a sentence that says what to do. */
export function usePhotoMessages() {
  const { t, locale } = useI18n()
  return function describe(problem: unknown, detail?: RejectDetail): string {
    if (typeof problem === 'string') {
      const reason = problem as RejectReason
      const pixels = (detail?.width ?? 0) * (detail?.height ?? 0)
      return t(`photoErrors.${reason}`, {
        size: formatMegabytes(detail?.bytes ?? 0, locale.value),
        megapixels: formatNumber(pixels / 1_000_000, locale.value, 1),
      })
    }
    if (isPhotoError(problem)) {
      return t(`photoErrors.${problem.reason}`, {
        budget: formatBytes(problem.detail.maxBytes ?? 16_000, locale.value),
      })
    }
    return t('errors.unknown', {
      message: problem instanceof Error ? problem.message : String(problem),
    })
  }
}
