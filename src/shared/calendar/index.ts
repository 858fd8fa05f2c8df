export type { DueState, DueStatus, WorkCalendar } from './calendar'
export {
  addWorkingDays, addYear, createCalendar, dueStatus, isKnownYear, isWorkday, workingDaysBetween,
} from './calendar'
export { bundledYears, defaultCalendar } from './defaultCalendar'
export { todayInShanghai } from './shanghai'
export type { YearData } from './yearData'
export { yearData } from './yearData'
export type { ParsedNotice } from './notice'
export { parseHolidayNotice } from './notice'
export type { CalendarSource } from './township'
export { calendarOf, unknownYearsBetween, unknownYearsOf } from './township'
