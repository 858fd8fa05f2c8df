import { yearData } from '@shared/calendar/yearData'
import type { YearData } from '@shared/calendar'
import type { FieldErrors } from '@app/composables/validatedForm'

/** The holiday year form: the year, and the dates as lines "YYYY-MM-DD name". */
export interface CalendarFormValues {
  year: string
  notice: string
  holidays: string
  workdays: string
}

/** Dates as the form's lines, in date order. */
export function linesOf(dates: Readonly<Record<string, string>>): string {
  return Object.entries(dates)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, name]) => `${date} ${name}`)
    .join('\n')
}

const LINE = /^(\d{4}-\d{2}-\d{2})(?:\s+(.*))?$/

/** The lines back as dates, or the number (1-based) of the first line that is not "date name". */
export function datesOf(text: string): { dates: Record<string, string> } | { line: number } {
  const dates: Record<string, string> = {}
  const lines = text.split('\n')
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim()
    if (!line) continue
    const match = LINE.exec(line)
    if (!match?.[1]) return { line: i + 1 }
    dates[match[1]] = (match[2] ?? '').trim().slice(0, 100)
  }
  return { dates }
}

export interface CalendarCheck {
  /** Per field, the i18n key of what is wrong (`admin.validation.*`). */
  errors: FieldErrors
  /** The words' parameters: the date or line each error is about. */
  params: Partial<Record<string, { date?: string; line?: number }>>
  /** The year as the server takes it, when the form is valid. */
  data: YearData | null
}

/**
 * Check the form with the shared `yearData` schema the server uses (every date inside the year,
 * no day both off and working, 调休 days on weekends, at least one day off).
 */
export function calendarCheck(values: CalendarFormValues): CalendarCheck {
  const errors: FieldErrors = {}
  const params: CalendarCheck['params'] = {}
  const year = Number(values.year)
  if (!/^\d{4}$/.test(values.year.trim()) || year < 2000 || year > 2100) errors.year = 'admin.validation.year_invalid'
  const holidays = datesOf(values.holidays)
  const workdays = datesOf(values.workdays)
  if ('line' in holidays) {
    errors.holidays = 'admin.validation.line_invalid'
    params.holidays = { line: holidays.line }
  }
  if ('line' in workdays) {
    errors.workdays = 'admin.validation.line_invalid'
    params.workdays = { line: workdays.line }
  }
  if (Object.keys(errors).length > 0 || !('dates' in holidays) || !('dates' in workdays)) return { errors, params, data: null }
  const parsed = yearData.safeParse({ year, holidays: holidays.dates, workdays: workdays.dates })
  if (parsed.success) return { errors, params, data: parsed.data }
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'holidays')
    if (errors[field]) continue
    errors[field] = `admin.validation.${issue.message in messages ? issue.message : 'invalid'}`
    params[field] = { date: typeof issue.path[1] === 'string' ? issue.path[1] : undefined }
  }
  return { errors, params, data: null }
}

const messages = { date_outside_year: 1, both_holiday_and_workday: 1, workday_not_weekend: 1, no_holidays: 1 }
