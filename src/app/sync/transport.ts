import type { PullRequest, PullResponse, PushRequest, PushResponse } from '@shared/sync/protocol'
import { failure, postJson, type ApiResult } from '@app/api/client'

/** How the sync engine reaches the server; tests pass one bound to a server on loopback. */
export interface SyncTransport {
  push(request: PushRequest, token: string): Promise<ApiResult<PushResponse>>
  pull(request: PullRequest, token: string): Promise<ApiResult<PullResponse>>
  /**
   * Upload a photo or voice note by its hash (`PUT /api/blobs/:sha256`, idempotent). Transports
   * that never carry attachments (benchmarks) may leave it out.
   */
  putBlob?(blob: { sha256: string; bytes: ArrayBuffer; mime: string }, token: string): Promise<ApiResult<{ sha256: string }>>
}

/** A blob's bytes as the server sent them. */
export interface FetchedBlob {
  bytes: ArrayBuffer
  mime: string
}

/** `PUT /api/blobs/:sha256` with the raw bytes; network failures come back as status 0 `offline`. */
export async function putBlob(
  baseUrl: string,
  blob: { sha256: string; bytes: ArrayBuffer; mime: string },
  token: string,
): Promise<ApiResult<{ sha256: string }>> {
  let response: Response
  try {
    response = await fetch(`${baseUrl}/api/blobs/${blob.sha256}`, {
      method: 'PUT',
      headers: { 'content-type': blob.mime, authorization: `Bearer ${token}` },
      body: blob.bytes,
    })
  } catch {
    return { ok: false, status: 0, code: 'offline' }
  }
  if (!response.ok) return failure(response)
  return { ok: true, data: { sha256: blob.sha256 } }
}

/** `GET /api/blobs/:sha256` with the device token (an <img> cannot send it, so we fetch). */
export async function getBlob(sha256: string, token: string, baseUrl = ''): Promise<ApiResult<FetchedBlob>> {
  let response: Response
  try {
    response = await fetch(`${baseUrl}/api/blobs/${sha256}`, { headers: { authorization: `Bearer ${token}` } })
  } catch {
    return { ok: false, status: 0, code: 'offline' }
  }
  if (!response.ok) return failure(response)
  const mime = response.headers.get('content-type') ?? 'application/octet-stream'
  return { ok: true, data: { bytes: await response.arrayBuffer(), mime } }
}

/** `?v=<app version>`: the server shows the administrator which version each phone runs. */
const versionQuery = typeof __APP_VERSION__ === 'string' ? `?v=${encodeURIComponent(__APP_VERSION__)}` : ''

/** The HTTP transport: `POST /api/sync/push` and `/api/sync/pull` on `baseUrl` (same origin by default). */
export function httpTransport(baseUrl = ''): SyncTransport {
  return {
    push: (request, token) => postJson<PushResponse>(`${baseUrl}/api/sync/push${versionQuery}`, request, token),
    pull: (request, token) => postJson<PullResponse>(`${baseUrl}/api/sync/pull${versionQuery}`, request, token),
    putBlob: (blob, token) => putBlob(baseUrl, blob, token),
  }
}
