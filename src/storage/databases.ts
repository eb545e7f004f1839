// Whole databases, without idb-keyval: the first screen can wipe one on sign-out cheaply.

/** Deletes a database; safe when there is none. A connection left open elsewhere delays it. */
export function deleteDatabase(dbName: string): Promise<void> {
  if (typeof indexedDB === 'undefined') return Promise.resolve()
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(dbName)
    // "blocked": another connection is open; the delete completes when it closes.
    request.onsuccess = request.onerror = request.onblocked = () => resolve()
  })
}

/** Whether `dbName` may exist (true where the browser cannot list its databases). */
export async function databaseExists(dbName: string): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false
  if (typeof indexedDB.databases !== 'function') return true
  const list = await indexedDB.databases().catch(() => null)
  return list === null || list.some((d) => d.name === dbName)
}
