// The one way a form turns what a shared schema refuses into words: the schemas in src/shared
// (mutation arguments, records) give each issue a coded message (`title_too_short`), and the form
// shows the message of that code in its domain's `validation` messages.
import type { z } from 'zod'
import admin from '@app/locales/zh-CN/admin'
import escalation from '@app/locales/zh-CN/escalation'
import followup from '@app/locales/zh-CN/followup'
import meeting from '@app/locales/zh-CN/meeting'
import run from '@app/locales/zh-CN/run'
import suggestion from '@app/locales/zh-CN/suggestion'
import triage from '@app/locales/zh-CN/triage'
import type { FieldErrors } from './validatedForm'

/** zh-CN is the reference locale: a code is known when it has a message there. */
const validation = {
  admin: admin.validation,
  escalation: escalation.validation,
  followup: followup.validation,
  meeting: meeting.validation,
  run: run.validation,
  suggestion: suggestion.validation,
  triage: triage.validation,
}
/** The message domains whose forms check values with a shared schema. */
export type ValidationDomain = keyof typeof validation

/** A coded message names its field and the problem: `title_required`, `note_too_short`. */
const FIELD_CODE = /^(.+)_(required|too_short|too_long|invalid)$/

/**
 * The i18n key of a schema's coded message in a domain (`meeting.validation.title_required`), or
 * the domain's generic `invalid` when the code has no words there. `name` is what the domain's
 * messages call the field when a schema's field name is not (a topic's `title_required` is
 * `topic_required` on the meeting page; a remark's `text_required` a report's `report_required`).
 */
export function validationKey(domain: ValidationDomain, code: string | undefined, name?: string): string {
  const named = name === undefined ? code : code?.replace(FIELD_CODE, `${name}_$2`)
  const known = named !== undefined && Object.hasOwn(validation[domain], named)
  return `${domain}.validation.${known ? named : 'invalid'}`
}

/**
 * Check values with the schema the server uses; per field (the issue's first path segment, or
 * `value` for a bare schema), the i18n key of its first issue. Empty when the server would take
 * them. `names`: per field, what the domain's messages call it, when that differs.
 *
 * @example
 * schemaErrors(createMeetingArgs.pick({ title: true }), { title: '' }, 'meeting') // { title: 'meeting.validation.title_required' }
 */
export function schemaErrors(
  schema: z.ZodType,
  values: unknown,
  domain: ValidationDomain,
  names: Partial<Record<string, string>> = {},
): FieldErrors {
  const parsed = schema.safeParse(values)
  if (parsed.success) return {}
  const errors: FieldErrors = {}
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'value')
    errors[field] ??= validationKey(domain, issue.message, names[field])
  }
  return errors
}

/** The key of the first issue of a single value (one field's schema), or null when it is valid. */
export function schemaError(schema: z.ZodType, value: unknown, domain: ValidationDomain, name?: string): string | null {
  return schemaErrors(schema, value, domain, name === undefined ? {} : { value: name }).value ?? null
}
