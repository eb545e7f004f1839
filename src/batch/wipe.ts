/** The IndexedDB database holding the batch queue. */
export const DB_NAME = 'photo-desk-batch'

/**
 * Deletes the saved batch of this browser (sign-out). Safe when there is none, and tiny: the app
 * can register it at start-up without loading the batch screen.
 */
export function wipeBatchQueue(dbName = DB_NAME): Promise<void> {
  if (typeof indexedDB === 'undefined') return Promise.resolve()
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(dbName)
    // "blocked": another connection is open; the delete completes when it closes.
    request.onsuccess = request.onerror = request.onblocked = () => resolve()
  })
}
