import type { Kysely, Migration } from 'kysely'

// Migrations see the schema as it was then, not the current `Database` type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/**
 * Files as attachments (办结's evidence: a scanned reply letter as PDF): the original file name,
 * NULL for photos and voice notes. The kind column is free text (no CHECK), so `file` needs no
 * change there; the shared schema is what bounds it.
 */
export const attachmentFiles: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('attachments').addColumn('name', 'text').execute()
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('attachments').dropColumn('name').execute()
  },
}
