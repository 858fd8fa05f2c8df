import type { Kysely, Migration } from 'kysely'

// Migrations see the schema as it was then, not the current `Database` type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/** Remember the scope each device last pulled in, so a scope change answers `reset`. */
export const deviceScope: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('devices').addColumn('scopeKey', 'text').execute()
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('devices').dropColumn('scopeKey').execute()
  },
}
