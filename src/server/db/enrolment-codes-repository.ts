import type { Kysely } from 'kysely'
import type { Database, EnrolmentCodeTable } from './schema'

export type EnrolmentCodeRow = EnrolmentCodeTable

/** Enrolment codes, stored by hash only. */
export function createEnrolmentCodeRepository(db: Kysely<Database>) {
  return {
    async insert(row: EnrolmentCodeRow, trx: Kysely<Database> = db): Promise<void> {
      await trx.insertInto('enrolment_codes').values(row).execute()
    },

    async find(codeHash: string, trx: Kysely<Database> = db): Promise<EnrolmentCodeRow | undefined> {
      return trx.selectFrom('enrolment_codes').selectAll().where('codeHash', '=', codeHash).executeTakeFirst()
    },

    /** Mark a code used if it is unused and unexpired; false when someone else was first or it lapsed. */
    async claim(codeHash: string, now: string, trx: Kysely<Database> = db): Promise<boolean> {
      const result = await trx
        .updateTable('enrolment_codes')
        .set({ usedAt: now })
        .where('codeHash', '=', codeHash)
        .where('usedAt', 'is', null)
        .where('expiresAt', '>', now)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    /** Make a member's unused codes of a kind unusable (a newer code replaces them). */
    async expireUnused(memberId: string, kind: EnrolmentCodeRow['kind'], now: string, trx: Kysely<Database> = db) {
      await trx
        .updateTable('enrolment_codes')
        .set({ expiresAt: now })
        .where('memberId', '=', memberId)
        .where('kind', '=', kind)
        .where('usedAt', 'is', null)
        .where('expiresAt', '>', now)
        .execute()
    },

    /** Members that ever had a code of this kind. */
    async memberIdsWithKind(kind: EnrolmentCodeRow['kind'], trx: Kysely<Database> = db): Promise<string[]> {
      const rows = await trx.selectFrom('enrolment_codes').select('memberId').distinct().where('kind', '=', kind).execute()
      return rows.map((r) => r.memberId)
    },

    /** Whether any code of this member was used (a device enrolled with it). */
    async anyUsed(memberId: string, trx: Kysely<Database> = db): Promise<boolean> {
      const row = await trx
        .selectFrom('enrolment_codes')
        .select('codeHash')
        .where('memberId', '=', memberId)
        .where('usedAt', 'is not', null)
        .executeTakeFirst()
      return row !== undefined
    },
  }
}
