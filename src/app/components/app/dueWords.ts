import type { DueStatus } from '@shared/calendar'

/** Which words a running deadline reads in; each domain keeps them as `<domain>.due.<kind>`. */
export type DueKind = 'left' | 'beforeNextWorkday' | 'today' | 'overdue' | 'overdueToday'

/** The tone a deadline is shown in. */
export type DueTone = 'normal' | 'today' | 'overdue'

/** How a deadline reads: which words, their count, and the tone. */
export interface DueWords {
  kind: DueKind
  n: number
  tone: DueTone
}

/**
 * Words for a deadline in working days ("还剩 3 个工作日", "已超期 2 个工作日"), from `dueStatus`.
 *
 * @example
 * dueWords(dueStatus(defaultCalendar, '2026-10-09', '2026-10-12')) // { kind: 'overdue', n: 2, tone: 'overdue' }
 */
export function dueWords({ status, workingDaysLeft }: DueStatus): DueWords {
  if (status === 'due_today') return { kind: 'today', n: 0, tone: 'today' }
  if (status === 'overdue') {
    // On a day off right after the due date no working day has passed yet: overdue all the same.
    return workingDaysLeft < 0
      ? { kind: 'overdue', n: -workingDaysLeft, tone: 'overdue' }
      : { kind: 'overdueToday', n: 0, tone: 'overdue' }
  }
  return workingDaysLeft > 0
    ? { kind: 'left', n: workingDaysLeft, tone: 'normal' }
    : { kind: 'beforeNextWorkday', n: 0, tone: 'normal' }
}
