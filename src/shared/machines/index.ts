import { decisionMachine } from './decision'
import { escalationMachine } from './escalation'
import { meetingMachine } from './meeting'
import { suggestionMachine } from './suggestion'

export type { Machine, StatusOf, Transition, TransitionName, TransitionRefusal } from './machine'
export { checkTransition, defineMachine, targetOf, transitionsFrom } from './machine'
export { decisionMachine, escalationMachine, meetingMachine, suggestionMachine }

/** Every state machine by the record it governs. */
export const machines = {
  suggestion: suggestionMachine,
  meeting: meetingMachine,
  decision: decisionMachine,
  escalation: escalationMachine,
} as const
