import { createHash } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Actor } from '@shared/actor'
import { newId, newReceiptCode } from '@shared/ids'
import { runMutation } from '@shared/mutations'
import type { Rejection } from '@shared/mutations'
import type { Village } from '@shared/records'
import type { SubmitAnswer, VillagerSubmission } from '@shared/villager/api'
import { SAME_SUBMISSION_WINDOW_MS } from '@shared/villager/submission'
import type { AppContext } from '../context'
import { createBlobRepository } from '../db/blobs-repository'
import type { Database } from '../db/schema'
import { sha256 } from '../identity/secrets'
import type { VillagerReceiptRepository } from './receipts'
import { receiptCodeHash, secretMatches, textHash } from './receipts'

/** The actor every public route acts as: a villager of that one village, never more. */
export function villagerActor(village: Village): Extract<Actor, { role: 'villager' }> {
  return { role: 'villager', villageId: village.id, memberId: null, townshipId: village.townshipId }
}

/** A voice note's bytes, checked and hashed before the transaction. */
export interface CheckedVoice {
  bytes: Buffer
  sha256: string
  /** The media type without its parameters, e.g. `audio/webm`. */
  mime: string
}

export type SubmitResult =
  | { ok: true; status: 200 | 201; answer: SubmitAnswer }
  /** `id_taken`: the id is another phone's item; `receipt_taken`: the code is in use, draw another. */
  | { ok: false; code: 'id_taken' | 'receipt_taken' }
  | { ok: false; code: 'refused'; rejection: Rejection }

/**
 * On PostgreSQL, take the version counter's row lock first, so two requests for the same id (a
 * phone resending while the first is still being stored) run one after the other and the second
 * finds the first's row. SQLite transactions here `begin immediate` and run one at a time anyway.
 */
async function lockWrites(ctx: AppContext, trx: Transaction<Database>): Promise<void> {
  if (ctx.database.dialect !== 'postgres') return
  await trx.selectFrom('counters').select('value').where('name', '=', 'version').forUpdate().execute()
}

/** Run a shared mutation as the villager inside `trx` and write its rows; the refusal if refused. */
async function apply(ctx: AppContext, trx: Transaction<Database>, name: string, args: unknown, actor: Actor, now: string): Promise<Rejection | null> {
  const result = await runMutation(name, args, actor, now, ctx.records.loader(trx))
  if (!result.ok) return result.rejection
  for (const change of result.changes) await ctx.records.writeChange(change, trx)
  return null
}

/** A stand-in for the row's `receiptCode`, which cadres' phones receive: the real code is stored only hashed. */
async function unusedRowCode(trx: Transaction<Database>): Promise<string> {
  for (;;) {
    const code = newReceiptCode()
    const taken = await trx.selectFrom('suggestions').select('id').where('receiptCode', '=', code).executeTakeFirst()
    if (!taken) return code
  }
}

/**
 * Store a villager's submission exactly once, in one transaction: the same id again answers the
 * stored item (when it comes with the same secret); the same text from the same phone within
 * 10 minutes answers the earlier item, which the new receipt then follows too; otherwise
 * `suggestion.create` (and `attachment.add` for a voice note) run as the village's villager, the
 * voice note's bytes are kept by their hash and the receipt is kept as hashes.
 */
export async function submitSuggestion(
  ctx: AppContext,
  receipts: VillagerReceiptRepository,
  village: Village,
  submission: VillagerSubmission,
  voice: CheckedVoice | null,
): Promise<SubmitResult> {
  const now = ctx.clock().toISOString()
  const actor = villagerActor(village)
  const blobs = createBlobRepository(ctx.database.db)
  return ctx.database.db.transaction().execute(async (trx): Promise<SubmitResult> => {
    await lockWrites(ctx, trx)
    const existing = await ctx.records.get('suggestions', submission.id, trx)
    if (existing) {
      const own = (await receipts.ofSuggestion(existing.id, trx)).some((r) => secretMatches(r.secretHash, submission.receipt.secret))
      if (!own || existing.villageId !== village.id) return { ok: false, code: 'id_taken' }
      return { ok: true, status: 200, answer: { id: existing.id, receivedAt: existing.createdAt, sameAs: null } }
    }
    const codeHash = receiptCodeHash(village.id, submission.receipt.code)
    if (await receipts.byCode(village.id, submission.receipt.code, trx)) return { ok: false, code: 'receipt_taken' }
    const key = { villageId: village.id, deviceHash: sha256(submission.device), textHash: textHash(submission.content) }
    const receipt = { ...key, codeHash, secretHash: sha256(submission.receipt.secret), createdAt: now }

    const since = new Date(Date.parse(now) - SAME_SUBMISSION_WINDOW_MS).toISOString()
    const same = await receipts.sameText(key, since, trx)
    if (same) {
      await receipts.insert({ ...receipt, suggestionId: same.suggestionId }, trx)
      return { ok: true, status: 200, answer: { id: same.suggestionId, receivedAt: same.createdAt, sameAs: same.suggestionId } }
    }

    const rowCode = await unusedRowCode(trx)
    const attachmentId = voice ? newId() : null
    const created = await apply(ctx, trx, 'suggestion.create', {
      id: submission.id,
      villageId: village.id,
      content: submission.content,
      category: submission.category ?? 'other',
      source: 'villager',
      submitterName: submission.name.trim() || null,
      submitterPhone: submission.phone.trim() || null,
      publicName: submission.publicName,
      receiptCode: rowCode,
      attachmentIds: attachmentId ? [attachmentId] : [],
    }, actor, now)
    if (created) return { ok: false, code: 'refused', rejection: created }
    if (voice && attachmentId) {
      await blobs.insert({ sha256: voice.sha256, mime: voice.mime, size: voice.bytes.length, bytes: voice.bytes, createdAt: now }, trx)
      const attached = await apply(ctx, trx, 'attachment.add', {
        id: attachmentId, sha256: voice.sha256, kind: 'audio', mime: voice.mime, size: voice.bytes.length,
        subjectType: 'suggestion', subjectId: submission.id, receiptCode: rowCode,
      }, actor, now)
      // Refused only if the shared rules changed under us: nothing of the submission is kept then.
      if (attached) throw new RefusedInTransaction(attached)
    }
    await receipts.insert({ ...receipt, suggestionId: submission.id }, trx)
    return { ok: true, status: 201, answer: { id: submission.id, receivedAt: now, sameAs: null } }
  }).catch((error: unknown) => {
    if (error instanceof RefusedInTransaction) return { ok: false, code: 'refused', rejection: error.rejection } as const
    throw error
  })
}

/** A refusal after rows were written: thrown to roll the transaction back, answered as a refusal. */
class RefusedInTransaction extends Error {
  constructor(readonly rejection: Rejection) {
    super(`refused: ${rejection.code}`)
  }
}

/** Hash a voice note's bytes (the blob's key). */
export function voiceHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}
