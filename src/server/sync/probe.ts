import type { TableName } from '@shared/records'
import { tableNames } from '@shared/records'
import type { Read, ReadQuery } from '../db/reads'
import type { TableFilter } from './scope'
import { RESTORED_HEAD_COUNTER } from './restored'
import { HORIZON_COUNTER } from './tombstones'

/** What one query tells a pull before it reads any row. */
export interface PullProbe {
  /** The newest version handed out so far. */
  head: number
  /** The highest version of a purged tombstone (0 if none was): an older cursor must reset. */
  horizon: number
  /** The version a restored database stopped at (`admin/backup.ts`), or null if it never was restored. */
  restoredHead: number | null
  /** The device's last mid taken, or null if the device is gone. */
  lastMid: number | null
  /** When the device was revoked, or null. */
  revokedAt: string | null
  /** The version of the device's member row, or null if it is gone. */
  memberVersion: number | null
  /** Tables with a row in scope newer than the cursor, in `tableNames` order. */
  tables: TableName[]
}

/**
 * `"column" = ?` or `"column" in (?, ?, …)` and its parameters. One value is written as `=`:
 * SQLite builds a temporary index for any `IN` list, which cost a cadre's pull more than its
 * index search (18 µs against 3 µs for one village).
 */
export function scopeCondition(filter: TableFilter): ReadQuery {
  const { column, values } = filter
  const sql = values.length === 1 ? `"${column}" = ?` : `"${column}" in (${values.map(() => '?').join(', ')})`
  return { sql, parameters: values }
}

const nullableNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value))

/**
 * In one statement: the version counter, the device's `lastMid` and revocation, its member's
 * version (so an authentication reused from the cache is checked in this very snapshot), and
 * which tables hold a row in scope with `version > cursor` (an index probe each). A device that
 * is up to date then reads no table at all; a catch-up page reads one or two of the ten.
 * With `anyMember`, a member row changed anywhere counts: a member is the one row that can move
 * to another village, and then nothing newer is left in the old village's scope to show it.
 */
export async function probePull(
  read: Read,
  filters: Record<TableName, TableFilter>,
  cursor: number,
  who: { deviceId: string; memberId: string },
  { anyMember = false }: { anyMember?: boolean } = {},
): Promise<PullProbe> {
  const probed = tableNames.filter((table) => filters[table].values.length > 0)
  const columns = [
    `(select "value" from "counters" where "name" = 'version') as "head"`,
    `(select "value" from "counters" where "name" = '${HORIZON_COUNTER}') as "horizon"`,
    `(select "value" from "counters" where "name" = '${RESTORED_HEAD_COUNTER}') as "restoredHead"`,
    `(select "lastMid" from "devices" where "id" = ?) as "lastMid"`,
    `(select "revokedAt" from "devices" where "id" = ?) as "revokedAt"`,
    `(select "version" from "members" where "id" = ?) as "memberVersion"`,
  ]
  const parameters: unknown[] = [who.deviceId, who.deviceId, who.memberId]
  for (const table of probed) {
    if (anyMember && table === 'members') {
      columns.push(`exists (select 1 from "members" where "version" > ?) as "members"`)
      parameters.push(cursor)
      continue
    }
    const scope = scopeCondition(filters[table])
    columns.push(`exists (select 1 from "${table}" where ${scope.sql} and "version" > ?) as "${table}"`)
    parameters.push(...scope.parameters, cursor)
  }
  const [row = {}] = await read({ sql: `select ${columns.join(', ')}`, parameters })
  return {
    head: Number(row.head),
    horizon: nullableNumber(row.horizon) ?? 0,
    restoredHead: nullableNumber(row.restoredHead),
    lastMid: nullableNumber(row.lastMid),
    revokedAt: typeof row.revokedAt === 'string' ? row.revokedAt : null,
    memberVersion: nullableNumber(row.memberVersion),
    // PostgreSQL answers `exists` as a boolean, SQLite as 0 or 1.
    tables: probed.filter((table) => Number(row[table]) === 1),
  }
}
