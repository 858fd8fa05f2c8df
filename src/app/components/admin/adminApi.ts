import { failure } from '@app/api/client'
import type { ApiResult } from '@app/api/client'

/** Refusal codes of the admin routes that have their own words (`admin.refused.*`). */
const worded = new Set(['forbidden', 'not_found', 'out_of_scope', 'code_taken', 'member_inactive', 'self', 'offline'])

/**
 * A call to the admin routes with the device token. Administration needs a connection: nothing
 * here is queued offline (the rows it changes are the server's, pulled by phones afterwards).
 */
export async function adminCall<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  path: string,
  token: string,
  body?: unknown,
): Promise<ApiResult<T>> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  } catch {
    return { ok: false, status: 0, code: 'offline' }
  }
  if (!response.ok) return failure(response)
  return { ok: true, data: (await response.json().catch(() => null)) as T }
}

/** The i18n key of a refused admin call, in words. */
export function refusalKey(result: { status: number; code: string }): string {
  if (worded.has(result.code)) return `admin.refused.${result.code}`
  if (result.code === 'invalid_body' || result.status === 400) return 'admin.refused.invalid'
  return 'admin.refused.server'
}
