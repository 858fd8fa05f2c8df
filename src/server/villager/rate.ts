import { runMutation } from '@shared/mutations'
import type { Rejection } from '@shared/mutations'
import type { Village } from '@shared/records'
import type { VillagerRating } from '@shared/villager/api'
import { isSameRating, villagerMayRate } from '@shared/villager/rating'
import type { AppContext } from '../context'
import type { VillagerReceiptRepository } from './receipts'
import { secretMatches } from './receipts'
import { villagerActor } from './submit'

export type RateResult =
  | { ok: true; repeated: boolean }
  /** No item of this village with that id and secret (the same answer for either). */
  | { ok: false; code: 'not_found' }
  | { ok: false; code: 'refused'; rejection: Rejection }

/**
 * Rate the villager's own item with `suggestion.rate`, as the village's villager: the receipt's
 * secret (kept on the submitting phone) must match, in constant time. The same rating sent again
 * after a lost answer is answered as done; a different one on an item no longer asking for a
 * rating is refused by the shared state machine.
 */
export async function rateSuggestion(
  ctx: AppContext,
  receipts: VillagerReceiptRepository,
  village: Village,
  suggestionId: string,
  rating: VillagerRating,
): Promise<RateResult> {
  const now = ctx.clock().toISOString()
  return ctx.database.db.transaction().execute(async (trx): Promise<RateResult> => {
    const row = await ctx.records.get('suggestions', suggestionId, trx)
    const held = row ? await receipts.ofSuggestion(row.id, trx) : []
    const own = held.some((r) => r.villageId === village.id && secretMatches(r.secretHash, rating.secret))
    if (!row || row.deletedAt !== null || row.villageId !== village.id || !own) return { ok: false, code: 'not_found' }
    if (!villagerMayRate(row.status) && isSameRating(row.rating, rating)) return { ok: true, repeated: true }
    const args = {
      id: row.id, stars: rating.stars, outcome: rating.outcome, receiptCode: row.receiptCode,
      ...(rating.note.trim() ? { note: rating.note.trim() } : {}),
    }
    const result = await runMutation('suggestion.rate', args, villagerActor(village), now, ctx.records.loader(trx))
    if (!result.ok) return { ok: false, code: 'refused', rejection: result.rejection }
    for (const change of result.changes) await ctx.records.writeChange(change, trx)
    return { ok: true, repeated: false }
  })
}
