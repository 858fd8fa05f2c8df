/** Who performs a mutation. Derived from the device token on the server, never from a request body. */
export type Actor =
  | { role: 'villager'; villageId: string; memberId: null; townshipId: string | null }
  | { role: 'cadre' | 'collector'; memberId: string; villageId: string; townshipId: string }
  | { role: 'township' | 'admin'; memberId: string; villageId: null; townshipId: string }

/** Whether a role works at the township's desk (its staff and its administrator), not in a village. */
export function isDeskRole(role: Actor['role'] | null | undefined): role is 'township' | 'admin' {
  return role === 'township' || role === 'admin'
}

/** Whether the actor may touch a row that belongs to this village (and township). */
export function actorCovers(actor: Actor, villageId: string | null, townshipId?: string | null): boolean {
  if (actor.role === 'township' || actor.role === 'admin') {
    return townshipId != null && townshipId === actor.townshipId
  }
  return villageId != null && villageId === actor.villageId
}
