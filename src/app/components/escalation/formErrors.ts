import type { z } from 'zod'
import zh from '@app/locales/zh-CN/escalation'

type ValidationCode = keyof typeof zh.validation

function isValidationCode(code: string): code is ValidationCode {
  return Object.hasOwn(zh.validation, code)
}

/** The i18n key of a coded schema message (`title_too_short`), or the generic one. */
export function validationKey(code: string): string {
  return `escalation.validation.${isValidationCode(code) ? code : 'invalid'}`
}

/**
 * Check form values with the schema the mutation uses; per field (the issue's first path
 * segment, or `value` for a bare schema), the i18n key of its first message. Empty when valid.
 *
 * @example
 * formErrors(z.object({ title: text('title', 2, 200) }), { title: '' }) // { title: 'escalation.validation.title_required' }
 */
export function formErrors(schema: z.ZodType, values: unknown): Record<string, string> {
  const parsed = schema.safeParse(values)
  if (parsed.success) return {}
  const errors: Record<string, string> = {}
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'value')
    errors[field] ??= validationKey(issue.message)
  }
  return errors
}
