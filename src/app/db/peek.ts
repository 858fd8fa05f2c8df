/** The device database's name (Dexie opens it in `schema.ts`). */
export const DB_NAME = 'yehua'

/**
 * Read one `meta` entry with the plain IndexedDB API: no Dexie, and no database created where none
 * exists. Lets the first screen learn whether this phone is enrolled before Dexie has loaded.
 * Resolves to `undefined` when the database, the store or the entry does not exist.
 *
 * @example
 * const session = await peekMeta('session')
 */
export function peekMeta(key: string, name = DB_NAME): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(Object.assign(new Error('indexedDB is undefined'), { name: 'MissingAPIError' }))
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
      resolve(undefined)
    }
    request.onsuccess = () => {
      const db = request.result
      if (!db.objectStoreNames.contains('meta')) {
        db.close()
        return resolve(undefined)
      }
      const get = db.transaction('meta', 'readonly').objectStore('meta').get(key)
      get.onsuccess = () => {
        db.close()
        resolve((get.result as { value?: unknown } | undefined)?.value)
      }
      get.onerror = () => {
        db.close()
        reject(get.error)
      }
    }
  })
}
