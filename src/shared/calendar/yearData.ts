import { z } from 'zod'
import type { WorkCalendar } from './calendar'
import { weekendsOnly, withYears } from './calendar'
import { yearProblems } from './yearRules'

/** Dates of a year mapped to a label, as in chinese-days: 'National Day,国庆节,3'. */
// `z.iso.date()` rather than records' `isoDate`: records.ts imports this schema (a township's years).
const labelledDates = z.record(z.iso.date(), z.string().max(100))

/**
 * One year of the State Council's holiday arrangement: the days off (`holidays`, weekends inside a
 * holiday block included) and the adjusted working weekend days (`workdays`, 调休).
 * `inLieuDays` is informational (holidays given in lieu of those weekends) and not used for counting.
 *
 * @example
 * yearData.parse({ year: 2026, ...chineseDays2026Json })
 */
export const yearData = z
  .object({
    year: z.number().int().min(2000).max(2100),
    holidays: labelledDates,
    workdays: labelledDates,
    inLieuDays: labelledDates.optional(),
  })
  .superRefine((data, ctx) => {
    for (const { path, message } of yearProblems(data)) ctx.addIssue({ code: 'custom', path, message })
  })

export type YearData = z.infer<typeof yearData>

/**
 * A calendar with the given year's data added (or replacing a year already there), e.g. 2027
 * once the State Council publishes it. The input is validated with `yearData`; malformed data
 * throws a `ZodError` and leaves the calendar untouched.
 *
 * @example
 * const cal2027 = addYear(defaultCalendar, { year: 2027, holidays: { '2027-01-01': '元旦' }, workdays: {} })
 */
export function addYear(calendar: WorkCalendar, data: unknown): WorkCalendar {
  return withYears(calendar, [yearData.parse(data)])
}

/** A calendar holding the given years (none: plain weekends everywhere). Throws on malformed data. */
export function createCalendar(years: readonly unknown[] = []): WorkCalendar {
  return years.reduce<WorkCalendar>((calendar, data) => addYear(calendar, data), weekendsOnly)
}
