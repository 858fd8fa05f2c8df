// Where the page keeps what must survive a reload on this phone (unsent submissions, receipts,
// the last board): IndexedDB where it works, else localStorage (some in-app browsers and private
// modes have no IndexedDB), else only memory — which the page then says in words.

/** How the kept state is stored on this phone. */
export type StorageKind = 'indexeddb' | 'localstorage' | 'memory'

/** One value kept under one key: the page's whole state is small (voice notes are sent and dropped). */
export interface KeptStore<T> {
  kind: StorageKind
  read(): Promise<T | null>
  /** Rejects when the phone refuses (storage full). */
  write(value: T): Promise<void>
}

const DB_NAME = 'yehua-villager'
const STORE = 'kept'
const KEY = 'state'
const LOCAL_KEY = 'yehua.villager'

function request<R>(req: IDBRequest<R>): Promise<R> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

/** Opens the database, or rejects (no IndexedDB, private mode, blocked) within a few seconds. */
function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const factory = globalThis.indexedDB
    if (!factory) return reject(new Error('no IndexedDB'))
    const timer = setTimeout(() => reject(new Error('IndexedDB did not open')), 3000)
    try {
      const open = factory.open(DB_NAME, 1)
      open.onupgradeneeded = () => open.result.createObjectStore(STORE)
      open.onsuccess = () => {
        clearTimeout(timer)
        resolve(open.result)
      }
      open.onerror = () => {
        clearTimeout(timer)
        reject(open.error)
      }
    } catch (error) {
      clearTimeout(timer)
      reject(error)
    }
  })
}

function indexedDbStore<T>(db: IDBDatabase): KeptStore<T> {
  const run = <R>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<R>) =>
    new Promise<R>((resolve, reject) => {
      const tx = db.transaction(STORE, mode)
      const result = request(work(tx.objectStore(STORE)))
      tx.oncomplete = () => result.then(resolve, reject)
      tx.onerror = () => reject(tx.error)
      tx.onabort = () => reject(tx.error ?? new Error('aborted'))
    })
  return {
    kind: 'indexeddb',
    read: async () => ((await run('readonly', (store) => store.get(KEY))) as T | undefined) ?? null,
    write: async (value) => void (await run('readwrite', (store) => store.put(value, KEY))),
  }
}

function localStore<T>(storage: Storage): KeptStore<T> {
  return {
    kind: 'localstorage',
    read: async () => {
      const text = storage.getItem(LOCAL_KEY)
      return text ? (JSON.parse(text) as T) : null
    },
    write: async (value) => storage.setItem(LOCAL_KEY, JSON.stringify(value)),
  }
}

function memoryStore<T>(): KeptStore<T> {
  let kept: T | null = null
  return {
    kind: 'memory',
    read: async () => kept,
    write: async (value) => {
      kept = value
    },
  }
}

function usableLocalStorage(): Storage | null {
  try {
    const storage = globalThis.localStorage
    if (!storage) return null
    storage.setItem(`${LOCAL_KEY}.probe`, '1')
    storage.removeItem(`${LOCAL_KEY}.probe`)
    return storage
  } catch {
    return null
  }
}

/**
 * The best store this phone offers: IndexedDB, localStorage, or memory only.
 *
 * @example
 * const kept = await openKeptStore<Kept>()
 * if (kept.kind === 'memory') showWarning()
 */
export async function openKeptStore<T>(): Promise<KeptStore<T>> {
  try {
    const store = indexedDbStore<T>(await openDatabase())
    await store.read()
    return store
  } catch {
    const storage = usableLocalStorage()
    return storage ? localStore<T>(storage) : memoryStore<T>()
  }
}
