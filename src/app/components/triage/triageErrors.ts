import type { z } from 'zod'
import zh from '@app/locales/zh-CN/triage'

/**
 * The i18n key of the first coded message of a value the mutation's schema refuses
 * (`triage.validation.reason_required`), or null when it is valid.
 */
export function triageError(schema: z.ZodType, value: unknown): string | null {
  const parsed = schema.safeParse(value)
  if (parsed.success) return null
  const code = parsed.error.issues[0]?.message ?? 'invalid'
  return `triage.validation.${Object.hasOwn(zh.validation, code) ? code : 'invalid'}`
}
