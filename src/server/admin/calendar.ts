import type { YearData } from '@shared/calendar'
import type { Township } from '@shared/records'

/** The township with `data` as its entered year (replacing an entered year of the same number), years ascending. */
export function withHolidayYear(township: Township, data: YearData): Township {
  const others = (township.holidayYears ?? []).filter((y) => y.year !== data.year)
  return { ...township, holidayYears: [...others, data].sort((a, b) => a.year - b.year) }
}
