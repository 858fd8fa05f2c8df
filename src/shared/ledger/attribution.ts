// Which remarks and on-site questions belong to a meeting: those that name it (`meetingId`, set
// by meeting mode). Rows recorded before the field existed fall back to the phone's clock, and
// only for a meeting that is over (see `legacyWindow`).
import type { Meeting } from '../records'

const HOUR_MS = 3_600_000

/** When a UUIDv7 was made: its first 48 bits, milliseconds since the epoch (the phone's clock). */
export function idTime(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16)
}

/** The smallest UUIDv7 made at `ms`: ids are time-ordered, so a range of them is a span of time. */
export function idAt(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`
}

/**
 * When a row that names no meeting still counts as recorded at this one: only for a closed
 * meeting, from an hour before it was due to start until it was closed (its row's last change).
 * It keeps the minutes of meetings run before rows named their meeting; a meeting that is not
 * over takes only rows that name it, so a question typed earlier that day (or a demo row made
 * when the server started) never shows under tonight's.
 */
export function legacyWindow(meeting: Meeting): { from: number; to: number } | null {
  if (meeting.status !== 'closed') return null
  return { from: Date.parse(meeting.startsAt) - HOUR_MS, to: Date.parse(meeting.updatedAt) }
}

/**
 * Whether a remark or suggestion was recorded at this meeting.
 *
 * @example
 * const questions = suggestions.filter((s) => s.source === 'on_site' && recordedAt(s, meeting))
 */
export function recordedAt(row: { id: string; meetingId?: string | null }, meeting: Meeting): boolean {
  if (row.meetingId) return row.meetingId === meeting.id
  const window = legacyWindow(meeting)
  if (!window) return false
  const made = idTime(row.id)
  return made >= window.from && made <= window.to
}
