import type { OutboxMutation, PushResponse } from '@shared/sync/protocol'
import { runMutation } from '@shared/mutations'
import type { FastifyBaseLogger } from 'fastify'
import type { AppContext } from '../context'
import type { Authenticated } from '../identity/authenticate'

type Outcome = 'taken' | 'duplicate' | 'gap'

/**
 * Apply a device's mutations in mid order, each in its own transaction (DESIGN §5):
 * `mid ≤ lastMid` is skipped (already taken), `mid > lastMid + 1` stops (gap), otherwise the
 * shared mutation runs against the database and its rows are written with new versions. A
 * refusal is recorded and still advances `lastMid`, so one bad mutation never blocks the queue;
 * a database failure rolls back and stops, to be retried.
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
  for (const mutation of ordered) {
    let outcome: Outcome
    try {
      outcome = await ctx.database.db.transaction().execute(async (trx): Promise<Outcome> => {
        if (!(await ctx.devices.claimMid(deviceId, mutation.mid, trx))) {
          return mutation.mid <= (await ctx.devices.lastMid(deviceId, trx)) ? 'duplicate' : 'gap'
        }
        const now = ctx.clock().toISOString()
        const result = await runMutation(mutation.name, mutation.args, auth.actor, now, ctx.records.loader(trx))
        if (result.ok) {
          for (const change of result.changes) await ctx.records.writeChange(change, trx)
        } else {
          const { code, field, detail } = result.rejection
          await ctx.rejections.insert(
            { deviceId, mid: mutation.mid, name: mutation.name.slice(0, 64), code, field: field ?? null, detail: detail ?? null, createdAt: now },
            trx,
          )
        }
        return 'taken'
      })
    } catch (error) {
      log.error({ err: error, deviceId, mid: mutation.mid, name: mutation.name }, 'push failed; rolled back')
      stopped = 'temporary'
      break
    }
    if (outcome === 'gap') {
      stopped = 'gap'
      break
    }
  }
  const lastMid = await ctx.devices.lastMid(deviceId)
  const firstMid = ordered[0]?.mid ?? lastMid + 1
  return { lastMid, rejections: await ctx.rejections.between(deviceId, firstMid, lastMid), stopped }
}
