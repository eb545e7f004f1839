/**
 * Puts text on the clipboard: the Clipboard API where the browser allows it (secure contexts),
 * else a hidden textarea and execCommand('copy'), which also works on a plain-HTTP address, the
 * case where diagnostics matter most. Resolves false when neither worked.
 */
export async function copyText(
  text: string,
  env: { navigator?: Navigator; document?: Document } = {},
): Promise<boolean> {
  const nav = env.navigator ?? globalThis.navigator
  const doc = env.document ?? globalThis.document
  try {
    if (nav?.clipboard?.writeText) {
      await nav.clipboard.writeText(text)
      return true
    }
  } catch {
    // not allowed (no permission, page not focused): try the old way
  }
  if (!doc?.body) return false
  const area = doc.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.setAttribute('aria-hidden', 'true')
  // CSSOM, not a style attribute: allowed by the Content-Security-Policy.
  area.style.position = 'fixed'
  area.style.top = '0'
  area.style.left = '-9999px'
  const focused = doc.activeElement as HTMLElement | null
  doc.body.append(area)
  area.select()
  let ok = false
  try {
    ok = doc.execCommand('copy')
  } catch {
    ok = false
  }
  area.remove()
  focused?.focus?.()
  return ok
}
