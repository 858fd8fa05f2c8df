// The weekly list for the township's meeting: escalations past their deadline and those due by
// the end of this week, with how they stand in working days.
import type { DueStatus, WorkCalendar } from '../calendar'
import { dueStatus } from '../calendar'
import { toDayNumber, toIsoDate, weekdayOf } from '../calendar/dates'
import { workingEscalationStatuses } from '../ledger/rows'
import type { Escalation } from '../records'

export interface WeeklyItem {
  escalation: Escalation
  due: DueStatus
}

export interface WeeklyList {
  /** Monday and Sunday of the week of `today`. */
  from: string
  to: string
  overdue: WeeklyItem[]
  /** Due from today to Sunday. */
  dueThisWeek: WeeklyItem[]
}

/** Monday and Sunday of the week that holds `date` ('YYYY-MM-DD'). */
export function weekOf(date: string): { from: string; to: string } {
  const day = toDayNumber(date)
  const monday = day - ((weekdayOf(day) + 6) % 7)
  return { from: toIsoDate(monday), to: toIsoDate(monday + 6) }
}

/**
 * Escalations the township is working on (not yet resolved) whose deadline has passed on
 * `today`, most overdue first, and those due from today to Sunday, soonest first; each with its
 * `dueStatus` in working days of `calendar`.
 *
 * @example
 * weeklyList(escalations, deskCalendar(), todayInShanghai(new Date())).overdue[0].due.workingDaysLeft // -3
 */
export function weeklyList(escalations: readonly Escalation[], calendar: WorkCalendar, today: string): WeeklyList {
  const week = weekOf(today)
  const overdue: WeeklyItem[] = []
  const dueThisWeek: WeeklyItem[] = []
  for (const escalation of escalations) {
    if (escalation.deletedAt != null || !escalation.dueOn || !workingEscalationStatuses.includes(escalation.status)) continue
    if (escalation.dueOn < today) overdue.push({ escalation, due: dueStatus(calendar, escalation.dueOn, today) })
    else if (escalation.dueOn <= week.to) dueThisWeek.push({ escalation, due: dueStatus(calendar, escalation.dueOn, today) })
  }
  const order = (a: WeeklyItem, b: WeeklyItem) =>
    a.escalation.dueOn!.localeCompare(b.escalation.dueOn!) || a.escalation.id.localeCompare(b.escalation.id)
  return { ...week, overdue: overdue.sort(order), dueThisWeek: dueThisWeek.sort(order) }
}
