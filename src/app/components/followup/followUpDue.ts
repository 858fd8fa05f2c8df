import type { DueStatus } from '@shared/calendar'

/** How a deadline reads on the follow-through list: the i18n key, its count, and its tone. */
export interface FollowUpDueWords {
  key:
    | 'followup.due.left' | 'followup.due.beforeNextWorkday' | 'followup.due.today' | 'followup.due.overdue'
    | 'followup.due.overdueToday'
  n: number
  tone: 'normal' | 'today' | 'overdue'
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
  const { status, workingDaysLeft } = due
  if (status === 'due_today') return { key: 'followup.due.today', n: 0, tone: 'today' }
  if (status === 'overdue') {
    // On a day off right after the due date no working day has passed yet: overdue all the same.
    return workingDaysLeft < 0
      ? { key: 'followup.due.overdue', n: -workingDaysLeft, tone: 'overdue' }
      : { key: 'followup.due.overdueToday', n: 0, tone: 'overdue' }
  }
  return workingDaysLeft > 0
    ? { key: 'followup.due.left', n: workingDaysLeft, tone: 'normal' }
    : { key: 'followup.due.beforeNextWorkday', n: 0, tone: 'normal' }
}
