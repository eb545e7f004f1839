import { computed } from 'vue'
import { storeToRefs } from 'pinia'
import { useI18n } from '@/i18n/translator.ts'
import { describeError } from '@/i18n/describe-error.ts'
import { formatBytes } from '@/i18n/format.ts'
import { fromErrorData, type ErrorData } from '@/api/errors.ts'
import { useEnrollmentStore, type Outcome } from '@/stores/enrollment.ts'
import { usePhotoMessages } from '@/composables/usePhotoMessages.ts'

/**
 * What the desk says, in the clerk's language: why a lookup, a picture or a save failed, and what
 * the last write did (the toast's text and tone). Derived from the enrollment store only.
 */
export function useDeskMessages() {
  const { t, locale } = useI18n()
  const { findError, prepareError, saveError, outcome } = storeToRefs(useEnrollmentStore())
  const photoMessage = usePhotoMessages()

  const findMessage = computed(() => (findError.value ? describeError(findError.value, t) : ''))
  const prepareFailure = computed(() =>
    prepareError.value ? photoMessage(prepareError.value) : '',
  )
  const saveFailure = computed(() =>
    saveError.value ? t('desk.saveFailed', { reason: describeError(saveError.value, t) }) : '',
  )

  /** A write's error comes back from IndexedDB as plain data after a reload. */
  function reasonOf(error: unknown): string {
    if (!error) return ''
    const data = error as ErrorData
    return describeError(typeof data.kind === 'string' ? fromErrorData(data) : error, t)
  }

  const statusTone = computed(() => {
    const kind = outcome.value?.kind
    return kind === 'pending' || kind === 'superseded' ? 'warn' : kind === 'saved' ? 'ok' : 'info'
  })

  const statusText = computed(() => {
    const o: Outcome | null = outcome.value
    if (!o) return ''
    const values = { name: o.user.name || o.user.userId, id: o.user.userId }
    if (o.kind === 'saved')
      return t('desk.saved', { ...values, size: formatBytes(o.bytes, locale.value) })
    if (o.kind === 'removed') return t('desk.removed', values)
    if (o.kind === 'pending') return t('desk.pending', { ...values, reason: reasonOf(o.error) })
    if (o.kind === 'superseded') return t('desk.superseded', values)
    return t('desk.undone', values)
  })

  return { findMessage, prepareFailure, saveFailure, statusTone, statusText }
}
