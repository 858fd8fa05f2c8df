import type { OutboxMutation, PushResponse } from '@shared/sync/protocol'
import { runMutation } from '@shared/mutations'
import type { Rejection } from '@shared/mutations'
import type { FastifyBaseLogger } from 'fastify'
import type { Transaction } from 'kysely'
import type { AppContext } from '../context'
import { judgeWriteFailure } from '../db/failures'
import type { WriteFailure } from '../db/failures'
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

/** Record a refusal of a mutation (a NUL in its name is replaced: PostgreSQL text cannot hold it). */
async function recordRefusal(ctx: AppContext, auth: Authenticated, mutation: OutboxMutation, rejection: Rejection, trx: Transaction<Database>) {
  const storable = (text: string | undefined) => (text === undefined ? null : text.replaceAll('\u0000', '\ufffd').slice(0, 200))
  await ctx.rejections.insert(
    {
      deviceId: auth.device.id, mid: mutation.mid, name: storable(mutation.name.slice(0, 64))!, code: rejection.code,
      field: storable(rejection.field), detail: storable(rejection.detail), createdAt: ctx.clock().toISOString(),
    },
    trx,
  )
}

/** Apply one mutation inside the group's transaction, or record its refusal. */
async function applyMutation(ctx: AppContext, auth: Authenticated, mutation: OutboxMutation, trx: Transaction<Database>): Promise<void> {
  const now = ctx.clock().toISOString()
  const result = await runMutation(mutation.name, mutation.args, auth.actor, now, ctx.records.loader(trx))
  if (result.ok) {
    for (const change of result.changes) await ctx.records.writeChange(change, trx)
    return
  }
  await recordRefusal(ctx, auth, mutation, result.rejection, trx)
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

/** How a refusal for good reads: a value another row holds, or one the database cannot store. */
function refusalFor(failure: WriteFailure): Rejection {
  return failure.duplicateOf
    ? { code: 'conflict', field: failure.duplicateOf, detail: 'duplicate' }
    : { code: 'invalid_args', detail: 'not_storable' }
}

/** Refuse a mutation for good, if it is still the device's next one, and take its mid. */
function refuseForGood(ctx: AppContext, auth: Authenticated, mutation: OutboxMutation, rejection: Rejection): Promise<void> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const lastMid = await ctx.devices.lockLastMid(auth.device.id, trx)
    if (lastMid !== mutation.mid - 1) return
    await recordRefusal(ctx, auth, mutation, rejection, trx)
    await ctx.devices.setLastMid(auth.device.id, mutation.mid, trx)
  })
}

/**
 * A mutation's write failed (not for a passing reason): try it once more on its own. A mutation
 * that fails the same way twice would fail on every resend and hold up every later one, so it
 * is refused for good (`conflict` for a value another row holds, else `invalid_args`) and the
 * device goes on; the refusal reaches the person with its words. Anything else is `temporary`.
 */
async function retryAlone(
  ctx: AppContext,
  auth: Authenticated,
  mutation: OutboxMutation,
  first: WriteFailure,
  log: FastifyBaseLogger,
): Promise<'taken' | 'temporary'> {
  try {
    await commitGroup(ctx, auth, [mutation])
    return 'taken'
  } catch (error) {
    const again = judgeWriteFailure(error instanceof MutationFailed ? error.cause : error)
    if (!(error instanceof MutationFailed) || again.transient || again.signature !== first.signature) return 'temporary'
    const rejection = refusalFor(again)
    try {
      await refuseForGood(ctx, auth, mutation, rejection)
    } catch (refusing) {
      log.error({ err: refusing, deviceId: auth.device.id, mid: mutation.mid }, 'could not record the refusal')
      return 'temporary'
    }
    log.warn({ deviceId: auth.device.id, mid: mutation.mid, name: mutation.name, rejection }, 'mutation failed twice the same way; refused')
    return 'taken'
  }
}

/**
 * Commit a group. After a database failure keep what came before the failing mutation (taken
 * again in a new transaction) and judge the failure: one that may pass later (a lost
 * connection, a busy lock) stops the push, to be sent again; otherwise the mutation is tried
 * alone (see `retryAlone`) and the rest of the group follows. A failed COMMIT rolls the whole
 * group back: the device sends it again and the server skips what it already has.
 */
async function pushGroup(
  ctx: AppContext,
  auth: Authenticated,
  group: readonly OutboxMutation[],
  log: FastifyBaseLogger,
): Promise<PushResponse['stopped']> {
  let rest = group
  while (rest.length > 0) {
    try {
      return (await commitGroup(ctx, auth, rest)) === 'gap' ? 'gap' : null
    } catch (error) {
      const failed = error instanceof MutationFailed ? error : null
      const mutation = failed ? rest[failed.index] : undefined
      log.error(
        { err: failed ? failed.cause : error, deviceId: auth.device.id, mid: mutation?.mid, name: mutation?.name },
        'push failed; rolled back',
      )
      if (!failed || !mutation) return 'temporary'
      if (failed.index > 0) {
        try {
          await commitGroup(ctx, auth, rest.slice(0, failed.index))
        } catch (again) {
          log.error({ err: again, deviceId: auth.device.id }, 'push failed again; nothing kept')
          return 'temporary'
        }
      }
      const failure = judgeWriteFailure(failed.cause)
      if (failure.transient || (await retryAlone(ctx, auth, mutation, failure, log)) === 'temporary') return 'temporary'
      rest = rest.slice(failed.index + 1)
    }
  }
  return null
}

/**
 * Apply a device's mutations in mid order (DESIGN §5), each atomic, committed in groups of
 * {@link MUTATIONS_PER_COMMIT}: `mid ≤ lastMid` is skipped (already taken), `mid > lastMid + 1`
 * stops (gap), otherwise the shared mutation runs against the database and its rows are written
 * with new versions. A refusal is recorded and still advances `lastMid`, so one bad mutation never
 * blocks the queue; a database failure keeps the mutations before it, rolls back the rest and
 * stops, to be retried, unless it failed twice the same way (see `retryAlone`).
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
