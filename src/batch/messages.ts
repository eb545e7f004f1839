import { fromErrorData } from '@/api/errors.ts'
import { describeError } from '@/i18n/describe-error.ts'
import { PhotoError, type RejectDetail } from '@/photo/index.ts'
import { holdsOf, type BatchRow, type RowProblem, type RowStatus } from './rows.ts'

type Translate = (key: string, values?: Record<string, unknown>) => string
/** usePhotoMessages(): a refusal reason (with its detail) or a PhotoError to a sentence. */
type DescribePhoto = (problem: unknown, detail?: RejectDetail) => string

/** One sentence for a stored problem, in the current language. */
export function describeProblem(
  problem: RowProblem,
  t: Translate,
  describePhoto: DescribePhoto,
): string {
  switch (problem.kind) {
    case 'name':
      return t(`batch.nameProblems.${problem.problem}`)
    case 'refused':
      return describePhoto(problem.reason, problem.detail)
    case 'pipeline':
      return describePhoto(new PhotoError(problem.reason, problem.reason, problem.detail))
    case 'api':
      return describeError(fromErrorData(problem.error), t)
    case 'missing-file':
      return t('batch.messages.missingFile')
    case 'unknown':
      return t('errors.unknown', { message: problem.message })
  }
}

/** What the row's message column and the report say about a status ('' when nothing to add). */
export function rowMessage(
  row: BatchRow,
  status: RowStatus,
  t: Translate,
  describePhoto: DescribePhoto,
): string {
  const problem = row.problem ? describeProblem(row.problem, t, describePhoto) : ''
  switch (status) {
    case 'no-id':
    case 'bad-file':
    case 'failed':
      return problem
    case 'check-failed':
      return t('batch.messages.checkFailed', { reason: problem })
    case 'missing-file':
      return t('batch.messages.missingFile')
    case 'unknown-user':
      return t('batch.messages.unknownUser', { id: row.userId ?? '' })
    case 'duplicate':
      return t('batch.messages.duplicate', { id: row.userId ?? '' })
    case 'has-photo':
      return t('batch.messages.hasPhoto')
    case 'cancelled':
      return t('batch.messages.cancelled')
    case 'superseded':
      return t('batch.messages.superseded')
    case 'needs-review':
    case 'different-person':
    case 'review-skipped':
      return holdsOf(row)
        .map((reason) => t(`batch.review.reasons.${reason}`))
        .join(' ')
    default:
      return ''
  }
}
