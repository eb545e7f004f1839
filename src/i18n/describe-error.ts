import { ApiError } from '@/api/errors.ts'

type Translate = (key: string, values?: Record<string, unknown>) => string

/** One sentence for a person: what happened and what to do. Never a bare status code. */
export function describeError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) {
    const message = error instanceof Error ? error.message : String(error)
    return t('errors.unknown', { message })
  }
  const values = {
    status: error.status ?? '?',
    code: error.code ?? '?',
    message: error.serverMessage || '—',
    server: error.server ?? '',
  }
  switch (error.kind) {
    case 'credentials':
      return t('errors.credentials')
    case 'locked':
      return t('errors.locked')
    case 'permission':
      return t('errors.permission')
    case 'session':
      return t('errors.session')
    case 'not-found':
      return t('errors.notFound')
    case 'rejected':
      return t('errors.rejected', values)
    case 'unreachable':
      return error.server ? t('errors.unreachableServer', values) : t('errors.unreachable')
    case 'refused':
      return t('errors.refused')
    case 'offline':
      return t('errors.offline')
    case 'tls':
      return t('errors.tls', values)
    case 'timeout':
      return t('errors.timeout')
    case 'server':
      return t('errors.server', values)
    case 'bad-response':
      return error.code === 'no-session-header'
        ? t('errors.noSessionHeader')
        : t('errors.badResponse', values)
    case 'aborted':
      return t('errors.aborted')
    case 'invalid-id':
      return t('errors.invalidId', values)
  }
}
