// Dates are handled as whole days since 1970-01-01 (UTC arithmetic on the calendar date, no time
// zone involved), so stepping a day is `+ 1` and cannot be shifted by a clock change.

const MS_PER_DAY = 86_400_000
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * Day numbers already read: the desk's queue and the statistics ask for the same few hundred dates
 * tens of thousands of times (bench:township). Emptied when full, so it cannot grow without end.
 */
const known = new Map<string, number>()
const KNOWN_MAX = 20_000

/** Day number of a 'YYYY-MM-DD' calendar date; throws a RangeError for anything else. */
export function toDayNumber(date: string): number {
  const day = known.get(date)
  if (day !== undefined) return day
  if (known.size >= KNOWN_MAX) known.clear()
  const read = readDayNumber(date)
  known.set(date, read)
  return read
}

function readDayNumber(date: string): number {
  const match = DATE_PATTERN.exec(date)
  if (match) {
    const [, y, m, d] = match
    const ms = Date.UTC(Number(y), Number(m) - 1, Number(d))
    // Date.UTC rolls 2026-02-30 over to March; the round trip catches dates that do not exist.
    if (Number.isFinite(ms) && toIsoDate(ms / MS_PER_DAY) === date) return ms / MS_PER_DAY
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`)
}

/** The 'YYYY-MM-DD' date of a day number. */
export function toIsoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

/** Day of the week of a day number: 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7
}

export function isWeekend(day: number): boolean {
  const weekday = weekdayOf(day)
  return weekday === 0 || weekday === 6
}
