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
        'devices.label', 'devices.createdAt', 'devices.lastSeenAt', 'devices.revokedAt', 'devices.appVersion',
      ])
      .orderBy('devices.createdAt', 'desc')
      .orderBy('devices.id', 'desc')
  }

  return {
    async insert(row: DeviceRow, trx: Kysely<Database> = db): Promise<void> {
      await trx.insertInto('devices').values(row).execute()
    },

    async findById(id: string, trx: Kysely<Database> = db): Promise<DeviceRow | undefined> {
      return trx.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst()
    },

    /** Remember the app version a device syncs with (only when it changed). */
    async setAppVersion(id: string, appVersion: string, trx: Kysely<Database> = db): Promise<void> {
      await trx.updateTable('devices').set({ appVersion }).where('id', '=', id).execute()
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
     * A device's `lastMid`, its row locked until the transaction ends (an update that changes
     * nothing): a second push from the same device waits here, then sees what the first took.
     * Undefined when there is no such device.
     */
    async lockLastMid(id: string, trx: Kysely<Database>): Promise<number | undefined> {
      const row = await trx
        .updateTable('devices')
        .set((eb) => ({ lastMid: eb.ref('lastMid') }))
        .where('id', '=', id)
        .returning('lastMid')
        .executeTakeFirst()
      return row ? Number(row.lastMid) : undefined
    },

    async setLastMid(id: string, lastMid: number, trx: Kysely<Database>): Promise<void> {
      await trx.updateTable('devices').set({ lastMid }).where('id', '=', id).execute()
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
