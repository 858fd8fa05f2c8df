// Checks every mutation makes, in the agreed order: rows exist → scope → role → state → conflict.
// Each returns a rejection (a `MutationResult` that is not ok) or null, so a mutation reads as a
// list of `const refusal = …; if (refusal) return refusal`.
import { z } from 'zod'
import type { Actor } from '../actor'
import { todayInShanghai } from '../calendar/shanghai'
import type { Machine } from '../machines'
import { checkTransition } from '../machines'
import type { ActorRole } from '../records'
import { id } from '../records'
import { boundedText } from '../text'
import type { MutationResult } from './core'
import { reject } from './core'

/**
 * Trimmed text with coded messages: `<code>_required` when blank, `<code>_too_short` below `min`
 * characters, `<code>_too_long` above `max`.
 */
export function text(code: string, min: number, max: number) {
  const required = boundedText(max, `${code}_too_long`).min(1, `${code}_required`)
  return min > 1 ? required.min(min, `${code}_too_short`) : required
}

/** A 'YYYY-MM-DD' calendar date (Asia/Shanghai). */
export const dateArg = z.iso.date('date_invalid')

/** A list of distinct row ids. */
export function idList(min: number, max: number) {
  return z
    .array(id)
    .min(min, 'ids_required')
    .max(max, 'too_many_ids')
    .refine((ids) => new Set(ids).size === ids.length, 'duplicate_ids')
}

/** The Shanghai calendar date of an instant. */
export function shanghaiDate(instant: string): string {
  return todayInShanghai(new Date(instant))
}

/**
 * Whether the actor's scope may hold a row of this village. A member of a village (and a villager)
 * covers only that village. Township staff cover the villages of their township: `townshipId` is
 * the row's township when the mutation knows it (an escalation carries it); when it does not, the
 * scope check passes and the role check refuses, since village-only mutations allow no township role.
 */
export function outOfScope(
  actor: Actor,
  villageId: string,
  field: string,
  townshipId?: string,
): MutationResult | null {
  if (actor.role === 'township' || actor.role === 'admin') {
    return townshipId === undefined || townshipId === actor.townshipId ? null : reject('out_of_scope', field)
  }
  return villageId === actor.villageId ? null : reject('out_of_scope', field)
}

/** `forbidden` unless the actor has one of the roles. */
export function notRole(actor: Actor, roles: readonly ActorRole[]): MutationResult | null {
  return roles.includes(actor.role) ? null : reject('forbidden')
}

/** The roles that may apply a machine's transition (the mutation's role check mirrors the machine). */
export function rolesOf<S extends string, N extends string>(machine: Machine<S, N>, name: N): readonly ActorRole[] {
  return machine.transitions[name].roles
}

/**
 * Check a named transition for a row: `illegal_transition` (field, detail = current status) or
 * `forbidden`, or null when allowed.
 */
export function refuseTransition<S extends string, N extends string>(
  machine: Machine<S, N>,
  name: N,
  from: S,
  actor: Actor,
  field: string,
): MutationResult | null {
  const refusal = checkTransition<S>(machine, name, from, actor.role)
  if (refusal === 'illegal_transition') return reject('illegal_transition', field, from)
  if (refusal === 'forbidden') return reject('forbidden')
  return null
}

/**
 * Check a sequence of transitions from `from` (e.g. reopen then decide), each from the status the
 * one before leads to. Returns the final status, or the first refusal.
 */
export function chainTransitions<S extends string, N extends string>(
  machine: Machine<S, N>,
  names: readonly N[],
  from: S,
  actor: Actor,
  field: string,
): { to: S } | { refusal: MutationResult } {
  let status = from
  for (const name of names) {
    const refusal = refuseTransition(machine, name, status, actor, field)
    if (refusal) return { refusal }
    status = machine.transitions[name].to
  }
  return { to: status }
}

/**
 * Rows a mutation reaches through another row (a topic's suggestions, an escalation's) cannot be
 * found by `reads`, which sees only the arguments; the device sends the ids it knows. This checks
 * that they are exactly the stored list (as a set): a device that saw an older list is refused
 * rather than leaving some rows behind.
 */
export function staleList(stored: readonly string[], given: readonly string[], field: string): MutationResult | null {
  const storedSet = new Set(stored)
  const same = given.length === storedSet.size && given.every((one) => storedSet.has(one))
  return same ? null : reject('invalid_args', field, 'list_changed')
}
