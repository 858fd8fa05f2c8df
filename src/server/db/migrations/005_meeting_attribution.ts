import type { Kysely, Migration } from 'kysely'

// Migrations see the schema as it was then, not the current `Database` type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/**
 * The meeting a remark was said at, or an on-site question raised at: meeting mode, the minutes
 * and the report-back read it instead of the phone's clock. Rows from before stay NULL (no meeting
 * recorded); docs/ARCHITECTURE.md says how they are still attributed.
 */
export const meetingAttribution: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('suggestions').addColumn('meetingId', 'text').execute()
    await db.schema.alterTable('remarks').addColumn('meetingId', 'text').execute()
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('remarks').dropColumn('meetingId').execute()
    await db.schema.alterTable('suggestions').dropColumn('meetingId').execute()
  },
}
