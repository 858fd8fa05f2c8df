// Meetings are held in the village: their times are read and entered in Asia/Shanghai (UTC+8,
// no daylight saving), whatever zone the phone is set to.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

/** The parts of an instant as a clock in the village shows them. */
export interface VillageClock {
  /** 'YYYY-MM-DD' */
  date: string
  /** 'HH:MM' (24 h) */
  time: string
  month: number
  day: number
  /** 0 = Sunday … 6 = Saturday */
  weekday: number
  hour: number
  minute: number
}

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * An ISO instant on the village's clock.
 *
 * @example
 * villageClock('2026-11-29T11:30:00.000Z') // { date: '2026-11-29', time: '19:30', weekday: 0, … }
 */
export function villageClock(iso: string): VillageClock {
  const shifted = new Date(new Date(iso).getTime() + SHANGHAI_OFFSET_MS)
  const [month, day, hour, minute] = [shifted.getUTCMonth() + 1, shifted.getUTCDate(), shifted.getUTCHours(), shifted.getUTCMinutes()]
  return {
    date: `${shifted.getUTCFullYear()}-${pad(month)}-${pad(day)}`,
    time: `${pad(hour)}:${pad(minute)}`,
    month, day, hour, minute,
    weekday: shifted.getUTCDay(),
  }
}

/**
 * The instant of a date and a time on the village's clock, or null when either is not valid.
 *
 * @example
 * villageInstant('2026-11-29', '19:30') // '2026-11-29T11:30:00.000Z'
 */
export function villageInstant(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null
  const at = new Date(`${date}T${time}:00+08:00`)
  return Number.isNaN(at.getTime()) || villageClock(at.toISOString()).date !== date ? null : at.toISOString()
}

/** The evening after `now` at 19:30, village time: when a new meeting is proposed by default. */
export function nextEvening(now: Date): string {
  const today = villageClock(now.toISOString()).date
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10)
  return villageInstant(tomorrow, '19:30')!
}
