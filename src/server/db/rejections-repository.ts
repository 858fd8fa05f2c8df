import type { SyncRejection } from '@shared/sync/protocol'
import type { RejectionCode } from '@shared/mutations'
import type { Kysely } from 'kysely'
import type { Read } from './reads'
import type { Database, RejectionTable } from './schema'

/** Mutations the server refused, kept per device so a lost push response can be answered again. */
export function createRejectionRepository(db: Kysely<Database>) {
  return {
    async insert(row: RejectionTable, trx: Kysely<Database> = db): Promise<void> {
      await trx.insertInto('rejections').values(row).execute()
    },
  }
}

/** A device's refusals with `from ≤ mid ≤ to`, in mid order, in the wire shape. */
export async function rejectionsBetween(read: Read, deviceId: string, from: number, to: number): Promise<SyncRejection[]> {
  if (to < from) return []
  const rows = await read<RejectionTable>({
    sql: 'select * from "rejections" where "deviceId" = ? and "mid" >= ? and "mid" <= ? order by "mid"',
    parameters: [deviceId, from, to],
  })
  return rows.map((r) => ({
    mid: Number(r.mid),
    name: r.name,
    // Only codes from `rejectionCodes` are ever stored (see sync/push.ts).
    code: r.code as RejectionCode,
    ...(r.field !== null ? { field: r.field } : {}),
    ...(r.detail !== null ? { detail: r.detail } : {}),
  }))
}
