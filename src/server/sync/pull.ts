import type { TableName, Tables } from '@shared/records'
import { recordSchemas, tableNames } from '@shared/records'
import type { z } from 'zod'
import type { PullRequest, PullResponse } from '@shared/sync/protocol'
import type { AppContext } from '../context'
import { decodeRecord } from '../db/codec'
import type { Read } from '../db/reads'
import { committedReads, readSnapshot } from '../db/reads'
import { rejectionsBetween } from '../db/rejections-repository'
import type { StoredRecord } from '../db/schema'
import type { Authenticated } from '../identity/authenticate'
import { RESTORE_GAP } from './restored'
import { scopeCondition, probePull } from './probe'
import type { PullProbe } from './probe'
import type { CachedPage } from './pageCache'
import { pageCacheKey } from './pageCache'
import type { PullScope, TableFilter } from './scope'
import { pullScope, scopeKeyOf } from './scope'

type PulledRow = { [T in TableName]: { table: T; row: Tables[T] } }[TableName]

/**
 * The most bytes of row text a pull page carries before its last row (which may take it over,
 * so that even a larger row is handed out, as the last of its page). Rows are small (a suggestion is well under
 * 1 KB, the longest texts a mutation takes a few tens of KB), so pages of ordinary rows are
 * bounded by their row count; the byte bound keeps a page answerable and its memory small
 * whatever rows an older server stored.
 */
export const PAGE_BYTES = 2 * 1024 * 1024
/** Bytes counted per row for its keys, numbers and punctuation, besides its text. */
const ROW_OVERHEAD_BYTES = 400

/** Whether a record field is stored as text (strings, and lists and objects as JSON), not a number. */
function storedAsText(schema: z.core.$ZodType): boolean {
  const def = schema._zod.def
  if (def.type === 'nullable' || def.type === 'optional' || def.type === 'default') {
    return storedAsText((def as unknown as { innerType: z.core.$ZodType }).innerType)
  }
  return !['number', 'int', 'boolean', 'bigint'].includes(def.type)
}

/**
 * The bytes of a row's text columns, as SQL. `octet_length` reads a value's size from its header
 * on both engines (SQLite and PostgreSQL's TOAST) without loading the value itself.
 */
const rowBytesSql = Object.fromEntries(
  tableNames.map((table) => {
    const columns = Object.entries(recordSchemas[table].shape).filter(([, schema]) => storedAsText(schema)).map(([name]) => name)
    return [table, `${ROW_OVERHEAD_BYTES} + ${columns.map((c) => `coalesce(octet_length("${c}"), 0)`).join(' + ')}`]
  }),
) as Record<TableName, string>

/**
 * One table's part of a pull page: rows in scope with `version > cursor`, oldest first, at most
 * `limit`, and only those whose rows before them hold fewer than `PAGE_BYTES` (the first always).
 * Sizes are summed over versions and sizes only; the rows' text is read for the rows returned.
 * `more` says whether the table had rows after these among its first `limit`.
 */
async function rowsSince<T extends TableName>(
  read: Read, table: T, filter: TableFilter, cursor: number, limit: number,
): Promise<{ rows: { table: T; row: Tables[T]; bytes: number }[]; more: boolean }> {
  const scope = scopeCondition(filter)
  const sizes = await read<{ version: number | string; bytes: number | string; candidates: number | string }>({
    sql:
      `select "version", "bytes", "candidates" from (select "version", "bytes", ` +
      `sum("bytes") over (order by "version" rows unbounded preceding) - "bytes" as "bytesBefore", count(*) over () as "candidates" from (` +
      `select "version", ${rowBytesSql[table]} as "bytes" from "${table}" where ${scope.sql} and "version" > ? order by "version" limit ?` +
      `) w) s where "bytesBefore" < ? order by "version"`,
    parameters: [...scope.parameters, cursor, limit, PAGE_BYTES],
  })
  const last = sizes.at(-1)
  if (!last) return { rows: [], more: false }
  const stored = await read<StoredRecord<Tables[T]>>({
    sql: `select * from "${table}" where ${scope.sql} and "version" > ? and "version" <= ? order by "version"`,
    parameters: [...scope.parameters, cursor, Number(last.version)],
  })
  const rows = stored.map((row, i) => ({ table, row: decodeRecord(table, row), bytes: Number(sizes[i]?.bytes ?? 0) }))
  return { rows, more: Number(last.candidates) > rows.length }
}

/** The device or its member changed after the request was authenticated: authenticate again. */
export class StaleAuthError extends Error {
  constructor() {
    super('the device or its member changed since authentication')
  }
}

/** A pull's answer before it is written out (see `pullBody`). */
export interface PullAnswer {
  page: CachedPage
  lastMid: number
  rejections: PullResponse['rejections']
  reset: boolean
}

/**
 * The answer as the JSON text of a `PullResponse`, keys in its order. The rows' text is made once
 * per page and reused: most pulls hand out a cached page, and serialising its rows was a tenth of
 * a pull's server time.
 */
export function pullBody({ page, lastMid, rejections, reset }: PullAnswer): string {
  return (
    `{"rows":${page.rowsJson},"cursor":${page.cursor},"hasMore":${page.hasMore},` +
    `"lastMid":${lastMid},"rejections":${JSON.stringify(rejections)},"reset":${reset}}`
  )
}

/**
 * Read one page from the tables the probe found rows in (see `pullPage`): the first `limit` rows
 * in scope after `from`, fewer when the rows before the next one hold `PAGE_BYTES` already.
 */
async function readPage(read: Read, scope: PullScope, probe: PullProbe, from: number, limit: number): Promise<CachedPage> {
  // Each table's first limit+1 rows (within the byte bound) hold the page's rows of that table;
  // merge them by version. A table cut short by the byte bound cuts the page before its next row:
  // that row's bytes before it, counted over all tables, are at least those of its own table.
  const candidates: (PulledRow & { bytes: number })[] = []
  let cut = false
  for (const table of probe.tables) {
    const { rows, more } = await rowsSince(read, table, scope.tables[table], from, limit + 1)
    cut ||= more
    // Each entry pairs a table with its own row type; TypeScript loses the pairing across the union.
    candidates.push(...(rows as (PulledRow & { bytes: number })[]))
  }
  candidates.sort((a, b) => a.row.version - b.row.version)
  const taken: PulledRow[] = []
  let bytes = 0
  for (const { bytes: size, ...entry } of candidates) {
    if (taken.length === limit || (taken.length > 0 && bytes >= PAGE_BYTES)) break
    taken.push(entry.table === 'suggestions' ? { table: entry.table, row: scope.redact(entry.row) } : (entry as PulledRow))
    bytes += size
  }
  return {
    rowsJson: JSON.stringify(taken),
    count: taken.length,
    cursor: taken.at(-1)?.row.version ?? from,
    hasMore: candidates.length > taken.length || cut,
    head: probe.head,
  }
}

/**
 * A cursor beyond the counter (a restored database), below the tombstone horizon, or among the
 * versions a restore skipped (it holds rows the restored server no longer has).
 */
function cursorExpired(cursor: number, probe: PullProbe): boolean {
  const skipped = probe.restoredHead !== null && cursor > probe.restoredHead && cursor <= probe.restoredHead + RESTORE_GAP
  return cursor > 0 && (cursor > probe.head || cursor < probe.horizon || skipped)
}

/** The device's lastMid, once the probe shows the device and member as authenticated. */
function checkedLastMid(probe: PullProbe, auth: Authenticated): number {
  if (probe.lastMid === null || probe.revokedAt !== null || probe.memberVersion !== auth.member.version) {
    throw new StaleAuthError()
  }
  return probe.lastMid
}

/**
 * The most common pull, in one statement and no transaction: a cadre's or collector's phone
 * asking again from a cursor whose page is cached, with nothing to re-report. A single statement
 * is its own snapshot, so it needs no read transaction; null when the page must be read.
 * (A township scope is read from the database first, so it always takes the snapshot.)
 */
async function unchangedPage(ctx: AppContext, auth: Authenticated, request: { cursor: number; limit: number }): Promise<PullAnswer | null> {
  if (auth.actor.role !== 'cadre' && auth.actor.role !== 'collector') return null
  const read = committedReads(ctx.database)
  const scope = await pullScope(auth.actor, read)
  const page = ctx.pages.get(pageCacheKey(scope, request.cursor, request.limit))
  if (!page) return null
  const probe = await probePull(read, scope.tables, page.head, { deviceId: auth.device.id, memberId: auth.member.id }, { anyMember: true })
  const lastMid = checkedLastMid(probe, auth)
  if (probe.tables.length > 0 || cursorExpired(request.cursor, probe)) return null
  return { page, lastMid, rejections: [], reset: false }
}

/**
 * One page of rows in the caller's scope with `version > cursor`, oldest first, with the
 * device's `lastMid` and refusals read in the same snapshot (see `readSnapshot`), so rows and
 * lastMid agree. A cursor from another scope, or beyond this server's counter (a restored
 * database) or below the tombstone horizon (it may have missed a purged deletion, see
 * `tombstones.ts`), answers `reset` with the first page from 0. A page read earlier for the same scope, cursor and limit is answered again
 * when nothing in the scope changed since (see `pageCache.ts`). Throws `StaleAuthError` when
 * the device was revoked or its member changed after `auth` was read.
 */
export async function pullPage(
  ctx: AppContext,
  auth: Authenticated,
  request: Required<Pick<PullRequest, 'cursor' | 'limit'>> & { pendingFrom: number | null },
): Promise<PullAnswer> {
  const deviceId = auth.device.id
  const who = { deviceId, memberId: auth.member.id }
  const key = scopeKeyOf(auth.actor)
  // Authentication has just read the device row: write only when its scope really changed.
  const scopeChanged = auth.device.scopeKey === key ? false : await rememberScope(ctx, auth, key)
  if (!scopeChanged && request.pendingFrom === null) {
    const answer = await unchangedPage(ctx, auth, request)
    if (answer) return answer
  }
  return readSnapshot(ctx.database, async (read) => {
    const scope = await pullScope(auth.actor, read)
    const cacheKey = (from: number) => pageCacheKey(scope, from, request.limit)
    // A cached page is checked by probing above the head it was read at, else above the cursor.
    const probeFor = (from: number, page: CachedPage | undefined) =>
      probePull(read, scope.tables, page?.head ?? from, who, { anyMember: page !== undefined })
    let from = request.cursor
    let page = ctx.pages.get(cacheKey(from))
    let probe = await probeFor(from, page)
    const lastMid = checkedLastMid(probe, auth)
    const reset = from > 0 && (scopeChanged || cursorExpired(from, probe))
    if (reset) {
      from = 0
      page = ctx.pages.get(cacheKey(from))
      probe = await probeFor(from, page)
    }
    if (!page || probe.tables.length > 0) {
      if (page) probe = await probePull(read, scope.tables, from, who)
      page = await readPage(read, scope, probe, from, request.limit)
      // On PostgreSQL pulls overlap: never replace a page with one read from an older snapshot.
      const newest = ctx.pages.get(cacheKey(from))
      if (!newest || newest.head <= page.head) ctx.pages.set(cacheKey(from), page)
    }
    const rejections = request.pendingFrom === null ? [] : await rejectionsBetween(read, deviceId, request.pendingFrom, lastMid)
    return { page, lastMid, rejections, reset }
  })
}

/**
 * Store the device's scope; true when it replaces another one (not the first pull's). The row is
 * read again in the write transaction: another server process may have stored it meanwhile.
 */
async function rememberScope(ctx: AppContext, auth: Authenticated, key: string): Promise<boolean> {
  const changed = await ctx.database.db.transaction().execute(async (trx) => {
    const device = await ctx.devices.findById(auth.device.id, trx)
    if (!device || device.scopeKey === key) return false
    await ctx.devices.setScopeKey(device.id, key, trx)
    return device.scopeKey !== null
  })
  // The device row may be a cached one (see `authenticateToken`): keep it in step.
  auth.device.scopeKey = key
  return changed
}
