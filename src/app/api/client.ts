import { refusalOf } from '@shared/api/refusal'

/** The outcome of a call to our server: the parsed body, or a coded failure. */
export type ApiResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; code: string; message?: string }

/**
 * POST JSON to the server. Network failures (offline, DNS, reset) come back as status 0 and code
 * `offline` instead of throwing, so callers can say "not sent, will retry" in words.
 */
export async function postJson<T>(path: string, body: unknown, token?: string): Promise<ApiResult<T>> {
  let response: Response
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    })
  } catch {
    return { ok: false, status: 0, code: 'offline' }
  }
  if (!response.ok) return failure(response)
  return { ok: true, data: (await response.json().catch(() => null)) as T }
}

/** A response that is not ok as a coded failure (its body read with the shared `apiError` schema). */
export async function failure(response: Response): Promise<ApiResult<never>> {
  const { code, message } = await refusalOf(response)
  return { ok: false, status: response.status, code, ...(message === undefined ? {} : { message }) }
}
