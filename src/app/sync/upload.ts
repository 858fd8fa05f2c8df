import type { Actor } from '@shared/actor'
import type { OutboxEntry, YehuaDb } from '@app/db/schema'
import { removeUnsent, writeTables } from '@app/db/local'
import type { SyncTransport } from './transport'
import { rebase } from './apply'
import { refusalSubject } from './refusal'

/** A blob the server will never take (too large, not an image or audio, bytes not matching the hash). */
export interface RefusedBlob {
  sha256: string
  status: number
  /** The server's code, e.g. `payload_too_large`. */
  code: string
}

/**
 * How uploading the blobs of a push batch went: `ready` (every blob it names is on the server),
 * `refused` (the mutations naming these must leave the outbox), or `failed` (temporary: offline,
 * server error, token revoked; the round ends and retries).
 */
export type UploadOutcome =
  | { kind: 'ready'; uploaded: number }
  | { kind: 'refused'; refused: RefusedBlob[] }
  | { kind: 'failed'; status: number; code: string }

/** The hash of the blob a mutation names (`attachment.add`), if any. */
export function blobNamed(entry: Pick<OutboxEntry, 'args'>): string | null {
  const sha256 = (entry.args as { sha256?: unknown } | null)?.sha256
  return typeof sha256 === 'string' ? sha256 : null
}

/** 4xx answers that will never change by retrying (not 401 revoked, 408 timeout, 429 slow down). */
function isRefusal(status: number): boolean {
  return status >= 400 && status < 500 && ![401, 408, 429].includes(status)
}

/**
 * Upload every blob the batch names that has not reached the server yet, before the batch is
 * pushed (the server's copy of an attachment must never point at missing bytes). Uploaded blobs
 * are marked so a later round skips them.
 */
export async function uploadBlobsFor(
  db: YehuaDb,
  transport: SyncTransport,
  batch: readonly OutboxEntry[],
  token: string,
): Promise<UploadOutcome> {
  const hashes = [...new Set(batch.map(blobNamed).filter((h): h is string => h !== null))]
  const held = hashes.length > 0 ? await db.blobs.bulkGet(hashes) : []
  const refused: RefusedBlob[] = []
  let uploaded = 0
  for (const blob of held) {
    // Not on this phone (another device's blob named again): the server already has it or refuses.
    if (!blob || blob.state === 'uploaded') continue
    if (!transport.putBlob) return { kind: 'failed', status: 0, code: 'no_blob_transport' }
    const result = await transport.putBlob(blob, token)
    if (result.ok) {
      await db.blobs.update(blob.sha256, { state: 'uploaded' })
      uploaded += 1
    } else if (isRefusal(result.status)) {
      refused.push({ sha256: blob.sha256, status: result.status, code: result.code })
    } else {
      return { kind: 'failed', status: result.status, code: result.code }
    }
  }
  return refused.length > 0 ? { kind: 'refused', refused } : { kind: 'ready', uploaded }
}

/** Which attachment field a blob refusal is about, for the words shown with it. */
function fieldOf(code: string): string {
  if (code === 'payload_too_large') return 'size'
  if (code === 'unsupported_media_type') return 'mime'
  return 'sha256'
}

/**
 * Take the mutations naming refused blobs out of the outbox (they were never sent), keep each as
 * a refused change for the person with what was not saved, and put server truth back under what
 * they changed, in one transaction.
 */
export async function dropRefused(
  db: YehuaDb,
  refused: readonly RefusedBlob[],
  identity: { deviceId: string; actor: Actor },
  at: string,
): Promise<void> {
  const bySha = new Map(refused.map((r) => [r.sha256, r]))
  await db.transaction('rw', [...writeTables, 'rejections', 'blobs'], async () => {
    const entries = (await db.outbox.orderBy('mid').toArray()).filter((e) => bySha.has(blobNamed(e) ?? ''))
    for (const entry of entries) {
      const blob = bySha.get(blobNamed(entry)!)!
      const id = (entry.args as { id?: unknown }).id
      const subject = await refusalSubject(db, entry.name, entry.args)
      await db.rejections.put({
        // Not `${deviceId}:${mid}`: the mids after this one move down and the server may refuse those.
        key: `${identity.deviceId}:blob:${String(id ?? entry.mid)}`,
        mid: entry.mid,
        name: entry.name,
        args: entry.args,
        code: 'invalid_args',
        field: fieldOf(blob.code),
        detail: blob.code,
        at,
        ...(subject ? { subject } : {}),
      })
    }
    await removeUnsent(db, entries.map((e) => e.mid))
    await db.blobs.bulkUpdate(refused.map((r) => ({ key: r.sha256, changes: { state: 'refused' as const } })))
    await rebase(db, identity.actor)
  })
}
