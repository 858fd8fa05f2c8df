import type { OutboxMutation, PushResponse } from '@shared/sync/protocol'
import { runMutation } from '@shared/mutations'
import type { FastifyBaseLogger } from 'fastify'
import type { Transaction } from 'kysely'
import type { AppContext } from '../context'
import { committedReads } from '../db/reads'
import { rejectionsBetween } from '../db/rejections-repository'
import type { Database } from '../db/schema'
import type { Authenticated } from '../identity/authenticate'

/**
 * Mutations committed together. One commit per mutation cost PostgreSQL a flush to disk each
 * (1,000 mutations ≈ 1,000 fsyncs); a whole request's 200 in one transaction would hold the
 * version counter, and on SQLite the one connection, for that long, stalling every other
 * writer and (on SQLite) every pull. 50 bounds that stall to tens of milliseconds.
 */
export const MUTATIONS_PER_COMMIT = 50

/** A mutation of a group threw (a database error): the group's transaction rolled back. */
class MutationFailed extends Error {
  constructor(
    readonly index: number,
    cause: unknown,
  ) {
    super('mutation failed', { cause })
  }
}

/** Apply one mutation inside the group's transaction, or record its refusal. */
async function applyMutation(ctx: AppContext, auth: Authenticated, mutation: OutboxMutation, trx: Transaction<Database>): Promise<void> {
  const now = ctx.clock().toISOString()
  const result = await runMutation(mutation.name, mutation.args, auth.actor, now, ctx.records.loader(trx))
  if (result.ok) {
    for (const change of result.changes) await ctx.records.writeChange(change, trx)
    return
  }
  const { code, field, detail } = result.rejection
  const deviceId = auth.device.id
  await ctx.rejections.insert(
    { deviceId, mid: mutation.mid, name: mutation.name.slice(0, 64), code, field: field ?? null, detail: detail ?? null, createdAt: now },
    trx,
  )
}

/**
 * Take a group of mutations in one transaction: `mid ≤ lastMid` is skipped, `mid > lastMid + 1`
 * ends the group at a gap, the next mid is applied or refused. `lastMid` is read (and the device
 * row locked) once and written once per group. Throws if the group was not committed.
 */
function commitGroup(ctx: AppContext, auth: Authenticated, group: readonly OutboxMutation[]): Promise<'done' | 'gap'> {
  const deviceId = auth.device.id
  return ctx.database.db.transaction().execute(async (trx) => {
    const taken = await ctx.devices.lockLastMid(deviceId, trx)
    if (taken === undefined) throw new Error(`device ${deviceId} vanished during push`)
    let lastMid = taken
    let ended: 'done' | 'gap' = 'done'
    for (const [index, mutation] of group.entries()) {
      if (mutation.mid <= lastMid) continue
      if (mutation.mid > lastMid + 1) {
        ended = 'gap'
        break
      }
      try {
        await applyMutation(ctx, auth, mutation, trx)
      } catch (error) {
        throw new MutationFailed(index, error)
      }
      lastMid = mutation.mid
    }
    if (lastMid !== taken) await ctx.devices.setLastMid(deviceId, lastMid, trx)
    return ended
  })
}

/**
 * Commit a group; after a database failure keep what came before the failing mutation (taken
 * again in a new transaction, once) and stop. A failed COMMIT rolls the whole group back: the
 * device sends it again and the server skips what it already has.
 */
async function pushGroup(
  ctx: AppContext,
  auth: Authenticated,
  group: readonly OutboxMutation[],
  log: FastifyBaseLogger,
): Promise<PushResponse['stopped']> {
  try {
    return (await commitGroup(ctx, auth, group)) === 'gap' ? 'gap' : null
  } catch (error) {
    const failed = error instanceof MutationFailed ? error : null
    const mutation = failed ? group[failed.index] : undefined
    log.error(
      { err: failed ? failed.cause : error, deviceId: auth.device.id, mid: mutation?.mid, name: mutation?.name },
      'push failed; rolled back',
    )
    if (failed && failed.index > 0) {
      await commitGroup(ctx, auth, group.slice(0, failed.index)).catch((again: unknown) =>
        log.error({ err: again, deviceId: auth.device.id }, 'push failed again; nothing kept'),
      )
    }
    return 'temporary'
  }
}

/**
 * Apply a device's mutations in mid order (DESIGN §5), each atomic, committed in groups of
 * {@link MUTATIONS_PER_COMMIT}: `mid ≤ lastMid` is skipped (already taken), `mid > lastMid + 1`
 * stops (gap), otherwise the shared mutation runs against the database and its rows are written
 * with new versions. A refusal is recorded and still advances `lastMid`, so one bad mutation never
 * blocks the queue; a database failure keeps the mutations before it, rolls back the rest and
 * stops, to be retried.
 */
export async function pushMutations(
  ctx: AppContext,
  auth: Authenticated,
  mutations: OutboxMutation[],
  log: FastifyBaseLogger,
): Promise<PushResponse> {
  const deviceId = auth.device.id
  const ordered = [...mutations].sort((a, b) => a.mid - b.mid)
  let stopped: PushResponse['stopped'] = null
  for (let start = 0; start < ordered.length && stopped === null; start += MUTATIONS_PER_COMMIT) {
    stopped = await pushGroup(ctx, auth, ordered.slice(start, start + MUTATIONS_PER_COMMIT), log)
  }
  const lastMid = await ctx.devices.lastMid(deviceId)
  const firstMid = ordered[0]?.mid ?? lastMid + 1
  return { lastMid, rejections: await rejectionsBetween(committedReads(ctx.database), deviceId, firstMid, lastMid), stopped }
}
