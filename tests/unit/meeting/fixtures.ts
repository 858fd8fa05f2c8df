// Seeded IndexedDB rows for the meeting and triage screens, on the ids of tests/unit/builders.ts.
import type { Meeting, Suggestion, Topic } from '@shared/records'
import { useDb } from '@app/db'

export { resetDb, sessionAs, settle } from '../escalation/fixtures'

/** Write meetings, topics and suggestions to the device database. */
export async function seedPlan(rows: { meetings?: Meeting[]; topics?: Topic[]; suggestions?: Suggestion[] }): Promise<void> {
  const db = useDb()
  await db.meetings.bulkPut(rows.meetings ?? [])
  await db.topics.bulkPut(rows.topics ?? [])
  await db.suggestions.bulkPut(rows.suggestions ?? [])
}

/** The names of the queued mutations, in order. */
export async function outboxNames(): Promise<string[]> {
  return (await useDb().outbox.orderBy('mid').toArray()).map((entry) => entry.name)
}
