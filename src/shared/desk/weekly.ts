// The weekly list for the township's meeting: escalations past a deadline of the desk's clocks
// (acceptance, the department's deadline) and those due by the end of this week, with how they
// stand in working days.
import type { WorkCalendar } from '../calendar'
import { toDayNumber, toIsoDate, weekdayOf } from '../calendar/dates'
import type { DeadlinePolicy, Escalation } from '../records'
import type { DeskClock } from './clock'
import { deskClock } from './clock'

export interface WeeklyItem {
  escalation: Escalation
  /** Its clocks on the day of the list: the step that runs, its deadline, working days left, 未报到. */
  clock: DeskClock & { dueOn: string }
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
 * Escalations whose running clock (waiting to be accepted, or the department's deadline; see
 * `deskClock`) has passed on `today`, most overdue first, and those due from today to Sunday,
 * soonest first. Resolved, returned and closed ones run no such clock and are left out.
 *
 * @example
 * weeklyList(escalations, calendarOf(township), policyOf(township), todayInShanghai(new Date())).overdue[0].clock.workingDaysLeft // -3
 */
export function weeklyList(
  escalations: readonly Escalation[],
  calendar: WorkCalendar,
  policy: DeadlinePolicy,
  today: string,
): WeeklyList {
  const week = weekOf(today)
  const overdue: WeeklyItem[] = []
  const dueThisWeek: WeeklyItem[] = []
  for (const escalation of escalations) {
    if (escalation.deletedAt != null) continue
    const clock = deskClock(calendar, policy, escalation, today)
    if (clock.dueOn === null || (clock.step !== 'accept' && clock.step !== 'work')) continue
    const item = { escalation, clock: { ...clock, dueOn: clock.dueOn } }
    if (clock.dueOn < today) overdue.push(item)
    else if (clock.dueOn <= week.to) dueThisWeek.push(item)
  }
  const order = (a: WeeklyItem, b: WeeklyItem) =>
    a.clock.dueOn.localeCompare(b.clock.dueOn) || a.escalation.id.localeCompare(b.escalation.id)
  return { ...week, overdue: overdue.sort(order), dueThisWeek: dueThisWeek.sort(order) }
}
