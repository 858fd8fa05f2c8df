import { calendarOf, dueStatus, todayInShanghai, workingDaysBetween } from '@shared/calendar'
import type { WorkCalendar } from '@shared/calendar'
import { acceptanceDue, dayOf } from '@shared/desk/clock'
import type { DeadlinePolicy, Escalation, EscalationStatus } from '@shared/records'
import { defaultDeadlinePolicy } from '@shared/records'
import { dueWords, type DueKind, type DueTone } from '@app/components/app/dueWords'

/** Statuses in which the township is working on an escalation, so its clock runs. */
export const workingStatuses: readonly EscalationStatus[] = ['submitted', 'accepted', 'assigned', 'forwarded']

/** How an escalation's deadline reads: the i18n key, its count, and the tone it is shown in. */
export interface DueWords {
  key: `escalation.due.${DueKind | 'waiting' | 'waitingToday'}`
  n: number
  tone: DueTone
}

/**
 * Where an escalation stands against the clock on `today` (Asia/Shanghai), in working days: the
 * time left or overdue once the township set a deadline; while it waits to be accepted, how long
 * it has waited, overdue once the policy's `acceptDays` have passed since it was sent. Null when
 * the clock does not run (returned, resolved, closed).
 *
 * @example
 * escalationDue({ ...e, status: 'accepted', dueOn: '2026-10-09' }, '2026-10-12') // { key: 'escalation.due.overdue', n: 2, tone: 'overdue' }
 */
export function escalationDue(
  escalation: Pick<Escalation, 'status' | 'dueOn' | 'createdAt' | 'submittedAt'>,
  today: string,
  calendar: WorkCalendar = calendarOf(null),
  policy: DeadlinePolicy = defaultDeadlinePolicy,
): DueWords | null {
  if (!workingStatuses.includes(escalation.status)) return null
  if (escalation.dueOn === null) {
    const waited = workingDaysBetween(calendar, dayOf(escalation.submittedAt ?? escalation.createdAt), today)
    // Waiting to be accepted turns overdue past the policy's acceptDays (the desk's clock).
    const tone: DueTone = escalation.status === 'submitted' && today > acceptanceDue(calendar, policy, escalation) ? 'overdue' : 'normal'
    return waited > 0
      ? { key: 'escalation.due.waiting', n: waited, tone }
      : { key: 'escalation.due.waitingToday', n: 0, tone }
  }
  const { kind, n, tone } = dueWords(dueStatus(calendar, escalation.dueOn, today))
  return { key: `escalation.due.${kind}`, n, tone }
}

/** The calendar date (Asia/Shanghai) the escalation was made: no date the township sets may be earlier. */
export function escalatedOn(escalation: Pick<Escalation, 'createdAt'>): string {
  return todayInShanghai(new Date(escalation.createdAt))
}
