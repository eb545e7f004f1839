/** BioStar writes date-times as UTC ISO-8601 with two fractional digits: 2030-12-31T23:59:00.00Z */
export function toBioStarDate(date: Date): string {
  const iso = date.toISOString()
  return `${iso.slice(0, 19)}.${iso.slice(20, 22)}Z`
}

export const DEFAULT_START = '2001-01-01T00:00:00.00Z'
export const DEFAULT_EXPIRY = '2030-12-31T23:59:00.00Z'

/** "true" once the expiry date has passed; BioStar derives `expired` the same way. */
export function isExpired(expiry: string, now: number): boolean {
  const t = Date.parse(expiry)
  return Number.isFinite(t) && t < now
}
