import { getSiteFile, SITE_FILE_TIMEOUT_MS } from '@/api/site-file.ts'
import type { SiteSettings } from './layers.ts'

/** The longest start waits for the file and its checker together (ms). */
export const SITE_START_DEADLINE_MS = SITE_FILE_TIMEOUT_MS + 2000

const NOT_READ: SiteSettings = {
  state: 'unreadable',
  values: {},
  locked: [],
  problems: [{ code: 'unreadable', status: 0 }],
}

/**
 * The site file as this start finds it; null when the site has none (the usual case). Its
 * checker loads only when there is a file to check; start never waits for it past the deadline.
 */
export async function readSiteSettings(
  deadlineMs = SITE_START_DEADLINE_MS,
): Promise<SiteSettings | null> {
  const started = Date.now()
  const answer = await getSiteFile()
  if (answer.status === 404) return null
  const left = Math.max(0, deadlineMs - (Date.now() - started))
  const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), left))
  const checker = await Promise.race([import('./site-file.ts'), late])
  return checker ? checker.siteFromAnswer(answer) : NOT_READ
}
