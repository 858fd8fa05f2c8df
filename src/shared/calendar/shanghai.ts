// Created once: building an Intl formatter is far slower than using one.
const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/**
 * The calendar date in Asia/Shanghai at the instant `now`, as 'YYYY-MM-DD'.
 *
 * @example
 * todayInShanghai(new Date('2026-09-30T16:30:00Z')) // '2026-10-01'
 */
export function todayInShanghai(now: Date): string {
  const parts = shanghaiDate.formatToParts(now)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value
  return `${part('year')}-${part('month')}-${part('day')}`
}
