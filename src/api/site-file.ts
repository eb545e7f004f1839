/** The site settings file, below the app's base URL (docs/deploying.md, "Site settings"). */
export const SITE_FILE_NAME = 'photo-desk.json'

/** Start waits at most this long for the file (the service worker answers offline sooner). */
export const SITE_FILE_TIMEOUT_MS = 3000

/**
 * The server's answer: `text` with a 200 JSON (or plain) file; 404 when the site has none (also
 * when a server answers the app's index.html instead); 0 when nothing came in time.
 */
export type SiteFileAnswer = { status: number; text?: string }

/** Fetches the site file, revalidated with the server (it changes without a new build). */
export async function getSiteFile(
  options: { base?: string; timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<SiteFileAnswer> {
  const get = options.fetch ?? globalThis.fetch
  try {
    const response = await get(`${options.base ?? import.meta.env.BASE_URL}${SITE_FILE_NAME}`, {
      cache: 'no-cache',
      signal: AbortSignal.timeout(options.timeoutMs ?? SITE_FILE_TIMEOUT_MS),
    })
    if (response.headers.get('content-type')?.includes('text/html')) return { status: 404 }
    if (!response.ok) return { status: response.status }
    return { status: 200, text: await response.text() }
  } catch {
    return { status: 0 }
  }
}
