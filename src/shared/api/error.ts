// Every API error body, `{ error: { code, message, field? } }`: what the server sends with a
// refusal (src/server/http/errors.ts) and what the app and the village page read from one.
// zod/mini, not zod: the village page and the app's first screen load this when a request is
// refused, and the full library is ~20 times its size.
import * as z from 'zod/mini'

export const apiError = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.optional(z.string()) }),
})
export type ApiError = z.infer<typeof apiError>

/** A refusal as the server coded it, or `http_<status>` when the body is not an API error. */
export interface Refusal {
  code: string
  message?: string
  field?: string
}

/** The coded refusal in an error body (already parsed JSON, or null when there was none). */
export function refusalIn(body: unknown, status: number): Refusal {
  const parsed = apiError.safeParse(body)
  return parsed.success ? parsed.data.error : { code: `http_${status}` }
}
