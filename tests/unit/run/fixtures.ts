// Rows, sessions and views for the meeting-mode tests, on the ids of tests/unit/builders.ts.
import type { Decision, Escalation, Meeting, Remark, Suggestion, Topic } from '@shared/records'
import { tableNames } from '@shared/records'
import { useDb } from '@app/db'
import type { ReportItem, RunTopic } from '@app/stores/meetingRun'
import { aMeeting, aTownship, aVillage } from '../builders'

export { sessionAs, settle } from '../escalation/fixtures'

/** Tonight: the October meeting, 9 October 2026 at 19:30 in Shanghai. */
export function tonight(overrides: Partial<Meeting> = {}): Meeting {
  return aMeeting({ startsAt: '2026-10-09T11:30:00.000Z', status: 'in_progress', ...overrides })
}

/** A topic with its (listed) suggestions and nothing said or settled yet. */
export function runTopic(topic: Topic, suggestions: Suggestion[] = [], extra: Partial<RunTopic> = {}): RunTopic {
  return { topic, suggestions, views: [], decisions: [], escalations: [], ...extra }
}

/** A report-back item for a decision still open. */
export function decisionItem(row: Decision, extra: Partial<ReportItem> = {}): ReportItem {
  return {
    kind: 'decision', row, title: row.text, owner: row.owner, dueOn: row.dueOn, due: { status: 'on_time', workingDaysLeft: 2 },
    open: true, topic: null, reports: [], ...extra,
  }
}

export function escalationItem(row: Escalation, extra: Partial<ReportItem> = {}): ReportItem {
  return {
    kind: 'escalation', row, title: row.title, owner: row.assignee, dueOn: row.dueOn, due: null, open: true, topic: null,
    reports: [], ...extra,
  }
}

/** Empty every table and localStorage, then write the village and township. */
export async function resetDb(): Promise<void> {
  const db = useDb()
  await Promise.all([...tableNames, 'outbox', 'meta', 'base', 'rejections'].map((name) => db.table(name).clear()))
  await db.townships.put(aTownship())
  await db.villages.put(aVillage())
  localStorage.clear()
}

export interface SeedRows {
  meetings?: Meeting[]
  topics?: Topic[]
  suggestions?: Suggestion[]
  remarks?: Remark[]
  decisions?: Decision[]
  escalations?: Escalation[]
}

export async function seed(rows: SeedRows): Promise<void> {
  const db = useDb()
  await db.meetings.bulkPut(rows.meetings ?? [])
  await db.topics.bulkPut(rows.topics ?? [])
  await db.suggestions.bulkPut(rows.suggestions ?? [])
  await db.remarks.bulkPut(rows.remarks ?? [])
  await db.decisions.bulkPut(rows.decisions ?? [])
  await db.escalations.bulkPut(rows.escalations ?? [])
}

/** The names of the queued mutations, in order. */
export async function outboxNames(): Promise<string[]> {
  return (await useDb().outbox.orderBy('mid').toArray()).map((entry) => entry.name)
}

/** Where component tests start the router: the not-found page, the lightest lazy page to load. */
export const BLANK_ROUTE = '/run-test'
