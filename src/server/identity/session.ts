import type { Actor } from '@shared/actor'
import type { SessionResponse } from '@shared/api/identity'
import type { Member } from '@shared/records'
import type { Kysely } from 'kysely'
import type { AppContext } from '../context'
import type { Database } from '../db/schema'

/** A member acting through an enrolled device. */
export type MemberActor = Exclude<Actor, { role: 'villager' }>

/** The actor a member acts as; null when a village member has no village (bad data). */
export function actorOf(member: Member): MemberActor | null {
  if (member.role === 'cadre' || member.role === 'collector') {
    return member.villageId
      ? { role: member.role, memberId: member.id, villageId: member.villageId, townshipId: member.townshipId }
      : null
  }
  return { role: member.role, memberId: member.id, villageId: null, townshipId: member.townshipId }
}

/** The session a device sees: its actor, member, village and township. Null if the data is gone. */
export async function describeSession(
  ctx: AppContext,
  deviceId: string,
  member: Member,
  trx: Kysely<Database> = ctx.database.db,
): Promise<SessionResponse | null> {
  const actor = actorOf(member)
  const township = await ctx.records.get('townships', member.townshipId, trx)
  if (!actor || !township) return null
  const village = actor.villageId ? await ctx.records.get('villages', actor.villageId, trx) : undefined
  if (actor.villageId && !village) return null
  return {
    deviceId,
    actor,
    member: { id: member.id, name: member.name, role: member.role },
    village: village ?? null,
    township,
  }
}
