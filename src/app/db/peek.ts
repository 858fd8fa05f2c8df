/** The device database's name (Dexie opens it in `schema.ts`). */
export const DB_NAME = 'yehua'
/** The meta key of the last finished sync round (absent until the first one ends). */
export const LAST_SYNC_KEY = 'lastSyncedAt'
/** The `meta` key of the records' stamp (db/stamp.ts). */
export const RECORDS_STAMP_KEY = 'recordsStamp'
/** The meta key of this device's session (stores/session.ts). */
export const SESSION_KEY = 'session'
/** The `meta` key of the desk queue's first screen kept for the next start (stores/desk.ts). */
export const DESK_FIRST_SCREEN_KEY = 'deskFirstScreen'

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

/**
 * Values kept for a first screen (db/kept.ts) that the app's first read brings along with the
 * session: the desk's queue then needs no read of its own (and no Dexie) before it is shown.
 */
const KEPT_AT_START = [DESK_FIRST_SCREEN_KEY] as const
/** How long after the app's first read its kept values may stand in for a read of their own. */
const AT_START_MS = 1_500

let atStart: { stamp: unknown; kept: Map<string, unknown>; at: number } | null = null

/**
 * The app's first read, in one plain-IndexedDB transaction: the session and the last sync round's
 * time, and with them the records' stamp and the values in {@link KEPT_AT_START}; those values
 * and the last sync round's time are held for {@link takeAtStart}.
 *
 * @example
 * const { session, lastSyncedAt } = await readAtStart()
 */
export async function readAtStart(): Promise<{ session: unknown; lastSyncedAt: unknown }> {
  const [session, lastSyncedAt, stamp, ...kept] = await peekMetaAll([SESSION_KEY, LAST_SYNC_KEY, RECORDS_STAMP_KEY, ...KEPT_AT_START])
  const values = new Map<string, unknown>(KEPT_AT_START.map((key, i) => [key, kept[i]]))
  values.set(LAST_SYNC_KEY, lastSyncedAt) // for a first screen that shows it (the desk's queue)
  atStart = { stamp, kept: values, at: performance.now() }
  return { session, lastSyncedAt }
}

/**
 * A value the app's first read found under `key`, with the records' stamp of that moment, once
 * (db/kept.ts checks it is current); undefined when taken already, when a record was written since
 * (`forgetAtStart`) or after the first screen's time.
 */
export function takeAtStart(key: string): { stamp: unknown; value: unknown } | undefined {
  if (!atStart || !atStart.kept.has(key)) return undefined
  const value = atStart.kept.get(key)
  atStart.kept.delete(key)
  return performance.now() - atStart.at <= AT_START_MS ? { stamp: atStart.stamp, value } : undefined
}

/** The start's values are behind: a record was written (db/stamp.ts). */
export function forgetAtStart(): void {
  atStart = null
}
