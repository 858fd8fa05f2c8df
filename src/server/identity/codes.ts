import type { Kysely } from 'kysely'
import type { AppContext } from '../context'
import type { EnrolmentCodeRow } from '../db/enrolment-codes-repository'
import type { Database } from '../db/schema'
import { hashEnrolmentCode, newEnrolmentCode } from './secrets'

const DAY_MS = 24 * 60 * 60 * 1000
/** How long an admin-issued code stays valid. */
export const CODE_TTL_MS = 7 * DAY_MS
/** Demo codes last longer: a newcomer may come back to the demo after a while. */
export const DEMO_CODE_TTL_MS = 30 * DAY_MS

export interface IssuedEnrolmentCode {
  memberId: string
  /** The code in plain text: shown once, never stored. */
  code: string
  expiresAt: string
}

/**
 * Issue a new single-use code for a member. Earlier unused codes of the same kind stop working,
 * so only the newest printed or shown code is valid.
 */
export async function issueEnrolmentCode(
  ctx: AppContext,
  memberId: string,
  options: { kind?: EnrolmentCodeRow['kind']; ttlMs?: number; trx?: Kysely<Database> } = {},
): Promise<IssuedEnrolmentCode> {
  const kind = options.kind ?? 'issued'
  const trx = options.trx ?? ctx.database.db
  const now = ctx.clock()
  const createdAt = now.toISOString()
  const expiresAt = new Date(now.getTime() + (options.ttlMs ?? CODE_TTL_MS)).toISOString()
  await ctx.codes.expireUnused(memberId, kind, createdAt, trx)
  for (;;) {
    const code = newEnrolmentCode()
    const codeHash = hashEnrolmentCode(ctx.codeKey, code)
    // 10^8 codes: a clash with a stored hash is rare but possible; draw again rather than fail.
    if (await ctx.codes.find(codeHash, trx)) continue
    await ctx.codes.insert({ codeHash, memberId, kind, createdAt, expiresAt, usedAt: null }, trx)
    return { memberId, code, expiresAt }
  }
}
