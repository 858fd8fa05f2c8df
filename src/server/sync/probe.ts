import type { TableName } from '@shared/records'
import { tableNames } from '@shared/records'
import { sql } from 'kysely'
import type { Kysely, RawBuilder } from 'kysely'
import type { Database } from '../db/schema'
import type { TableFilter } from './scope'

/** What one query tells a pull before it reads any row. */
export interface PullProbe {
  /** The newest version handed out so far. */
  head: number
  /** The device's last mid taken, or null if the device is gone. */
  lastMid: number | null
  /** Tables with a row in scope newer than the cursor, in `tableNames` order. */
  tables: TableName[]
}

function newerRowExists(table: TableName, filter: TableFilter, cursor: number): RawBuilder<unknown> {
  const values = sql.join(filter.values.map((value) => sql`${value}`))
  return sql`exists (select 1 from ${sql.table(table)} where ${sql.ref(filter.column)} in (${values}) and ${sql.ref('version')} > ${cursor}) as ${sql.ref(table)}`
}

/**
 * In one statement: the version counter, the device's `lastMid`, and which tables hold a row in
 * scope with `version > cursor` (an index probe each). A device that is up to date then reads no
 * table at all; a catch-up page reads one or two of the ten. Written as raw SQL because building
 * ten subqueries with Kysely's query builder cost more than running them.
 */
export async function probePull(
  trx: Kysely<Database>,
  filters: Record<TableName, TableFilter>,
  cursor: number,
  deviceId: string,
): Promise<PullProbe> {
  const probed = tableNames.filter((table) => filters[table].values.length > 0)
  const columns = [
    sql`(select ${sql.ref('value')} from ${sql.table('counters')} where ${sql.ref('name')} = 'version') as ${sql.ref('head')}`,
    sql`(select ${sql.ref('lastMid')} from ${sql.table('devices')} where ${sql.ref('id')} = ${deviceId}) as ${sql.ref('lastMid')}`,
    ...probed.map((table) => newerRowExists(table, filters[table], cursor)),
  ]
  const { rows } = await sql<Record<string, unknown>>`select ${sql.join(columns)}`.execute(trx)
  const row = rows[0] ?? {}
  return {
    head: Number(row.head),
    lastMid: row.lastMid === null || row.lastMid === undefined ? null : Number(row.lastMid),
    // PostgreSQL answers `exists` as a boolean, SQLite as 0 or 1.
    tables: probed.filter((table) => Number(row[table]) === 1),
  }
}
