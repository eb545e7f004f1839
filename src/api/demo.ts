import { ofetch } from 'ofetch'

export interface DemoInfo {
  operators: { loginId: string; password: string; role: string }[]
}

/**
 * Asks the dev/preview server whether /api is the built-in simulator. A real deployment has no
 * such file (404, or the SPA's index.html), which means "not demo".
 */
export async function getDemoInfo(): Promise<DemoInfo | null> {
  try {
    const data = await ofetch<unknown>('/__photo-desk/demo.json', {
      retry: 0,
      timeout: 5000,
      responseType: 'json',
    })
    if (data && typeof data === 'object' && (data as { demo?: unknown }).demo === true) {
      const ops = (data as { operators?: DemoInfo['operators'] }).operators
      return { operators: Array.isArray(ops) ? ops : [] }
    }
  } catch {
    // not demo
  }
  return null
}
