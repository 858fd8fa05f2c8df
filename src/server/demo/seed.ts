import type { Transaction } from 'kysely'
import type { TableName, Tables } from '@shared/records'
import type { AppContext } from '../context'
import type { Database } from '../db/schema'
import { demoRows } from './rows'
import type { DemoRows } from './rows'

/**
 * Write the demo township on an empty database (no township yet), in one transaction.
 * Returns the rows as written (with their versions), or null when the database had data.
 */
export async function seedDemo(ctx: AppContext): Promise<DemoRows | null> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('townships').select('id').limit(1).executeTakeFirst()
    if (existing) return null
    const rows = demoRows(ctx.clock())
    const all = async <T extends TableName>(table: T, list: Tables[T][]) => writeAll(ctx, trx, table, list)
    return {
      townships: await all('townships', rows.townships),
      villages: await all('villages', rows.villages),
      members: await all('members', rows.members),
      suggestions: await all('suggestions', rows.suggestions),
      meetings: await all('meetings', rows.meetings),
      topics: await all('topics', rows.topics),
      remarks: await all('remarks', rows.remarks),
      decisions: await all('decisions', rows.decisions),
      escalations: await all('escalations', rows.escalations),
    }
  })
}

async function writeAll<T extends TableName>(
  ctx: AppContext,
  trx: Transaction<Database>,
  table: T,
  rows: Tables[T][],
): Promise<Tables[T][]> {
  const written: Tables[T][] = []
  for (const row of rows) written.push(await ctx.records.write(table, row, trx))
  return written
}
