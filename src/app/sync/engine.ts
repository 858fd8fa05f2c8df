import { MAX_PULL_LIMIT, MAX_PUSH_MUTATIONS, SCHEMA_VERSION } from '@shared/sync/protocol'
import type { Actor } from '@shared/actor'
import type { YehuaDb } from '@app/db/schema'
import type { SyncTransport } from './transport'
import { CURSOR_KEY, applyPullPage, dropAcknowledged, rebase, recordRejections } from './apply'
import { renumberOutbox, writeTables } from '@app/db/local'
import { dropRefused, uploadBlobsFor } from './upload'

/** Who is syncing: the enrolled device's id, token and actor. */
export interface SyncIdentity {
  deviceId: string
  token: string
  actor: Actor
}

/**
 * How a sync round ended. `offline` and `retry` are temporary (back off and try again);
 * `unauthorized` (token revoked or unknown) and `update_required` (app too old) need the person.
 */
export type SyncOutcome =
  | { kind: 'done'; pushed: number; pulled: number }
  | { kind: 'offline' | 'retry' | 'unauthorized' | 'update_required'; status: number }

export interface SyncProgress {
  phase: 'push' | 'pull'
  /** Rows received so far in this round. */
  pulled: number
  /** Mutations the server has taken so far in this round. */
  pushed: number
}

export interface SyncOptions {
  db: YehuaDb
  transport: SyncTransport
  identity: SyncIdentity
  /** Rows per pull page; default the protocol's largest (fewer, fuller pages fill a new phone faster). */
  pullLimit?: number
  clock?: () => Date
  onProgress?: (progress: SyncProgress) => void
}

function failure(status: number, code: string): SyncOutcome {
  if (code === 'offline' || status === 0) return { kind: 'offline', status }
  if (status === 401) return { kind: 'unauthorized', status }
  if (status === 426) return { kind: 'update_required', status }
  return { kind: 'retry', status }
}

/**
 * One sync round: push the whole outbox in order (in batches, each after uploading the blobs it
 * names; a blob the server refuses takes its mutations out as refused changes), then pull every
 * page after our cursor. A push the server stops or fails still ends in a pull (the round then
 * ends `retry`): a phone that cannot send keeps receiving. Safe to interrupt anywhere: the server
 * skips mids it has already taken, and each pull page is applied in one transaction.
 */
export async function syncOnce(options: SyncOptions): Promise<SyncOutcome> {
  const { db, transport, identity, pullLimit = MAX_PULL_LIMIT } = options
  const clock = options.clock ?? (() => new Date())
  const progress: SyncProgress = { phase: 'push', pulled: 0, pushed: 0 }

  /** Why pushing stopped before the outbox was empty, if it did. */
  let pushStopped: SyncOutcome | null = null
  let gaps = 0
  // Halved after a 413: 200 mutations with long texts can outgrow the server's body limit.
  let batchSize = MAX_PUSH_MUTATIONS
  for (;;) {
    const batch = await db.outbox.orderBy('mid').limit(batchSize).toArray()
    if (batch.length === 0) break
    // Photos and voice notes go up before the mutations that name them (DESIGN §5).
    const upload = await uploadBlobsFor(db, transport, batch, identity.token)
    if (upload.kind === 'failed') {
      pushStopped = failure(upload.status, upload.code)
      break
    }
    if (upload.kind === 'refused') {
      await dropRefused(db, upload.refused, identity, clock().toISOString())
      continue
    }
    const response = await transport.push(
      { deviceId: identity.deviceId, schemaVersion: SCHEMA_VERSION, mutations: batch },
      identity.token,
    )
    if (!response.ok && response.status === 413 && batch.length > 1) {
      batchSize = Math.ceil(batch.length / 2)
      continue
    }
    if (!response.ok) {
      pushStopped = failure(response.status, response.code)
      break
    }
    const { lastMid, rejections, stopped } = response.data
    const taken = batch.filter((m) => m.mid <= lastMid).length
    await db.transaction('rw', [...writeTables, 'rejections'], async () => {
      await recordRejections(db, identity.deviceId, rejections, clock().toISOString())
      await dropAcknowledged(db, lastMid)
      // Refused mutations leave the outbox: put server truth back under what they changed.
      if (rejections.length > 0) await rebase(db, identity.actor)
    })
    progress.pushed += taken
    options.onProgress?.({ ...progress })
    // The server has fewer mids from us than we thought (a new device id after enrolling again,
    // or a server restored from backup): number what is pending to follow on from its count.
    if (stopped === 'gap' && gaps++ === 0) await renumberOutbox(db, lastMid + 1)
    else if (stopped !== null || taken === 0) {
      pushStopped = { kind: 'retry', status: 200 }
      break
    }
  }
  // Offline, revoked or too old: a pull would meet the same answer.
  if (pushStopped && pushStopped.kind !== 'retry') return pushStopped

  progress.phase = 'pull'
  const pendingFrom = (await db.outbox.orderBy('mid').first())?.mid ?? null
  const ask = (cursor: number) =>
    transport.pull(
      { deviceId: identity.deviceId, schemaVersion: SCHEMA_VERSION, cursor, limit: pullLimit, pendingFrom },
      identity.token,
    )
  let next = ask(((await db.meta.get(CURSOR_KEY))?.value as number | undefined) ?? 0)
  for (;;) {
    const response = await next
    if (!response.ok) return failure(response.status, response.code)
    // A page's cursor is known before it is written: fetch the next page while this one is applied.
    const following = response.data.hasMore ? ask(response.data.cursor) : null
    try {
      await applyPullPage(db, response.data, identity, clock().toISOString())
    } catch (error) {
      void following?.catch(() => undefined)
      throw error
    }
    progress.pulled += response.data.rows.length
    options.onProgress?.({ ...progress })
    if (!following) break
    next = following
  }
  return pushStopped ?? { kind: 'done', pushed: progress.pushed, pulled: progress.pulled }
}
