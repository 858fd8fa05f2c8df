import type { DueStatus } from '@shared/calendar'
import { dueWords, type DueKind, type DueTone } from '@app/components/app/dueWords'

/** How a deadline reads on the follow-through list: the i18n key, its count, and its tone. */
export interface FollowUpDueWords {
  key: `followup.due.${DueKind}`
  n: number
  tone: DueTone
}

/**
 * Words for a deadline in working days ("还剩 3 个工作日", "已超期 2 个工作日"), from `dueStatus`.
 * Null when the item has no running deadline.
 *
 * @example
 * followUpDue(dueStatus(defaultCalendar, '2026-09-30', '2026-10-09')) // { key: 'followup.due.overdue', n: 2, tone: 'overdue' }
 */
export function followUpDue(due: DueStatus | null): FollowUpDueWords | null {
  if (!due) return null
  const { kind, n, tone } = dueWords(due)
  return { key: `followup.due.${kind}`, n, tone }
}
