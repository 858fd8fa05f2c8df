export type { DueState, DueStatus, WorkCalendar } from './calendar'
export {
  addWorkingDays, addYear, createCalendar, dueStatus, isKnownYear, isWorkday, workingDaysBetween,
} from './calendar'
export { bundledYears, defaultCalendar } from './defaultCalendar'
export { todayInShanghai } from './shanghai'
export type { YearData } from './yearData'
export { yearData } from './yearData'
