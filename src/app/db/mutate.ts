import type { MutationDef, MutationResult } from '@shared/mutations/core'
import type { MutationName, mutations } from '@shared/mutations/registry'
import { useDb } from '@app/db'
import type { LocalBlob, LocalStep } from '@app/db/local'
import { useSessionStore } from '@app/stores/session'

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

/**
 * One named mutation of an action. Its arguments are checked by the mutation's schema when it runs
 * (callers build them as the schema's input, which the output types of `MutationArgs` do not cover).
 */
export type MutationStep = LocalStep

/**
 * Apply several mutations as ONE person's action: one IndexedDB transaction with their rows, one
 * outbox entry per step (in order) and the blobs they name. When one step is refused nothing is
 * written; a storage failure throws a StorageError.
 *
 * @example
 * await mutateTogether([
 *   { name: 'meeting.create', args: meeting },
 *   { name: 'suggestion.schedule', args: { suggestionIds, meetingId: meeting.id, topicId, newTopic } },
 * ])
 */
export async function mutateTogether(
  steps: readonly MutationStep[],
  options: { blobs?: readonly LocalBlob[] } = {},
): Promise<MutationResult> {
  const actor = useSessionStore().actor
  if (!actor) throw new Error('not enrolled')
  const { applyLocalAll } = await import('@app/db/local')
  return applyLocalAll(useDb(), steps, actor, options)
}
