import type { TableName, Tables } from '@shared/records'
import type { PullRequest, PullResponse } from '@shared/sync/protocol'
import type { AppContext } from '../context'
import { decodeRecord } from '../db/codec'
import type { Read } from '../db/reads'
import { readSnapshot } from '../db/reads'
import { rejectionsBetween } from '../db/rejections-repository'
import type { StoredRecord } from '../db/schema'
import type { Authenticated } from '../identity/authenticate'
import { scopeCondition, probePull } from './probe'
import type { TableFilter } from './scope'
import { pullScope, scopeKeyOf } from './scope'

type PulledRow = { [T in TableName]: { table: T; row: Tables[T] } }[TableName]

/** One table's part of a pull page: rows in scope with `version > cursor`, oldest first, at most `limit`. */
async function rowsSince<T extends TableName>(read: Read, table: T, filter: TableFilter, cursor: number, limit: number): Promise<Tables[T][]> {
  const scope = scopeCondition(filter)
  const stored = await read<StoredRecord<Tables[T]>>({
    sql: `select * from "${table}" where ${scope.sql} and "version" > ? order by "version" limit ?`,
    parameters: [...scope.parameters, cursor, limit],
  })
  return stored.map((row) => decodeRecord(table, row))
}

/**
 * One page of rows in the caller's scope with `version > cursor`, oldest first, with the
 * device's `lastMid` and refusals read in the same snapshot (see `readSnapshot`), so rows and
 * lastMid agree. A cursor from another scope, or beyond this server's counter (a restored
 * database), answers `reset` with the first page from 0. Tombstones are never purged yet, so no
 * cursor is too old.
 */
export async function pullPage(
  ctx: AppContext,
  auth: Authenticated,
  request: Required<Pick<PullRequest, 'cursor' | 'limit'>> & { pendingFrom: number | null },
): Promise<PullResponse> {
  const deviceId = auth.device.id
  const key = scopeKeyOf(auth.actor)
  // Authentication has just read the device row: write only when its scope really changed.
  const scopeChanged = auth.device.scopeKey === key ? false : await rememberScope(ctx, deviceId, key)
  return readSnapshot(ctx.database, async (read) => {
    const scope = await pullScope(auth.actor, read)
    let from = request.cursor
    let probe = await probePull(read, scope.tables, from, deviceId)
    const reset = from > 0 && (scopeChanged || from > probe.head)
    if (reset) {
      from = 0
      probe = await probePull(read, scope.tables, from, deviceId)
    }
    const { lastMid } = probe
    if (lastMid === null) throw new Error(`device ${deviceId} vanished during pull`)

    // Each table's first limit+1 rows hold the page's rows of that table; merge them by version.
    const candidates: PulledRow[] = []
    for (const table of probe.tables) {
      const rows = await rowsSince(read, table, scope.tables[table], from, request.limit + 1)
      for (const row of rows) candidates.push({ table, row } as PulledRow)
    }
    candidates.sort((a, b) => a.row.version - b.row.version)
    const page = candidates.slice(0, request.limit).map((entry) =>
      entry.table === 'suggestions' ? { table: entry.table, row: scope.redact(entry.row) } : entry,
    )
    return {
      rows: page,
      cursor: page.at(-1)?.row.version ?? from,
      hasMore: candidates.length > request.limit,
      lastMid,
      rejections: request.pendingFrom === null ? [] : await rejectionsBetween(read, deviceId, request.pendingFrom, lastMid),
      reset,
    }
  })
}

/**
 * Store the device's scope; true when it replaces another one (not the first pull's). The row is
 * read again in the write transaction: another server process may have stored it meanwhile.
 */
async function rememberScope(ctx: AppContext, deviceId: string, key: string): Promise<boolean> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const device = await ctx.devices.findById(deviceId, trx)
    if (!device || device.scopeKey === key) return false
    await ctx.devices.setScopeKey(device.id, key, trx)
    return device.scopeKey !== null
  })
}
