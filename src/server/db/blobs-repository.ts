import type { Kysely } from 'kysely'
import type { BlobTable, Database } from './schema'

/** Which attachments a device may read: those whose `column` is one of `values` (its pull scope). */
export interface AttachmentFilter {
  column: string
  values: readonly string[]
}

/** Photo and voice-note bytes by content hash (`PUT`/`GET /api/blobs/:sha256`). */
export function createBlobRepository(db: Kysely<Database>) {
  return {
    /** Whether the server holds these bytes. */
    async has(sha256: string, trx: Kysely<Database> = db): Promise<boolean> {
      const row = await trx.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst()
      return row !== undefined
    },

    /** Store a blob unless it is already there; true when this call stored it. */
    async insert(row: BlobTable, trx: Kysely<Database> = db): Promise<boolean> {
      const result = await trx
        .insertInto('blobs')
        .values(row)
        .onConflict((oc) => oc.column('sha256').doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
    },

    async get(sha256: string, trx: Kysely<Database> = db): Promise<BlobTable | undefined> {
      return trx.selectFrom('blobs').selectAll().where('sha256', '=', sha256).executeTakeFirst()
    },

    /** Whether a live attachment in the filter (a device's scope) names this hash. */
    async namedIn(sha256: string, filter: AttachmentFilter, trx: Kysely<Database> = db): Promise<boolean> {
      if (filter.values.length === 0) return false
      const row = await trx
        .selectFrom('attachments')
        .select('id')
        .where('sha256', '=', sha256)
        .where('deletedAt', 'is', null)
        .where(trx.dynamic.ref(filter.column), 'in', filter.values)
        .executeTakeFirst()
      return row !== undefined
    },
  }
}
