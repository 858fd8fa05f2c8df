export type { DueState, DueStatus, WorkCalendar } from './calendar'
// Nothing here loads zod: the screens that count working days import this. The schema of a year
// and the validating `addYear` / `createCalendar` are in './yearData'.
export {
  addWorkingDays, dueStatus, isKnownYear, isWorkday, weekendsOnly, withYears, workingDaysBetween,
} from './calendar'
export { bundledYears, defaultCalendar } from './defaultCalendar'
export { todayInShanghai } from './shanghai'
export type { YearData } from './yearData'
export type { ParsedNotice } from './notice'
export { parseHolidayNotice } from './notice'
export type { CalendarSource } from './township'
export { calendarOf, unknownYearsBetween, unknownYearsOf } from './township'
