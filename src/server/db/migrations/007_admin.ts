import type { Kysely, Migration } from 'kysely'

// Migrations see the schema as it was then, not the current `Database` type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/**
 * Administration in the app: the holiday years a township's administrator entered (JSON text on
 * the township row, synced with it; NULL: none), the app version each device last synced with,
 * and the audit log of administrative actions (who, what, when; server only, never synced).
 */
export const admin: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('townships').addColumn('holidayYears', 'text').execute()
    await db.schema.alterTable('devices').addColumn('appVersion', 'text').execute()
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('townshipId', 'text', (c) => c.notNull())
      .addColumn('actorId', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('targetType', 'text', (c) => c.notNull())
      .addColumn('targetId', 'text')
      .addColumn('detail', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('audit_log_township_at').on('audit_log').columns(['townshipId', 'at']).execute()
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('audit_log').ifExists().execute()
    await db.schema.alterTable('devices').dropColumn('appVersion').execute()
    await db.schema.alterTable('townships').dropColumn('holidayYears').execute()
  },
}
