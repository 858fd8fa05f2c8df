import { addWorkingDays } from '@shared/calendar'
import type { WorkCalendar } from '@shared/calendar'
import { createDecisionArgs, dueWorkingDays } from '@shared/mutations/decision'
import type { Decision } from '@shared/records'
import { schemaErrors } from '@app/composables/schemaErrors'
import type { FieldErrors } from '@app/composables/validatedForm'
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

/** Most working days the deadline may be given as (the shared rule's bound, for the message). */
export const maxDueDays = dueWorkingDays.maxValue ?? 0
const schema = createDecisionArgs.pick({ text: true, owner: true, kind: true })

/** The deadline the form stands for, or null when it does not give a valid one. */
export function dueOnOf(values: DecisionFormValues, today: string, calendar: WorkCalendar): string | null {
  if (values.dueMode === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(values.date) ? values.date : null
  const days = dueWorkingDays.safeParse(values.days)
  return days.success ? addWorkingDays(calendar, today, days.data) : null
}

/**
 * Per field, the i18n key of what is wrong (`run.validation.*`); empty when it may be saved. The
 * text and 专人 are checked with the mutation's own schema; a deadline must be given and may not
 * lie before today (the server only checks it against the meeting's day, for phones that sync late).
 */
export function decisionErrors(values: DecisionFormValues, today: string, calendar: WorkCalendar): FieldErrors {
  const errors = schemaErrors(schema, { text: values.text, owner: values.owner, kind: values.kind }, 'run')
  const dueOn = dueOnOf(values, today, calendar)
  if (values.dueMode === 'days' && dueOn === null) errors.due = 'run.validation.days_invalid'
  else if (dueOn === null) errors.due = 'run.validation.due_required'
  else if (dueOn < today) errors.due = 'run.validation.due_past'
  return errors
}

/** The decision as the store takes it, from valid values. */
export function decideInput(values: DecisionFormValues, today: string, calendar: WorkCalendar): DecideInput {
  return { text: values.text.trim(), owner: values.owner.trim(), dueOn: dueOnOf(values, today, calendar) ?? today, kind: values.kind }
}
