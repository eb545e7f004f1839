import { getSiteFile } from '@/api/site-file.ts'
import type { SiteSettings } from './layers.ts'

/**
 * The site file as this start finds it; null when the site has none (the usual case). Its
 * checker loads only when there is a file to check.
 */
export async function readSiteSettings(): Promise<SiteSettings | null> {
  const answer = await getSiteFile()
  if (answer.status === 404) return null
  const { siteFromAnswer } = await import('./site-file.ts')
  return siteFromAnswer(answer)
}
