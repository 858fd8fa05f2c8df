import type { EnrolResponse } from '@shared/api/identity'
import { newId } from '@shared/ids'
import type { AppContext } from '../context'
import { describeSession } from './session'
import { hashEnrolmentCode, legacyEnrolmentCodeHash, newDeviceToken, sha256 } from './secrets'

export type EnrolFailure = 'code_unknown' | 'code_used' | 'code_expired'

/**
 * Trade a single-use enrolment code for a new device and its token, in one transaction:
 * two phones racing with the same code get one device between them.
 */
export async function enrolDevice(
  ctx: AppContext,
  input: { code: string; label: string },
): Promise<{ ok: true; session: EnrolResponse } | { ok: false; code: EnrolFailure }> {
  const now = ctx.clock().toISOString()
  return ctx.database.db.transaction().execute(async (trx) => {
    let codeHash = hashEnrolmentCode(ctx.codeKey, input.code)
    let row = await ctx.codes.find(codeHash, trx)
    if (!row) {
      // A code issued before codes were keyed, stored as its plain SHA-256, works until it lapses.
      codeHash = legacyEnrolmentCodeHash(input.code)
      row = await ctx.codes.find(codeHash, trx)
    }
    if (!row) return { ok: false, code: 'code_unknown' } as const
    if (!(await ctx.codes.claim(codeHash, now, trx))) {
      return { ok: false, code: row.usedAt !== null ? 'code_used' : 'code_expired' } as const
    }
    const member = await ctx.records.get('members', row.memberId, trx)
    if (!member || member.deletedAt !== null) return { ok: false, code: 'code_unknown' } as const
    const token = newDeviceToken()
    const deviceId = newId()
    await ctx.devices.insert(
      { id: deviceId, memberId: member.id, tokenHash: sha256(token), label: input.label, createdAt: now, lastSeenAt: now, revokedAt: null, lastMid: 0, scopeKey: null, appVersion: null },
      trx,
    )
    const session = await describeSession(ctx, deviceId, member, trx)
    // A member whose village or township is gone cannot act; roll back so the code stays unused.
    if (!session) throw new Error(`member ${member.id} has no valid village or township`)
    return { ok: true, session: { ...session, token } } as const
  })
}
