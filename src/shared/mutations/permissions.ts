// Who may run a mutation, by role, before scope and state are checked: the one rule the server's
// mutations refuse by (`forbidden`) and the app's pages and stores show or hide actions by.
// Status changes take their roles from the machines; the rest are written here.
import { decisionMachine, escalationMachine, meetingMachine, suggestionMachine } from '../machines'
import type { ActorRole } from '../records'

/** Village cadres plan meetings and their agenda (the meeting machine's own roles). */
const planners = meetingMachine.transitions.announce.roles

/** The roles that may run each of these mutations (before scope and state are checked). */
export const mutationRoles = {
  'meeting.create': planners,
  /** Also every meeting mutation's first check (time, place, notice, attendance, summary). */
  'meeting.update': planners,
  'meeting.start': meetingMachine.transitions.start.roles,
  'topic.create': planners,
  /** Also the first check of every mutation on a topic (defer, remove, decide). */
  'topic.update': planners,
  'topic.reorder': planners,
  'suggestion.schedule': suggestionMachine.transitions.schedule.roles,
  'decision.complete': decisionMachine.transitions.complete.roles,
  /** 吹哨报到, recorded by township staff after 交办. */
  'escalation.report': escalationMachine.transitions.report.roles,
  /** The village's callback on the township's result. */
  'escalation.rate': escalationMachine.transitions.reopen.roles,
  'escalation.close': escalationMachine.transitions.close.roles,
} as const satisfies Record<string, readonly ActorRole[]>
export type RoleRuledMutation = keyof typeof mutationRoles

/**
 * Whether a role may run a mutation at all; `undefined` (no session) may not. Pages show an
 * action only when this holds, so a collector never sees what the server would refuse them.
 *
 * @example
 * mayRun('cadre', 'meeting.create') // true
 * mayRun('collector', 'meeting.create') // false
 */
export function mayRun(role: ActorRole | null | undefined, name: RoleRuledMutation): boolean {
  return role != null && (mutationRoles[name] as readonly ActorRole[]).includes(role)
}
