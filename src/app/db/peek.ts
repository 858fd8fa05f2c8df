/** The device database's name (Dexie opens it in `schema.ts`). */
export const DB_NAME = 'yehua'
/** The meta key of the last finished sync round (absent until the first one ends). */
export const LAST_SYNC_KEY = 'lastSyncedAt'

/**
 * Read one `meta` entry with the plain IndexedDB API: no Dexie, and no database created where none
 * exists. Lets the first screen learn whether this phone is enrolled before Dexie has loaded.
 * Resolves to `undefined` when the database, the store or the entry does not exist.
 *
 * @example
 * const session = await peekMeta('session')
 */
export async function peekMeta(key: string, name = DB_NAME): Promise<unknown> {
  return (await peekMetaAll([key], name))[0]
}

/**
 * Read several `meta` entries in one transaction, as {@link peekMeta} reads one: their values in
 * the order of `keys` (`undefined` for each one absent).
 *
 * @example
 * const [session, lastSyncedAt] = await peekMetaAll(['session', 'lastSyncedAt'])
 */
export function peekMetaAll(keys: readonly string[], name = DB_NAME): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(Object.assign(new Error('indexedDB is undefined'), { name: 'MissingAPIError' }))
    const none = () => keys.map(() => undefined)
    let absent = false
    const request = indexedDB.open(name)
    // Opening without a version creates a database that does not exist: abort that, leave it to Dexie.
    request.onupgradeneeded = () => {
      absent = true
      request.transaction?.abort()
    }
    request.onerror = (event) => {
      if (!absent) return reject(request.error)
      event.preventDefault()
      resolve(none())
    }
    request.onsuccess = () => {
      const db = request.result
      if (!db.objectStoreNames.contains('meta')) {
        db.close()
        return resolve(none())
      }
      const transaction = db.transaction('meta', 'readonly')
      const store = transaction.objectStore('meta')
      const gets = keys.map((key) => store.get(key))
      transaction.oncomplete = () => {
        db.close()
        resolve(gets.map((get) => (get.result as { value?: unknown } | undefined)?.value))
      }
      transaction.onerror = () => {
        db.close()
        reject(transaction.error)
      }
    }
  })
}
