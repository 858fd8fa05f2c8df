import { addWorkingDays, defaultCalendar } from '@shared/calendar'
import { createDecisionArgs } from '@shared/mutations/decision'
import type { Decision } from '@shared/records'
import type { DecideInput } from '@app/stores/meetingRun'

/** 时限 is given as a number of working days from today, or as a date. */
export type DueMode = 'days' | 'date'

export interface DecisionFormValues {
  text: string
  owner: string
  dueMode: DueMode
  days: string
  date: string
  kind: Decision['kind']
}

export const MAX_DAYS = 60
const schema = createDecisionArgs.pick({ text: true, owner: true, kind: true })
const known = ['text_required', 'text_too_short', 'text_too_long', 'owner_required', 'owner_too_long']

/** The deadline the form stands for, or null when it does not give a valid one. */
export function dueOnOf(values: DecisionFormValues, today: string): string | null {
  if (values.dueMode === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(values.date) ? values.date : null
  const days = Number(values.days)
  if (values.days.trim() === '' || !Number.isInteger(days) || days < 1 || days > MAX_DAYS) return null
  return addWorkingDays(defaultCalendar, today, days)
}

/**
 * Per field, the i18n key of what is wrong (`run.validation.*`); empty when it may be saved. The
 * text and 专人 are checked with the mutation's own schema; a deadline must be given and may not
 * lie before today (the server only checks it against the meeting's day, for phones that sync late).
 */
export function decisionErrors(values: DecisionFormValues, today: string): Record<string, string> {
  const errors: Record<string, string> = {}
  const parsed = schema.safeParse({ text: values.text, owner: values.owner, kind: values.kind })
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = String(issue.path[0])
    errors[field] ??= `run.validation.${known.includes(issue.message) ? issue.message : 'invalid'}`
  }
  const dueOn = dueOnOf(values, today)
  if (values.dueMode === 'days' && dueOn === null) errors.due = 'run.validation.days_invalid'
  else if (dueOn === null) errors.due = 'run.validation.due_required'
  else if (dueOn < today) errors.due = 'run.validation.due_past'
  return errors
}

/** The decision as the store takes it, from valid values. */
export function decideInput(values: DecisionFormValues, today: string): DecideInput {
  return { text: values.text.trim(), owner: values.owner.trim(), dueOn: dueOnOf(values, today) ?? today, kind: values.kind }
}
