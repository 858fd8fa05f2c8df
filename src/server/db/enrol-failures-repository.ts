import type { Kysely } from 'kysely'
import type { Database } from './schema'

/** Wrong enrolment codes counted per key in windows of time. */
export function createEnrolFailureRepository(db: Kysely<Database>) {
  return {
    /** The count and start of each key's window that began after `windowStart`. */
    async current(keys: readonly string[], windowStart: string): Promise<Map<string, { count: number; since: string }>> {
      const rows = await db.selectFrom('enrol_failures').selectAll().where('key', 'in', keys).where('since', '>', windowStart).execute()
      return new Map(rows.map((row) => [row.key, { count: Number(row.count), since: row.since }]))
    },

    /** Count one more failure under each key; a window that began by `windowStart` starts again at `now`. */
    async add(keys: readonly string[], now: string, windowStart: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        for (const key of keys) {
          await trx
            .insertInto('enrol_failures')
            .values({ key, count: 1, since: now })
            .onConflict((oc) =>
              oc.column('key').doUpdateSet((eb) => {
                const lapsed = eb('enrol_failures.since', '<=', windowStart)
                return {
                  count: eb.case().when(lapsed).then(1).else(eb('enrol_failures.count', '+', 1)).end(),
                  since: eb.case().when(lapsed).then(now).else(eb.ref('enrol_failures.since')).end(),
                }
              }),
            )
            .execute()
        }
        // Keys of codes tried once and never again: gone with their window.
        await trx.deleteFrom('enrol_failures').where('since', '<=', windowStart).execute()
      })
    },
  }
}
