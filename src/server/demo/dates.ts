const DAY_MS = 24 * 60 * 60 * 1000

const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
})

/** The calendar date (YYYY-MM-DD) in Asia/Shanghai, `days` days after `now`. */
export function dateInShanghai(now: Date, days = 0): string {
  return shanghaiDate.format(new Date(now.getTime() + days * DAY_MS))
}

/** An ISO instant `days` days after `now`, at a wall-clock time in Shanghai (UTC+8, no DST). */
export function instantInShanghai(now: Date, days: number, hour = 19, minute = 30): string {
  const date = dateInShanghai(now, days)
  return new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`).toISOString()
}
