import type { Member } from '@shared/records'
import type { AppContext } from '../context'
import type { DeviceRow } from '../db/devices-repository'
import { actorOf } from './session'
import type { MemberActor } from './session'
import { sha256 } from './secrets'

/** Who sent an authenticated request. */
export interface Authenticated {
  device: DeviceRow
  member: Member
  actor: MemberActor
}

export type AuthFailure = 'unauthenticated' | 'device_revoked'

// Writing lastSeenAt on every request would turn each read into a write; once a minute is plenty.
const TOUCH_EVERY_MS = 60_000

/** Resolve a `Bearer` token to its device, member and actor. */
export async function authenticateToken(
  ctx: AppContext,
  token: string,
): Promise<{ ok: true; auth: Authenticated } | { ok: false; code: AuthFailure }> {
  const device = await ctx.devices.findByTokenHash(sha256(token))
  if (!device) return { ok: false, code: 'unauthenticated' }
  if (device.revokedAt !== null) return { ok: false, code: 'device_revoked' }
  const member = await ctx.records.get('members', device.memberId)
  const actor = member && member.deletedAt === null ? actorOf(member) : null
  if (!member || !actor) return { ok: false, code: 'device_revoked' }
  const now = ctx.clock()
  if (!device.lastSeenAt || now.getTime() - Date.parse(device.lastSeenAt) > TOUCH_EVERY_MS) {
    await ctx.devices.touch(device.id, now.toISOString())
  }
  return { ok: true, auth: { device, member, actor } }
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i.exec(header ?? '')
  return match?.[1] ?? null
}
