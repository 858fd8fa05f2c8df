import { timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import { sameTextKey } from '@shared/villager/submission'
import type { Database, VillagerReceiptTable } from '../db/schema'
import { sha256 } from '../identity/secrets'

// A receipt is kept only as hashes (like enrolment codes and device tokens). The code is hashed
// with its village, so the same code typed on another village's page finds nothing; lookups go
// by that hash, and secrets are compared in constant time.

/** The stored hash of a receipt code in its village. */
export function receiptCodeHash(villageId: string, code: string): string {
  return sha256(`${villageId}:${code}`)
}

/** The stored hash of a text as compared for "the same text". */
export function textHash(content: string): string {
  return sha256(sameTextKey(content))
}

/** Whether `secret` hashes to `storedHash`, compared in constant time. */
export function secretMatches(storedHash: string, secret: string): boolean {
  const given = Buffer.from(sha256(secret), 'hex')
  const stored = Buffer.from(storedHash, 'hex')
  return stored.length === given.length && timingSafeEqual(stored, given)
}

/** Villagers' receipts by their hashes (`villager_receipts`). */
export function createVillagerReceiptRepository(db: Kysely<Database>) {
  return {
    async insert(row: VillagerReceiptTable, trx: Kysely<Database> = db): Promise<void> {
      await trx.insertInto('villager_receipts').values(row).execute()
    },

    /** The receipt a code opens in a village, if any. */
    async byCode(villageId: string, code: string, trx: Kysely<Database> = db): Promise<VillagerReceiptTable | undefined> {
      return trx
        .selectFrom('villager_receipts')
        .selectAll()
        .where('codeHash', '=', receiptCodeHash(villageId, code))
        .executeTakeFirst()
    },

    /** Every receipt that follows a suggestion (a second one when the same text came again). */
    async ofSuggestion(suggestionId: string, trx: Kysely<Database> = db): Promise<VillagerReceiptTable[]> {
      return trx.selectFrom('villager_receipts').selectAll().where('suggestionId', '=', suggestionId).execute()
    },

    /** The receipts of several suggestions at once, by suggestion id. */
    async ofSuggestions(suggestionIds: readonly string[], trx: Kysely<Database> = db): Promise<VillagerReceiptTable[]> {
      if (suggestionIds.length === 0) return []
      return trx.selectFrom('villager_receipts').selectAll().where('suggestionId', 'in', suggestionIds).execute()
    },

    /** The earliest receipt of the same text from the same phone in the village since `since`. */
    async sameText(
      key: Pick<VillagerReceiptTable, 'villageId' | 'deviceHash' | 'textHash'>,
      since: string,
      trx: Kysely<Database> = db,
    ): Promise<VillagerReceiptTable | undefined> {
      return trx
        .selectFrom('villager_receipts')
        .selectAll()
        .where('villageId', '=', key.villageId)
        .where('deviceHash', '=', key.deviceHash)
        .where('textHash', '=', key.textHash)
        .where('createdAt', '>=', since)
        .orderBy('createdAt')
        .executeTakeFirst()
    },
  }
}

export type VillagerReceiptRepository = ReturnType<typeof createVillagerReceiptRepository>
