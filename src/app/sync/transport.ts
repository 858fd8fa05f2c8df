import type { PullRequest, PullResponse, PushRequest, PushResponse } from '@shared/sync/protocol'
import { postJson, type ApiResult } from '@app/api/client'

/** How the sync engine reaches the server; tests pass one bound to a server on loopback. */
export interface SyncTransport {
  push(request: PushRequest, token: string): Promise<ApiResult<PushResponse>>
  pull(request: PullRequest, token: string): Promise<ApiResult<PullResponse>>
}

/** The HTTP transport: `POST /api/sync/push` and `/api/sync/pull` on `baseUrl` (same origin by default). */
export function httpTransport(baseUrl = ''): SyncTransport {
  return {
    push: (request, token) => postJson<PushResponse>(`${baseUrl}/api/sync/push`, request, token),
    pull: (request, token) => postJson<PullResponse>(`${baseUrl}/api/sync/pull`, request, token),
  }
}
