import type { Kysely, Transaction } from 'kysely'
import type { Database } from './schema'

/**
 * Take the next value of the one global version counter. Call it only inside a write
 * transaction: the counter row stays locked until commit, so versions become visible in order
 * and a pull cursor (the last version seen) never skips a row committed later.
 */
export async function nextVersion(trx: Transaction<Database>): Promise<number> {
  const row = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'version')
    .returning('value')
    .executeTakeFirstOrThrow()
  return Number(row.value)
}

/** The newest version handed out so far (0 on a fresh database). */
export async function currentVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('counters').select('value').where('name', '=', 'version').executeTakeFirstOrThrow()
  return Number(row.value)
}
