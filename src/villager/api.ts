// The village page's calls to its public API (`/api/v/:code/…`), answered as one of three
// outcomes the page acts on: done, try again later (no signal, busy), or refused for good.
import { refusalOf } from '@shared/api/refusal'
import type {
  FollowAnswer, MineAnswer, RateAnswer, SubmitAnswer, VillageAnswer, VillagerRating, VillagerSubmission,
} from '@shared/villager/api'

export type ApiResult<T> =
  | { ok: true; status: number; body: T }
  /** No answer: no signal, or the server is down or busy (`retryAfter` seconds when it said). */
  | { ok: false; kind: 'later'; offline: boolean; retryAfter: number | null }
  /** The server refused for good; the same request would be refused again. */
  | { ok: false; kind: 'refused'; status: number; code: string; field: string | null }

async function call<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      cache: 'no-store',
    })
  } catch {
    return { ok: false, kind: 'later', offline: true, retryAfter: null }
  }
  if (response.ok) return { ok: true, status: response.status, body: (await response.json()) as T }
  if (response.status === 429 || response.status >= 500) {
    const retryAfter = Number(response.headers.get('retry-after'))
    return { ok: false, kind: 'later', offline: false, retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null }
  }
  const { code, field } = await refusalOf(response)
  return { ok: false, kind: 'refused', status: response.status, code, field: field ?? null }
}

const base = (village: string) => `/api/v/${encodeURIComponent(village)}`

/** The village's public API. */
export const villagerApi = {
  village: (village: string) => call<VillageAnswer>('GET', base(village)),
  submit: (village: string, submission: VillagerSubmission) => call<SubmitAnswer>('POST', `${base(village)}/suggestions`, submission),
  mine: (village: string, items: { id: string; secret: string }[]) => call<MineAnswer>('POST', `${base(village)}/mine`, { items }),
  follow: (village: string, code: string) => call<FollowAnswer>('POST', `${base(village)}/follow`, { code }),
  rate: (village: string, id: string, rating: VillagerRating) =>
    call<RateAnswer>('POST', `${base(village)}/suggestions/${encodeURIComponent(id)}/rating`, rating),
}
