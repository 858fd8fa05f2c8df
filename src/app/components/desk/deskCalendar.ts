// The one place the township desk gets its working-day calendar from. Today the bundled State
// Council calendar; swap in the township's own (holidays kept as data) here and every clock on the
// desk follows.
import { defaultCalendar } from '@shared/calendar'
import type { WorkCalendar } from '@shared/calendar'
import type { Township } from '@shared/records'

/** The working-day calendar of a township's desk. */
export function deskCalendar(_township?: Township | null): WorkCalendar {
  return defaultCalendar
}
