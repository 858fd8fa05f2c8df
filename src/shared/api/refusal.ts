// The one place a browser reads an error body from a response of our API (the app's calls, its
// sync transport and the village page). The schema is loaded only when a request is refused, so
// no first screen carries it.

import type { Refusal } from './error'

export type { Refusal } from './error'

/**
 * The coded refusal of a response that is not ok: its body checked against the shared `apiError`
 * schema, or `http_<status>` when the body is not one (a proxy's HTML page, an empty body).
 *
 * @example
 * if (!response.ok) return { ok: false, status: response.status, ...(await refusalOf(response)) }
 */
export async function refusalOf(response: Response): Promise<Refusal> {
  const body: unknown = await response.json().catch(() => null)
  try {
    const { refusalIn } = await import('./error')
    return refusalIn(body, response.status)
  } catch {
    // The schema's chunk could not load (a new version replaced it): the status still says enough.
    return { code: `http_${response.status}` }
  }
}
