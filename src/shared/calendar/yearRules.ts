// The rules a year of holiday data keeps beyond its shape, without zod: the `yearData` schema
// reports them, and `calendarOf` leaves out a stored year that breaks them (on the first screen,
// where zod is not loaded).
import { isWeekend, toDayNumber } from './dates'
import type { YearData } from './yearData'

export interface YearProblem {
  /** The field, and the date in it when the problem is one date's. */
  path: ['holidays' | 'workdays' | 'inLieuDays'] | ['holidays' | 'workdays' | 'inLieuDays', string]
  message: 'date_outside_year' | 'no_holidays' | 'both_holiday_and_workday' | 'workday_not_weekend'
}

/**
 * What is wrong with a year whose shape is right: a date of another year, no holidays, a day both
 * off and worked, an adjusted workday (调休) that is not a Saturday or Sunday. Throws a RangeError
 * on a date that does not exist.
 *
 * @example
 * yearProblems({ year: 2027, holidays: { '2028-01-01': '元旦' }, workdays: {} })[0].message // 'date_outside_year'
 */
export function yearProblems(data: YearData): YearProblem[] {
  const problems: YearProblem[] = []
  const prefix = `${data.year}-`
  const groups = [
    ['holidays', data.holidays],
    ['workdays', data.workdays],
    ['inLieuDays', data.inLieuDays ?? {}],
  ] as const
  for (const [field, dates] of groups) {
    for (const date of Object.keys(dates)) {
      if (!date.startsWith(prefix)) problems.push({ path: [field, date], message: 'date_outside_year' })
    }
  }
  if (Object.keys(data.holidays).length === 0) problems.push({ path: ['holidays'], message: 'no_holidays' })
  for (const date of Object.keys(data.workdays)) {
    if (date in data.holidays) problems.push({ path: ['workdays', date], message: 'both_holiday_and_workday' })
    // An adjusted workday (调休) is always a Saturday or Sunday; a weekday here is a typo.
    else if (!isWeekend(toDayNumber(date))) problems.push({ path: ['workdays', date], message: 'workday_not_weekend' })
  }
  return problems
}
