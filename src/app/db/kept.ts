// Values read or derived from many records, kept in `meta` as one value with the records' stamp
// (./stamp.ts) of the moment they were read. IndexedDB pays per record: 5,000 escalations come
// back from `getAll` in ~100 ms on a small machine, the same 5,000 kept as one value in ~25 ms
// (bench:township). A kept value is used only while the stamp has not moved since; otherwise
// the records are read again and the value kept anew.
import { useDb } from './index'
import { takeAtStart } from './peek'
import { RECORDS_STAMP_KEY } from './stamp'

interface Kept<T> {
  /** Whose value, in which format, by which build of the app. */
  scope: string
  stamp: string
  value: T
}

/** How long after a read its value is kept (if the records have not changed by then). */
const KEEP_AFTER_MS = 250

/**
 * The `meta` key of a kept value's head: its scope and stamp, written with it. A read that finds
 * the value behind learns so from the head without reading the value itself (5,000 escalations
 * take ~25 ms to come back from IndexedDB, for nothing).
 */
const headOf = (key: string): string => `${key}.head`
type Head = Pick<Kept<unknown>, 'scope' | 'stamp'>

const appVersion = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev'

/** The last value of each key this page read or kept: a stamp that has not moved needs no read at all. */
const known = new Map<string, Kept<unknown>>()

/** The records' stamp as stored (null before any record was written with this build). */
export const stampOf = (row: { value: unknown } | undefined): string | null => (typeof row?.value === 'string' ? row.value : null)

function isKept(value: unknown): value is Kept<unknown> {
  return typeof value === 'object' && value !== null && 'scope' in value && 'stamp' in value && 'value' in value
}

export interface KeptAnswer<T> {
  value: T
  /** False: the records changed since `value` was read (served by `whileBehind`). */
  current: boolean
  /** The records' stamp `value` was read at (null before any record was written with this build). */
  stamp: string | null
}

export interface KeptOptions {
  /**
   * Called when a value is kept but the records have changed since: return true if the value will
   * be read and kept anew elsewhere (a worker), and the kept one is served meanwhile, marked not
   * current; false (or no option) reads it here and now.
   */
  whileBehind?: () => boolean
}

/**
 * The value kept under `key` for `scope` while the records have not changed since; else `read()`
 * (which answers with the stamp it read in the same transaction as the records) and keep that.
 * Safe in a live query: it re-runs when the stamp or the kept value moves, and the value is kept
 * after it returns.
 *
 * @example
 * const { value } = await keptRead('deskEscalations', townshipId, async () => {
 *   const [all, stamp] = await db.transaction('r', [db.escalations, db.meta], () =>
 *     Promise.all([db.escalations.toArray(), db.meta.get(RECORDS_STAMP_KEY)]))
 *   return { value: all, stamp: stampOf(stamp) }
 * })
 */
export async function keptRead<T>(
  key: string,
  scope: string,
  read: () => Promise<{ value: T; stamp: string | null }>,
  options: KeptOptions = {},
): Promise<KeptAnswer<T>> {
  const db = useDb()
  const fullScope = `${appVersion}:${scope}`
  const [stampRow, headRow] = await db.meta.bulkGet([RECORDS_STAMP_KEY, headOf(key)])
  const stamp = stampOf(stampRow)
  const ours = (kept: unknown): kept is Kept<T> => isKept(kept) && kept.scope === fullScope
  const current = (kept: Head) => stamp !== null && kept.stamp === stamp
  const inMemory = known.get(key)
  if (ours(inMemory) && current(inMemory)) return { value: inMemory.value, current: true, stamp }
  // The value itself only if it can serve: kept for this scope, and current or wanted while behind.
  const head = headRow?.value as Head | undefined
  const worthReading = head !== undefined && head.scope === fullScope && (current(head) || options.whileBehind !== undefined)
  const stored = worthReading ? (await db.meta.get(key))?.value : undefined
  if (ours(stored)) {
    known.set(key, stored)
    if (current(stored)) return { value: stored.value, current: true, stamp }
    if (options.whileBehind?.()) return { value: stored.value, current: false, stamp: stored.stamp }
  }
  const fresh = await read()
  if (fresh.stamp !== null) {
    const kept: Kept<T> = { scope: fullScope, stamp: fresh.stamp, value: fresh.value }
    known.set(key, kept)
    setTimeout(() => writeIfCurrent(key, kept), KEEP_AFTER_MS)
  }
  return { value: fresh.value, current: true, stamp: fresh.stamp }
}

/**
 * Writes `kept` only if no record changed since it was read: while a first download writes page
 * after page, each read is behind at once, and writing megabytes of it would only slow the
 * download. Called after the read returns: Dexie refuses a write inside a live query.
 */
function writeIfCurrent(key: string, kept: Kept<unknown>): void {
  const db = useDb()
  void db
    .transaction('rw', db.meta, async () => {
      if (stampOf(await db.meta.get(RECORDS_STAMP_KEY)) !== kept.stamp) return
      const head: Head = { scope: kept.scope, stamp: kept.stamp }
      await db.meta.bulkPut([{ key, value: kept }, { key: headOf(key), value: head }])
    })
    .catch(() => undefined)
}

/** What `keepDerived` has been asked to keep, by key: its scope and stamp. */
const asked = new Map<string, string>()

/**
 * Keeps a value derived from records read at `stamp` under `key` for `scope`, for `peekKept` to
 * find on the next start. `derive` runs {@link KEEP_AFTER_MS} later, once, and only if this page
 * does not know the value kept already (read by `peekKept` at the same stamp).
 *
 * @example
 * keepDerived(DESK_FIRST_SCREEN_KEY, scope, data.stamp, () => firstScreenOf(rows))
 */
export function keepDerived<T>(key: string, scope: string, stamp: string | null, derive: () => T): void {
  if (stamp === null) return
  const fullScope = `${appVersion}:${scope}`
  const before = known.get(key)
  const mark = `${fullScope}\n${stamp}`
  if ((before?.scope === fullScope && before.stamp === stamp) || asked.get(key) === mark) return
  asked.set(key, mark)
  setTimeout(() => {
    if (asked.get(key) !== mark) return
    const kept: Kept<T> = { scope: fullScope, stamp, value: derive() }
    known.set(key, kept)
    writeIfCurrent(key, kept)
  }, KEEP_AFTER_MS)
}

/**
 * The value kept under `key` for `scope` if the records have not changed since it was kept;
 * otherwise null (nothing is read from the records: the caller reads them its own way).
 *
 * @example
 * const first = await peekKept<QueueFirstScreen>(DESK_FIRST_SCREEN_KEY, `${townshipId}:${today}`)
 */
export async function peekKept<T>(key: string, scope: string): Promise<T | null> {
  const db = useDb()
  const [stamp, stored] = await db.transaction('r', db.meta, () => Promise.all([db.meta.get(RECORDS_STAMP_KEY), db.meta.get(key)]))
  return currentKept(key, scope, stored?.value, stamp?.value)
}

/**
 * What {@link peekKept} answers, from the app's first read (db/peek.ts `readAtStart`, with the
 * session, before Dexie has opened) if it is still at hand; undefined if not (then `peekKept`).
 *
 * @example
 * const atStart = keptAtStart<QueueFirstScreen>(DESK_FIRST_SCREEN_KEY, scope)
 * const first = atStart !== undefined ? atStart : await peekKept<QueueFirstScreen>(DESK_FIRST_SCREEN_KEY, scope)
 */
export function keptAtStart<T>(key: string, scope: string): T | null | undefined {
  const start = takeAtStart(key)
  return start && currentKept<T>(key, scope, start.value, start.stamp)
}

/** `stored`'s value if it was kept for `scope` by this build at the records' stamp `stamp`; else null. */
function currentKept<T>(key: string, scope: string, stored: unknown, stamp: unknown): T | null {
  if (!isKept(stored) || stored.scope !== `${appVersion}:${scope}` || typeof stamp !== 'string' || stored.stamp !== stamp) return null
  known.set(key, stored)
  return stored.value as T
}

/** Forget what this page knows (tests start each case from the database alone). */
export function forgetKept(): void {
  known.clear()
  asked.clear()
}
