import { isKnownYear, withYears } from './calendar'
import type { WorkCalendar } from './calendar'
import { defaultCalendar } from './defaultCalendar'
import { yearProblems } from './yearRules'
import type { YearData } from './yearData'

/** What `calendarOf` reads of a township row (a phone's copy or the server's). */
export interface CalendarSource {
  holidayYears?: readonly YearData[] | null
}

// One calendar per stored list: a township row read again keeps its calendar while unchanged.
const built = new WeakMap<readonly YearData[], WorkCalendar>()

/**
 * The working-day calendar of a township: the bundled years (`defaultCalendar`) plus the years
 * its administrator entered, an entered year replacing a bundled one. A year that breaks the
 * rules of `yearData` (checked without zod, which the first screen does not load) is left out
 * (the bundled data, or plain weekends, stays), so a bad row cannot stop a screen.
 *
 * @example
 * addWorkingDays(calendarOf(township), todayInShanghai(new Date()), policyOf(township).villageDays)
 */
export function calendarOf(township: CalendarSource | null | undefined): WorkCalendar {
  const years = township?.holidayYears
  if (!years || years.length === 0) return defaultCalendar
  let calendar = built.get(years)
  if (!calendar) {
    calendar = years.reduce<WorkCalendar>((cal, data) => {
      try {
        return yearProblems(data).length === 0 ? withYears(cal, [data]) : cal
      } catch {
        return cal
      }
    }, defaultCalendar)
    built.set(years, calendar)
  }
  return calendar
}

/**
 * The years in the range from `from` to `to` (inclusive, either order, 'YYYY-MM-DD') for which
 * the calendar has no data, ascending: there it counts Monday–Friday. Empty when every year is known.
 *
 * @example
 * unknownYearsBetween(defaultCalendar, '2026-12-04', '2027-01-04') // [2027]
 */
export function unknownYearsBetween(calendar: WorkCalendar, from: string, to: string): number[] {
  const a = Number(from.slice(0, 4))
  const b = Number(to.slice(0, 4))
  const years: number[] = []
  for (let y = Math.min(a, b); y <= Math.max(a, b); y++) if (!isKnownYear(calendar, y)) years.push(y)
  return years
}

/** The unknown years (ascending, once each) of several ranges, e.g. every deadline of a list from today. */
export function unknownYearsOf(calendar: WorkCalendar, ranges: Iterable<readonly [string, string]>): number[] {
  const years = new Set<number>()
  for (const [from, to] of ranges) for (const y of unknownYearsBetween(calendar, from, to)) years.add(y)
  return [...years].sort((x, y) => x - y)
}
