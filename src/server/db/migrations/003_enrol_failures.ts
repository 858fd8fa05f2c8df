import type { Kysely, Migration } from 'kysely'

// Migrations see the schema as it was then, not the current `Database` type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/**
 * Wrong enrolment codes counted per key (`all`, and `code:<hash>` per code tried) since a time,
 * shared by every server process and every server on one PostgreSQL (see identity/enrolGuard.ts).
 */
export const enrolFailures: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('enrol_failures')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('since', 'text', (c) => c.notNull())
      .execute()
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('enrol_failures').ifExists().execute()
  },
}
