import type { WorkCalendar } from '../calendar'
import { defaultCalendar } from '../calendar'

/**
 * The working-day calendar the township's reports count with (statistics, the weekly list). One
 * function, so the township's own calendar (holidays it adds) can take the bundled one's place.
 */
export function deskCalendar(): WorkCalendar {
  return defaultCalendar
}
