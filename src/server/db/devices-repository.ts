import type { Kysely } from 'kysely'
import type { Database, DeviceTable } from './schema'

export type DeviceRow = DeviceTable

/** Enrolled devices; tokens are stored only as their hash. */
export function createDeviceRepository(db: Kysely<Database>) {
  function summaries(trx: Kysely<Database>) {
    return trx
      .selectFrom('devices')
      .innerJoin('members', 'members.id', 'devices.memberId')
      .select([
        'devices.id', 'devices.memberId', 'members.name as memberName', 'members.role', 'members.villageId',
        'devices.label', 'devices.createdAt', 'devices.lastSeenAt', 'devices.revokedAt',
      ])
      .orderBy('devices.createdAt', 'desc')
      .orderBy('devices.id', 'desc')
  }

  return {
    async insert(row: DeviceRow, trx: Kysely<Database> = db): Promise<void> {
      await trx.insertInto('devices').values(row).execute()
    },

    async findByTokenHash(tokenHash: string, trx: Kysely<Database> = db): Promise<DeviceRow | undefined> {
      return trx.selectFrom('devices').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst()
    },

    async findById(id: string, trx: Kysely<Database> = db): Promise<DeviceRow | undefined> {
      return trx.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst()
    },

    async touch(id: string, now: string, trx: Kysely<Database> = db): Promise<void> {
      await trx.updateTable('devices').set({ lastSeenAt: now }).where('id', '=', id).execute()
    },

    /** Revoke a device; a second revoke keeps the first time. */
    async revoke(id: string, now: string, trx: Kysely<Database> = db): Promise<void> {
      await trx.updateTable('devices').set({ revokedAt: now }).where('id', '=', id).where('revokedAt', 'is', null).execute()
    },

    /** Devices of the members of a township, newest first, with who holds them. */
    async listForTownship(townshipId: string, trx: Kysely<Database> = db) {
      return summaries(trx).where('members.townshipId', '=', townshipId).execute()
    },

    /** One device with who holds it. */
    async summaryOf(id: string, trx: Kysely<Database> = db) {
      return summaries(trx).where('devices.id', '=', id).executeTakeFirst()
    },

    /**
     * Take mutation `mid` from a device: moves `lastMid` from `mid - 1` to `mid` and reports
     * whether it did. The row stays locked until commit, so two pushes from one device cannot
     * both take the same mid.
     */
    async claimMid(id: string, mid: number, trx: Kysely<Database> = db): Promise<boolean> {
      const result = await trx
        .updateTable('devices')
        .set({ lastMid: mid })
        .where('id', '=', id)
        .where('lastMid', '=', mid - 1)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async lastMid(id: string, trx: Kysely<Database> = db): Promise<number> {
      const row = await trx.selectFrom('devices').select('lastMid').where('id', '=', id).executeTakeFirstOrThrow()
      return Number(row.lastMid)
    },

    async setScopeKey(id: string, scopeKey: string, trx: Kysely<Database> = db): Promise<void> {
      await trx.updateTable('devices').set({ scopeKey }).where('id', '=', id).execute()
    },

    async countForMember(memberId: string, trx: Kysely<Database> = db): Promise<number> {
      const row = await trx
        .selectFrom('devices')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('memberId', '=', memberId)
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },
  }
}
