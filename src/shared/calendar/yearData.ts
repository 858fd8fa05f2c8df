import { z } from 'zod'
import { isWeekend, toDayNumber } from './dates'

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
    const prefix = `${data.year}-`
    const groups = [
      ['holidays', data.holidays],
      ['workdays', data.workdays],
      ['inLieuDays', data.inLieuDays ?? {}],
    ] as const
    for (const [field, dates] of groups) {
      for (const date of Object.keys(dates)) {
        if (!date.startsWith(prefix)) {
          ctx.addIssue({ code: 'custom', path: [field, date], message: 'date_outside_year' })
        }
      }
    }
    if (Object.keys(data.holidays).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['holidays'], message: 'no_holidays' })
    }
    for (const date of Object.keys(data.workdays)) {
      if (date in data.holidays) {
        ctx.addIssue({ code: 'custom', path: ['workdays', date], message: 'both_holiday_and_workday' })
      } else if (!isWeekend(toDayNumber(date))) {
        // An adjusted workday (调休) is always a Saturday or Sunday; a weekday here is a typo.
        ctx.addIssue({ code: 'custom', path: ['workdays', date], message: 'workday_not_weekend' })
      }
    }
  })

export type YearData = z.infer<typeof yearData>
