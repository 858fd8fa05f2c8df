import { z } from 'zod'
import { id, instant, tableNames } from '../records'
import { rejectionCodes } from '../mutations/core'

/**
 * Version of the sync format and mutation set this build speaks. Bump it when a mutation's
 * arguments or the wire format change incompatibly; the server answers 426 to older clients.
 */
export const SCHEMA_VERSION = 1

/** Most mutations in one push, and most rows in one pull page. */
export const MAX_PUSH_MUTATIONS = 200
export const MAX_PULL_LIMIT = 1000

export const outboxMutation = z.object({
  mid: z.number().int().positive(),
  /** Any name: one this server does not know is refused (`unknown_mutation`), not the whole push. */
  name: z.string().min(1).max(64),
  args: z.unknown(),
  clientTime: instant.max(40),
})
export type OutboxMutation = z.infer<typeof outboxMutation>

export const pushRequest = z.object({
  deviceId: id,
  schemaVersion: z.number().int().positive(),
  mutations: z.array(outboxMutation).min(1).max(MAX_PUSH_MUTATIONS),
})
export type PushRequest = z.infer<typeof pushRequest>

export const syncRejection = z.object({
  mid: z.number().int().positive(),
  name: z.string(),
  code: z.enum(rejectionCodes),
  field: z.string().optional(),
  detail: z.string().optional(),
})
export type SyncRejection = z.infer<typeof syncRejection>

export const pushResponse = z.object({
  /** The highest mid the server has taken (applied or rejected) from this device. */
  lastMid: z.number().int().nonnegative(),
  /** Refused mutations among those taken, including ones taken by an earlier, lost response. */
  rejections: z.array(syncRejection),
  /** Why the server stopped before the end of the batch, if it did. */
  stopped: z.enum(['gap', 'temporary']).nullable(),
})
export type PushResponse = z.infer<typeof pushResponse>

export const pullRequest = z.object({
  deviceId: id,
  schemaVersion: z.number().int().positive(),
  /** The version of the last row this device has; 0 for a first pull. */
  cursor: z.number().int().nonnegative(),
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT).default(500),
  /** The lowest mid still in this device's outbox; rejections from it on are reported again. */
  pendingFrom: z.number().int().positive().nullable().default(null),
})
export type PullRequest = z.input<typeof pullRequest>

export const syncedRow = z.object({
  table: z.enum(tableNames),
  row: z.record(z.string(), z.unknown()),
})

export const pullResponse = z.object({
  rows: z.array(syncedRow),
  /** Pass this as the next cursor: the version of the last row returned. */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  /** The highest mid taken from this device, read in the same transaction as the rows. */
  lastMid: z.number().int().nonnegative(),
  rejections: z.array(syncRejection),
  /** The device must drop its copy and pull from 0 (scope changed or cursor too old). */
  reset: z.boolean(),
})
export type PullResponse = z.infer<typeof pullResponse>
