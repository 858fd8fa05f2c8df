import { tableNames } from '@shared/records'
import type { Actor } from '@shared/actor'
import { runMutation, type MutationName, type MutationResult } from '@shared/mutations'
import type { YehuaDb } from './schema'
import { toStorageError } from './errors'

const NEXT_MID = 'nextMid'

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
    return await db.transaction('rw', [...tableNames, 'outbox', 'meta'], async () => {
      const now = clock().toISOString()
      const result = await runMutation(name, args, actor, now, (ref) => db.table(ref.table).get(ref.id))
      if (!result.ok) return result
      for (const change of result.changes) await db.table(change.table).put(change.row)
      const mid = ((await db.meta.get(NEXT_MID))?.value as number | undefined) ?? 1
      await db.outbox.add({ mid, name, args, clientTime: now })
      await db.meta.put({ key: NEXT_MID, value: mid + 1 })
      return result
    })
  } catch (error) {
    throw toStorageError(error)
  }
}
