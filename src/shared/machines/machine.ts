import type { ActorRole } from '../records'
import type { RejectionCode } from '../mutations/core'

/** One named status change: the statuses it may start from, where it leads, and who may make it. */
export interface Transition<S extends string> {
  readonly from: readonly S[]
  readonly to: S
  readonly roles: readonly ActorRole[]
}

/** A state machine as data: its statuses and its named transitions. */
export interface Machine<S extends string = string, N extends string = string> {
  readonly name: string
  readonly statuses: readonly S[]
  readonly transitions: { readonly [K in N]: Transition<S> }
}

export type StatusOf<M> = M extends Machine<infer S, string> ? S : never
export type TransitionName<M> = M extends Machine<string, infer N> ? N : never

/** Why a transition is refused: not possible from that status (or unknown), or not for that role. */
export type TransitionRefusal = Extract<RejectionCode, 'illegal_transition' | 'forbidden'>

/** Define a machine, keeping the literal transition names for autocompletion. */
export function defineMachine<S extends string, N extends string>(machine: {
  name: string
  statuses: readonly S[]
  // NoInfer: the statuses list fixes S, so a misspelt status in a transition is a type error.
  transitions: { readonly [K in N]: Transition<NoInfer<S>> }
}): Machine<S, N> {
  return machine
}

function transitionOf<S extends string>(machine: Machine<S>, name: string): Transition<S> | undefined {
  // Own keys only: 'toString' or '__proto__' must read as unknown transitions, not as inherited ones.
  return Object.hasOwn(machine.transitions, name) ? machine.transitions[name] : undefined
}

/**
 * Whether `role` may apply transition `name` to a record in status `from`: `null` when allowed,
 * `'illegal_transition'` when the name is unknown or the transition does not start from `from`
 * (checked first), `'forbidden'` when it does but not for this role.
 *
 * @example
 * checkTransition(suggestionMachine, 'schedule', 'new', 'cadre') // null
 * checkTransition(suggestionMachine, 'schedule', 'closed', 'cadre') // 'illegal_transition'
 * checkTransition(suggestionMachine, 'schedule', 'new', 'villager') // 'forbidden'
 */
export function checkTransition<S extends string>(
  machine: Machine<S>,
  name: string,
  from: NoInfer<S>,
  role: ActorRole,
): TransitionRefusal | null {
  const transition = transitionOf(machine, name)
  if (!transition || !transition.from.includes(from)) return 'illegal_transition'
  if (!transition.roles.includes(role)) return 'forbidden'
  return null
}

/**
 * The transitions `role` may apply to a record in status `from`, in table order (the buttons to show).
 *
 * @example
 * transitionsFrom(meetingMachine, 'announced', 'cadre') // ['start', 'cancel', 'reschedule']
 */
export function transitionsFrom<S extends string, N extends string>(
  machine: Machine<S, N>,
  from: NoInfer<S>,
  role: ActorRole,
): N[] {
  return (Object.keys(machine.transitions) as N[]).filter(
    (name) => checkTransition<S>(machine, name, from, role) === null,
  )
}

/** The status transition `name` leads to, or `undefined` for an unknown name. */
export function targetOf<S extends string>(machine: Machine<S>, name: string): S | undefined {
  return transitionOf(machine, name)?.to
}
