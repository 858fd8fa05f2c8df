import type { z } from 'zod'
import type { Actor } from '../actor'
import type { TableName, Tables } from '../records'

/** Why a mutation was refused. Permanent: the same mutation will be refused again. */
export const rejectionCodes = [
  'invalid_args', 'unknown_mutation', 'forbidden', 'out_of_scope', 'not_found', 'illegal_transition',
  'conflict',
] as const
export type RejectionCode = (typeof rejectionCodes)[number]

export interface Rejection {
  code: RejectionCode
  /** The argument or field the rejection is about, when there is one. */
  field?: string
  /** Machine-readable detail, e.g. the current status for an illegal transition. */
  detail?: string
}

/** A row the mutation writes in full (insert or update; a delete sets `deletedAt`). */
export type Change = { [T in TableName]: { table: T; row: Tables[T] } }[TableName]

export type MutationResult = { ok: true; changes: Change[] } | { ok: false; rejection: Rejection }

export interface RowRef {
  table: TableName
  id: string
}

/** The rows a mutation asked for, by table and id. Missing rows are absent. */
export interface RowSet {
  /** A live row; deleted rows (tombstones) are absent. */
  get<T extends TableName>(table: T, id: string): Tables[T] | undefined
  /** Whether the id was ever used, deleted rows included: an insert must not revive a tombstone. */
  exists(table: TableName, id: string): boolean
}

export interface MutationInput<A> {
  args: A
  actor: Actor
  rows: RowSet
  /** The time of the write: the server's clock on the server, the recorded client time locally. */
  now: string
}

/** A named mutation: an argument schema, the rows it reads, and a pure function to row changes. */
export interface MutationDef<A = unknown> {
  name: string
  args: z.ZodType<A>
  reads(args: A): RowRef[]
  apply(input: MutationInput<A>): MutationResult
}

/** Define a mutation with its argument type inferred from the schema. */
export function defineMutation<S extends z.ZodType>(def: {
  name: string
  args: S
  reads?: (args: z.infer<S>) => RowRef[]
  apply: (input: MutationInput<z.infer<S>>) => MutationResult
}): MutationDef<z.infer<S>> {
  // S is a ZodType whose output is z.infer<S>; TypeScript cannot see that through the generic.
  return { reads: () => [], ...def } as MutationDef<z.infer<S>>
}

export function reject(code: RejectionCode, field?: string, detail?: string): MutationResult {
  return { ok: false, rejection: { code, ...(field ? { field } : {}), ...(detail ? { detail } : {}) } }
}

export function accept(...changes: Change[]): MutationResult {
  return { ok: true, changes }
}

/** Base fields of a row created at `now`; the server replaces version and times with its own. */
export function created(id: string, now: string) {
  return { id, version: 0, createdAt: now, updatedAt: now, deletedAt: null }
}

/** A copy of a row with changed fields and a new `updatedAt`. */
export function updated<R extends { updatedAt: string }>(row: R, patch: Partial<R>, now: string): R {
  return { ...row, ...patch, updatedAt: now }
}
