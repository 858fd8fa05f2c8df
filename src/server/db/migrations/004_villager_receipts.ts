import type { Kysely, Migration } from 'kysely'

// Migrations see the schema as it was then, not the current `Database` type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/**
 * Receipts of villagers' own submissions (`/v/<code>`), stored only as hashes: the code a person
 * reads out (with its village), the secret kept on the phone, the phone's key and the text, for
 * "the same text from the same phone within 10 minutes is one submission".
 */
export const villagerReceipts: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('villager_receipts')
      .addColumn('codeHash', 'text', (c) => c.primaryKey())
      .addColumn('villageId', 'text', (c) => c.notNull())
      .addColumn('suggestionId', 'text', (c) => c.notNull())
      .addColumn('secretHash', 'text', (c) => c.notNull())
      .addColumn('deviceHash', 'text', (c) => c.notNull())
      .addColumn('textHash', 'text', (c) => c.notNull())
      .addColumn('createdAt', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('villager_receipts_suggestion').on('villager_receipts').column('suggestionId').execute()
    await db.schema
      .createIndex('villager_receipts_same_text')
      .on('villager_receipts')
      .columns(['villageId', 'deviceHash', 'textHash', 'createdAt'])
      .execute()
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('villager_receipts').ifExists().execute()
  },
}
