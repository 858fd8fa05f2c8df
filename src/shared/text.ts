import { z } from 'zod'

/** No NUL character: PostgreSQL text cannot hold one, and no one types it. */
// eslint-disable-next-line no-control-regex -- matching the control character NUL is the point
const NO_NUL = /^[^\u0000]*$/

/**
 * A string of at most `max` characters without NUL, trimmed. Every free text a phone or a
 * browser sends goes through this, so that what is stored fits a pull page and both databases.
 * `tooLong` is the message of the length issue (e.g. `name_too_long`).
 */
export function boundedText(max: number, tooLong = 'too_long') {
  return z.string().trim().max(max, tooLong).regex(NO_NUL, 'invalid_char')
}
