import { tableNames } from '@shared/records'
import type { Actor } from '@shared/actor'
import { runMutation, type Change, type MutationName, type MutationResult } from '@shared/mutations'
import type { YehuaDb } from './schema'
import { toStorageError } from './errors'

const NEXT_MID = 'nextMid'

/** Every table a local write may touch, for one read-write transaction. */
export const writeTables = [...tableNames, 'outbox', 'meta', 'base'] as const

/**
 * Write a mutation's row changes, first keeping the server's copy of each row it changes (once)
 * so a later pull can restore server truth and re-apply what is still pending.
 * Must run inside a transaction over `writeTables`.
 */
export async function writeChanges(db: YehuaDb, changes: Change[]): Promise<void> {
  for (const { table, row } of changes) {
    const ref = `${table}:${row.id}`
    if (!(await db.base.get(ref))) {
      const current = await db.table(table).get(row.id)
      await db.base.put({ ref, table, row: current ?? null })
    }
    await db.table(table).put(row)
  }
}

/**
 * Apply a named mutation on the device: run the shared mutation against the local rows and write
 * its row changes and the outbox entry in ONE IndexedDB transaction. A rejection writes nothing;
 * a storage failure throws a StorageError and writes nothing either.
 *
 * @example
 * const result = await applyLocal(db, 'suggestion.create', args, actor)
 * if (!result.ok) showRejection(result.rejection)
 */
export async function applyLocal(
  db: YehuaDb,
  name: MutationName,
  args: unknown,
  actor: Actor,
  clock: () => Date = () => new Date(),
): Promise<MutationResult> {
  try {
    return await db.transaction('rw', writeTables, async () => {
      const now = clock().toISOString()
      const result = await runMutation(name, args, actor, now, (ref) => db.table(ref.table).get(ref.id))
      if (!result.ok) return result
      await writeChanges(db, result.changes)
      const mid = ((await db.meta.get(NEXT_MID))?.value as number | undefined) ?? 1
      await db.outbox.add({ mid, name, args, clientTime: now })
      await db.meta.put({ key: NEXT_MID, value: mid + 1 })
      return result
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/**
 * Number the pending outbox entries from `firstMid` on, keeping their order, and continue the
 * device counter after them. Used when the server's count of our mids restarts.
 */
export async function renumberOutbox(db: YehuaDb, firstMid: number): Promise<void> {
  await db.transaction('rw', db.outbox, db.meta, async () => {
    const pending = await db.outbox.orderBy('mid').toArray()
    await db.outbox.clear()
    await db.outbox.bulkAdd(pending.map((entry, i) => ({ ...entry, mid: firstMid + i })))
    await db.meta.put({ key: NEXT_MID, value: firstMid + pending.length })
  })
}
