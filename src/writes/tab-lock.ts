/**
 * Runs `fn` while no other tab of this browser runs a write of the same user (Web Locks), so
 * that a tab never sends a kept photo another tab has just replaced. Browsers without Web Locks
 * (older Safari) keep the order within each tab only.
 */
export function lockUserAcrossTabs<T>(userId: string, fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks
  if (!locks?.request) return fn()
  return locks.request(`photo-desk:write:${userId}`, fn) as Promise<T>
}
