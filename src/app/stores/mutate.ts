import type { MutationDef, MutationResult } from '@shared/mutations/core'
import type { MutationName, mutations } from '@shared/mutations/registry'
import { useDb } from '@app/db'
import { useSessionStore } from './session'

/** The (parsed) arguments of a named mutation, e.g. `MutationArgs<'escalation.accept'>`. */
export type MutationArgs<N extends MutationName> = (typeof mutations)[N] extends MutationDef<infer A> ? A : never

/**
 * Apply a named mutation on this device as the enrolled member: one IndexedDB transaction that
 * writes the rows and queues the mutation for the server. The write path (zod, the shared
 * mutations) loads on the first write, not with the page. Throws a StorageError when the phone's
 * storage fails, and an Error when the device has not enrolled.
 *
 * @example
 * const result = await mutate('escalation.close', { id })
 * if (!result.ok) console.log(result.rejection.code)
 */
export async function mutate<N extends MutationName>(name: N, args: MutationArgs<N>): Promise<MutationResult> {
  const actor = useSessionStore().actor
  if (!actor) throw new Error('not enrolled')
  const { applyLocal } = await import('@app/db/local')
  return applyLocal(useDb(), name, args, actor)
}
