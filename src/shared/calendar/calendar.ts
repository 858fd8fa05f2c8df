import { toDayNumber, toIsoDate, isWeekend } from './dates'
import type { YearData } from './yearData'

/**
 * Working days of mainland China: Monday to Friday, minus statutory holidays, plus adjusted
 * working weekend days (调休), for the years whose data it holds. A year without data falls back
 * to plain weekends (every Monday–Friday is a working day) — check `isKnownYear` to warn about it.
 * An immutable value: `addYear` returns a new calendar.
 */
export interface WorkCalendar {
  /** The data of each known year, by year. */
  readonly years: ReadonlyMap<number, YearData>
  /** Day numbers (days since 1970-01-01) of the days off. */
  readonly holidays: ReadonlySet<number>
  /** Day numbers of the adjusted working weekend days. */
  readonly workdays: ReadonlySet<number>
}

function build(years: ReadonlyMap<number, YearData>): WorkCalendar {
  const holidays = new Set<number>()
  const workdays = new Set<number>()
  for (const data of years.values()) {
    for (const date of Object.keys(data.holidays)) holidays.add(toDayNumber(date))
    for (const date of Object.keys(data.workdays)) workdays.add(toDayNumber(date))
  }
  return { years, holidays, workdays }
}

/** The calendar of plain weekends: no year's data. */
export const weekendsOnly: WorkCalendar = build(new Map())

/**
 * A calendar with years of data already checked (the bundled years, a township's stored years)
 * added, each replacing the same year if there. No validation and no zod, so the screens that
 * count working days need not load it: data from outside goes through `addYear` (./yearData).
 * Throws a RangeError on a date it cannot read, leaving the calendar untouched.
 *
 * @example
 * withYears(weekendsOnly, [{ year: 2027, holidays: { '2027-01-01': '元旦' }, workdays: {} }])
 */
export function withYears(calendar: WorkCalendar, data: readonly YearData[]): WorkCalendar {
  const years = new Map(calendar.years)
  for (const year of data) years.set(year.year, year)
  return build(years)
}

/** Whether the calendar has published data for the year (otherwise it assumes plain weekends). */
export function isKnownYear(calendar: WorkCalendar, year: number): boolean {
  return calendar.years.has(year)
}

function isWorkdayNumber(calendar: WorkCalendar, day: number): boolean {
  if (calendar.workdays.has(day)) return true
  if (calendar.holidays.has(day)) return false
  return !isWeekend(day)
}

/** Whether 'YYYY-MM-DD' is a working day. */
export function isWorkday(calendar: WorkCalendar, date: string): boolean {
  return isWorkdayNumber(calendar, toDayNumber(date))
}

/**
 * The deadline `n` working days after `date` (n ≥ 1): the n-th working day strictly after it.
 * The start date itself never counts, so a deadline set on a holiday or weekend counts from the
 * next working day (that day is day 1).
 *
 * @example
 * addWorkingDays(defaultCalendar, '2026-09-30', 3) // '2026-10-10' (国庆 Oct 1–7, Sat Oct 10 is 调休)
 */
export function addWorkingDays(calendar: WorkCalendar, date: string, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Working days must be an integer ≥ 1: ${n}`)
  let day = toDayNumber(date)
  for (let counted = 0; counted < n; ) {
    day += 1
    if (isWorkdayNumber(calendar, day)) counted += 1
  }
  return toIsoDate(day)
}

function countWorkdays(calendar: WorkCalendar, after: number, upTo: number): number {
  let count = 0
  for (let day = after + 1; day <= upTo; day++) if (isWorkdayNumber(calendar, day)) count++
  return count
}

/**
 * Signed count of working days between two dates: the working days in (from, to] — `from`
 * excluded, `to` included — or, when `to` is before `from`, minus the working days in (to, from].
 * It inverts `addWorkingDays`: `workingDaysBetween(cal, d, addWorkingDays(cal, d, n)) === n`.
 *
 * @example
 * workingDaysBetween(defaultCalendar, '2026-09-30', '2026-10-10') // 3
 * workingDaysBetween(defaultCalendar, '2026-10-10', '2026-09-30') // -3
 */
export function workingDaysBetween(calendar: WorkCalendar, from: string, to: string): number {
  const start = toDayNumber(from)
  const end = toDayNumber(to)
  // `0 - n` rather than `-n`: no negative zero for callers comparing with Object.is.
  return end >= start ? countWorkdays(calendar, start, end) : 0 - countWorkdays(calendar, end, start)
}

export type DueState = 'on_time' | 'due_today' | 'overdue'

export interface DueStatus {
  /** Before the due date, on it, or after it (by calendar date in Asia/Shanghai). */
  status: DueState
  /**
   * `workingDaysBetween(today, dueOn)`: working days left when on time (0 is possible when only
   * days off remain before a due date that is itself a day off), 0 on the due date, and minus the
   * working days elapsed since the due date when overdue (0 on days off right after it).
   */
  workingDaysLeft: number
}

/**
 * How a deadline stands on `today` (both 'YYYY-MM-DD'; use `todayInShanghai(new Date())`).
 *
 * @example
 * dueStatus(defaultCalendar, '2026-10-09', '2026-10-12') // { status: 'overdue', workingDaysLeft: -2 }
 */
export function dueStatus(calendar: WorkCalendar, dueOn: string, today: string): DueStatus {
  const workingDaysLeft = workingDaysBetween(calendar, today, dueOn)
  const status: DueState = today < dueOn ? 'on_time' : today === dueOn ? 'due_today' : 'overdue'
  return { status, workingDaysLeft }
}
