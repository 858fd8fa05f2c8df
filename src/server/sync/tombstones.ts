import { tableNames } from '@shared/records'
import type { AppContext } from '../context'

/** The `counters` row holding the highest version of any purged tombstone. */
export const HORIZON_COUNTER = 'tombstoneHorizon'

/** How long a deleted row is still handed out as a tombstone, unless TOMBSTONE_DAYS says otherwise. */
export const DEFAULT_TOMBSTONE_DAYS = 180

export interface PurgeResult {
  /** Tombstones removed by this run. */
  purged: number
  /** The tombstone horizon after it: a pull cursor below it must start again from 0. */
  horizon: number
}

/**
 * Remove rows deleted before `cutoff` (an ISO instant) from every synced table, in one write
 * transaction, and raise the tombstone horizon to the highest version removed. A phone whose
 * cursor is below the horizon may have missed one of those deletions, so its next pull answers
 * `reset` (DESIGN §5) and it pulls its scope again from 0, keeping its unsent changes.
 */
export async function purgeTombstones(ctx: AppContext, cutoff: string): Promise<PurgeResult> {
  const result = await ctx.database.db.transaction().execute(async (trx) => {
    let purged = 0
    let highest = 0
    for (const table of tableNames) {
      const gone = await trx
        .deleteFrom(table)
        .where('deletedAt', 'is not', null)
        .where('deletedAt', '<', cutoff)
        .returning('version')
        .execute()
      purged += gone.length
      for (const row of gone) highest = Math.max(highest, Number(row.version))
    }
    const stored = await trx.selectFrom('counters').select('value').where('name', '=', HORIZON_COUNTER).executeTakeFirst()
    const horizon = Math.max(Number(stored?.value ?? 0), highest)
    if (!stored) await trx.insertInto('counters').values({ name: HORIZON_COUNTER, value: horizon }).execute()
    else if (horizon !== Number(stored.value)) {
      await trx.updateTable('counters').set({ value: horizon }).where('name', '=', HORIZON_COUNTER).execute()
    }
    return { purged, horizon }
  })
  // Cached pages may hold the removed tombstones; this process drops them (others' caches only
  // hand out a tombstone for a row their phones no longer have, which deleting again ignores).
  if (result.purged > 0) ctx.pages.clear()
  return result
}

/** Purge tombstones older than `days` now and then once a day; the timer does not keep the process up. */
export function schedulePurge(ctx: AppContext, days: number, log: (message: string, error?: unknown) => void): () => void {
  const run = () => {
    const cutoff = new Date(ctx.clock().getTime() - days * 86_400_000).toISOString()
    purgeTombstones(ctx, cutoff).then(
      ({ purged, horizon }) => purged > 0 && log(`purged ${purged} tombstones deleted before ${cutoff}; horizon ${horizon}`),
      (error: unknown) => log('tombstone purge failed', error),
    )
  }
  run()
  const timer = setInterval(run, 86_400_000)
  timer.unref()
  return () => clearInterval(timer)
}
