import type { Actor } from '../actor'
import { actorCovers } from '../actor'
import type { TableName, Tables } from '../records'
import type { Change, MutationDef, MutationResult, RowRef, RowSet } from './core'
import { reject } from './core'
import { mutations } from './registry'

/** Loads one row by table and id (Dexie on the device, Kysely on the server). */
export type RowLoader = (ref: RowRef) => Promise<Tables[TableName] | undefined>

function rowSet(rows: Map<string, Tables[TableName]>): RowSet {
  return {
    get: <T extends TableName>(table: T, id: string) => {
      const row = rows.get(`${table}:${id}`)
      return row && row.deletedAt == null ? (row as Tables[T]) : undefined
    },
    exists: (table, id) => rows.has(`${table}:${id}`),
  }
}

/** Whether every row a mutation writes lies inside the actor's scope (defence in depth). */
function changesInScope(actor: Actor, changes: Change[]): boolean {
  return changes.every(({ row }) => {
    const villageId = 'villageId' in row ? row.villageId : null
    const townshipId = 'townshipId' in row ? row.townshipId : null
    if (actor.role === 'township' || actor.role === 'admin') {
      // Township rows carry the township; village rows are checked by the mutation itself.
      return townshipId == null || townshipId === actor.townshipId
    }
    return actorCovers(actor, villageId, townshipId)
  })
}

/**
 * Run a named mutation: validate its arguments, load the rows it reads, apply it and check scope.
 * The same function runs against Dexie on the device and against the database on the server.
 *
 * @example
 * const result = await runMutation('suggestion.create', args, actor, now, (ref) => db.table(ref.table).get(ref.id))
 */
export async function runMutation(
  name: string,
  rawArgs: unknown,
  actor: Actor,
  now: string,
  load: RowLoader,
): Promise<MutationResult> {
  // Own keys only: a name like 'toString' or 'constructor' from a device must not reach Object.prototype.
  const def = Object.hasOwn(mutations, name) ? (mutations as Record<string, MutationDef<unknown>>)[name] : undefined
  if (!def) return reject('unknown_mutation', undefined, name)
  const parsed = def.args.safeParse(rawArgs)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return reject('invalid_args', issue?.path.join('.') || undefined, issue?.message)
  }
  const rows = new Map<string, Tables[TableName]>()
  for (const ref of def.reads(parsed.data)) {
    const row = await load(ref)
    if (row) rows.set(`${ref.table}:${ref.id}`, row)
  }
  const result = def.apply({ args: parsed.data, actor, rows: rowSet(rows), now })
  if (result.ok && !changesInScope(actor, result.changes)) return reject('out_of_scope')
  return result
}
