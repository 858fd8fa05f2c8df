import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

// Migrations see the schema as it was then, not the current `Database` type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/** The instants of an escalation's steps that the township desk's clocks run from. */
const columns = [
  'submittedAt', 'acceptedAt', 'assignedAt', 'reportedAt', 'resolvedAt', 'closedAt', 'reopenedAt', 'feedbackAt',
] as const

/**
 * The township desk's clocks: when an escalation was sent, accepted, assigned, acknowledged (报到),
 * resolved, closed, reopened and answered by the village, and the village's rating (JSON). Rows
 * from before are backfilled so that no old item turns overdue for a step it took before the
 * clocks existed: sent at createdAt; a step already past at createdAt (accepted, assigned, 报到 —
 * the day's work is unknown); resolved / closed at updatedAt (the last change, usually that one).
 * Versions are not bumped: phones read the absent fields as "not recorded", the same answer.
 */
export const deskClocks: Migration = {
  async up(db: AnyDb) {
    for (const column of columns) await db.schema.alterTable('escalations').addColumn(column, 'text').execute()
    await db.schema.alterTable('escalations').addColumn('rating', 'text').execute()
    await sql`UPDATE escalations SET "submittedAt" = "createdAt"`.execute(db)
    await sql`UPDATE escalations SET "acceptedAt" = "createdAt"
      WHERE status IN ('accepted', 'assigned', 'forwarded', 'resolved', 'closed')`.execute(db)
    await sql`UPDATE escalations SET "assignedAt" = "createdAt", "reportedAt" = "createdAt"
      WHERE assignee IS NOT NULL AND status IN ('assigned', 'resolved', 'closed')`.execute(db)
    await sql`UPDATE escalations SET "resolvedAt" = "updatedAt" WHERE status IN ('resolved', 'closed')`.execute(db)
    await sql`UPDATE escalations SET "closedAt" = "updatedAt" WHERE status = 'closed'`.execute(db)
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('escalations').dropColumn('rating').execute()
    for (const column of [...columns].reverse()) await db.schema.alterTable('escalations').dropColumn(column).execute()
  },
}
