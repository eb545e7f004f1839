// Its own tiny module: main.ts wipes the saved batch on sign-out without loading the batch code.

/** The IndexedDB database holding the saved batch queue (src/storage/idb.ts opens it). */
export const QUEUE_DB = 'photo-desk-batch'
/** Its one object store. */
export const QUEUE_STORE = 'queue'
