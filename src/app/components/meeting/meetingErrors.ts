import type { z } from 'zod'
import zh from '@app/locales/zh-CN/meeting'

/**
 * The i18n key of the first coded message of a value the mutation's schema refuses
 * (`meeting.validation.title_required`), or null when it is valid.
 */
export function meetingError(schema: z.ZodType, value: unknown): string | null {
  const parsed = schema.safeParse(value)
  if (parsed.success) return null
  const code = parsed.error.issues[0]?.message ?? 'invalid'
  return `meeting.validation.${Object.hasOwn(zh.validation, code) ? code : 'invalid'}`
}

/** The i18n key of what is wrong with a topic's title (the topic schemas' rule), or null. */
export function topicTitleError(schema: z.ZodType, value: string): string | null {
  const key = meetingError(schema, value)
  return key === null ? null : key.replace('.title_', '.topic_')
}
