// The one place the township desk gets its working-day calendar from: the bundled State Council
// years plus the years the township's administrator entered (`calendarOf`, kept on the township
// row). Every clock on the desk follows it.
import { calendarOf } from '@shared/calendar'
import type { WorkCalendar } from '@shared/calendar'
import type { CalendarSource } from '@shared/calendar/township'

/** The working-day calendar of a township's desk. */
export function deskCalendar(township?: CalendarSource | null): WorkCalendar {
  return calendarOf(township)
}
