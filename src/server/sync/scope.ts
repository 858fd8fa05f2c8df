import type { Suggestion, TableName } from '@shared/records'
import { LRUCache } from 'lru-cache'
import type { Read } from '../db/reads'
import type { MemberActor } from '../identity/session'

/** Which rows of a table a device receives: those whose `column` is one of `values`. */
export interface TableFilter {
  column: string
  values: readonly string[]
}

/** What a device may pull, derived from its token's actor (never from the request). */
export interface PullScope {
  /** Changes when the actor's role, township or village changes: the device must reset. */
  key: string
  /** Equal for devices that receive the same pages: the key, and a collector's own member id. */
  pageKey: string
  tables: Record<TableName, TableFilter>
  /** Hide personal data the actor may not read (DESIGN §4). */
  redact(suggestion: Suggestion): Suggestion
}

type OwnTables = Pick<Record<TableName, TableFilter>, 'townships' | 'villages' | 'members' | 'escalations'>

/** Filters for every table: the village-owned ones all by the same village filter. */
function filters(own: OwnTables, byVillage: TableFilter): Record<TableName, TableFilter> {
  return {
    ...own,
    suggestions: byVillage, meetings: byVillage, topics: byVillage, remarks: byVillage, decisions: byVillage,
    attachments: byVillage,
  }
}

/** Identifies what an actor may pull: role, township and village. */
export function scopeKeyOf(actor: MemberActor): string {
  return `${actor.role}:${actor.townshipId}:${actor.villageId ?? ''}`
}

/**
 * A cadre or collector pulls their own village; township staff and admins pull every village of
 * their township. A submitter's phone goes to the village's cadres, to a collector for what they
 * entered, and to township staff for suggestions escalated to their township.
 */
export async function pullScope(actor: MemberActor, read: Read): Promise<PullScope> {
  if (actor.role === 'cadre' || actor.role === 'collector') {
    // It depends on the actor alone: made once, not on every pull.
    const cacheKey = `${scopeKeyOf(actor)}:${actor.memberId}`
    let scope = villageScopes.get(cacheKey)
    if (!scope) villageScopes.set(cacheKey, (scope = villageScope(actor)))
    return scope
  }
  return townshipScope(actor, read)
}

const villageScopes = new LRUCache<string, PullScope>({ max: 10_000 })

function villageScope(actor: MemberActor & { role: 'cadre' | 'collector' }): PullScope {
  const key = scopeKeyOf(actor)
  const own = { column: 'villageId', values: [actor.villageId] }
  return {
    key,
    pageKey: actor.role === 'cadre' ? key : `${key}:${actor.memberId}`,
    tables: filters(
      {
        townships: { column: 'id', values: [actor.townshipId] },
        villages: { column: 'id', values: [actor.villageId] },
        members: own,
        escalations: own,
      },
      own,
    ),
    redact: (s) =>
      actor.role === 'cadre' || s.enteredBy === actor.memberId ? s : { ...s, submitterPhone: null },
  }
}

async function townshipScope(actor: MemberActor, read: Read): Promise<PullScope> {
  const key = scopeKeyOf(actor)
  const villageIds = (
    await read<{ id: string }>({ sql: 'select "id" from "villages" where "townshipId" = ?', parameters: [actor.townshipId] })
  ).map((v) => v.id)
  const escalated = new Set<string>()
  if (actor.role === 'township') {
    const rows = await read<{ suggestionIds: string }>({
      sql: 'select "suggestionIds" from "escalations" where "townshipId" = ?',
      parameters: [actor.townshipId],
    })
    for (const row of rows) for (const id of JSON.parse(row.suggestionIds) as string[]) escalated.add(id)
  }
  const township = { column: 'townshipId', values: [actor.townshipId] }
  const villages = { column: 'villageId', values: villageIds }
  return {
    key,
    pageKey: key,
    tables: filters(
      { townships: { column: 'id', values: [actor.townshipId] }, villages: township, members: township, escalations: township },
      villages,
    ),
    redact: (s) => (escalated.has(s.id) ? s : { ...s, submitterPhone: null }),
  }
}
