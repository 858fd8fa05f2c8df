import { createDb, type YehuaDb } from './schema'
import { StorageError, classifyStorageError } from './errors'
import { reloadRequired, storageProblem } from './status'

export type { OutboxEntry, LocalRejection, RejectionSubject, YehuaDb } from './schema'
export { DESK_FIRST_SCREEN_KEY, LAST_SYNC_KEY } from './peek'
export { StorageError, classifyStorageError, toStorageError } from './errors'
export type { StorageProblem } from './errors'

export { reloadRequired, storageProblem } from './status'

let instance: YehuaDb | null = null

/** The device database, created on first use. Reports private mode or a missing IndexedDB. */
export function useDb(): YehuaDb {
  if (instance) return instance
  if (typeof indexedDB === 'undefined') {
    storageProblem.value = 'unavailable'
    throw new StorageError('unavailable', new Error('indexedDB is undefined'))
  }
  const db = createDb()
  // A newer app version in another tab wants to upgrade: let it, and reload this tab.
  db.on('versionchange', () => {
    db.close()
    reloadRequired.value = true
    return false
  })
  db.open().catch((error: unknown) => {
    storageProblem.value = classifyStorageError(error)
  })
  instance = db
  return db
}

/**
 * Ask the browser to keep our data when storage runs low. Returns whether it is persistent;
 * `null` where the Storage API does not exist (older WebViews).
 */
export async function requestPersistence(): Promise<boolean | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return null
  try {
    if (await navigator.storage.persisted()) return true
    return await navigator.storage.persist()
  } catch {
    return false
  }
}
