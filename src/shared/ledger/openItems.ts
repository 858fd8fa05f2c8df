import type { DueStatus, WorkCalendar } from '../calendar'
import { dueStatus } from '../calendar'
import type { Decision, Escalation, Suggestion } from '../records'
import type { LedgerIndex, LedgerRows } from './rows'
import { asIndex, workingEscalationStatuses } from './rows'

/** One item the cadres report on at the next meeting (上次落实情况). */
export type OpenItem =
  | (OpenItemBase & { kind: 'decision'; row: Decision })
  | (OpenItemBase & { kind: 'escalation'; row: Escalation })
  | (OpenItemBase & { kind: 'suggestion'; row: Suggestion })

interface OpenItemBase {
  id: string
  /** The decision's text, the escalation's title, or the suggestion's content. */
  title: string
  /** The meeting it came from, when known. */
  meetingId: string | null
  /** The decision's 专人 or the escalation's assignee. */
  owner: string | null
  dueOn: string | null
  /**
   * How the deadline stands today in working days; null without a deadline, and for an escalation
   * the township is not working on (returned to the village, or resolved and awaiting feedback).
   */
  due: DueStatus | null
}

export interface OpenItemsOptions {
  /** The meeting whose report-back this is: its own decisions and escalations are left out. */
  meetingId?: string
}

const kindOrder = { decision: 0, escalation: 1, suggestion: 2 } as const

/**
 * The order of the report-back: by deadline (none last), then decisions, escalations,
 * suggestions, then by id. It reads nothing that crossing an item off changes, so an item marked
 * at the meeting keeps its place on the list.
 */
export function byDeadline(
  a: { dueOn: string | null; kind: OpenItem['kind']; id: string },
  b: { dueOn: string | null; kind: OpenItem['kind']; id: string },
): number {
  return (
    (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31') ||
    kindOrder[a.kind] - kindOrder[b.kind] ||
    a.id.localeCompare(b.id)
  )
}

/**
 * Every still-open item of a village from earlier meetings, for the report-back step and the
 * follow-through list: open decisions; escalations not yet closed (worked by the township,
 * returned, or resolved and waiting for the village's feedback); and suggestions back on the
 * agenda without a meeting to go to (reopened by a rating, or left on the topic of a meeting that
 * closed or was cancelled). Ordered by deadline (none last), then decisions, escalations,
 * suggestions.
 *
 * @example
 * openItems(villageId, rows, defaultCalendar, todayInShanghai(new Date()), { meetingId: tonight.id })
 */
export function openItems(
  villageId: string,
  rows: LedgerRows | LedgerIndex,
  calendar: WorkCalendar,
  today: string,
  options: OpenItemsOptions = {},
): OpenItem[] {
  const index = asIndex(rows)
  const meetingOfTopic = (topicId: string | null) => (topicId ? index.topicsById.get(topicId)?.meetingId ?? null : null)
  const isCurrent = (meetingId: string | null) => options.meetingId !== undefined && meetingId === options.meetingId
  const items: OpenItem[] = []

  for (const row of index.decisions) {
    if (row.villageId !== villageId || row.status !== 'open' || isCurrent(row.meetingId)) continue
    items.push({
      kind: 'decision', id: row.id, row, title: row.text, meetingId: row.meetingId, owner: row.owner, dueOn: row.dueOn,
      due: dueStatus(calendar, row.dueOn, today),
    })
  }
  for (const row of index.escalations) {
    const meetingId = meetingOfTopic(row.topicId)
    if (row.villageId !== villageId || row.status === 'closed' || isCurrent(meetingId)) continue
    const worked = workingEscalationStatuses.includes(row.status) && row.dueOn != null
    items.push({
      kind: 'escalation', id: row.id, row, title: row.title, meetingId, owner: row.assignee, dueOn: row.dueOn,
      due: worked && row.dueOn ? dueStatus(calendar, row.dueOn, today) : null,
    })
  }
  for (const row of index.suggestions) {
    if (row.villageId !== villageId || row.status !== 'on_agenda') continue
    const topic = row.topicId ? index.topicsById.get(row.topicId) : undefined
    const meeting = topic ? index.meetingsById.get(topic.meetingId) : undefined
    // On a topic of a meeting still to come (or tonight's): it is on that agenda, not carried over.
    if (meeting && meeting.status !== 'closed' && meeting.status !== 'cancelled') continue
    items.push({
      kind: 'suggestion', id: row.id, row, title: row.content, meetingId: topic?.meetingId ?? null, owner: null,
      dueOn: null, due: null,
    })
  }
  return items.sort(byDeadline)
}
