import { escalationMachine, transitionsFrom } from '@shared/machines'
import type { ActorRole, EscalationStatus } from '@shared/records'
import type { TransitionName } from '@shared/machines'
import { workingStatuses } from './escalationDue'

export { isReported } from '@shared/desk/clock'

/** Everything a person can do on an escalation's page: its transitions, feedback, and progress notes. */
export type EscalationAction = TransitionName<typeof escalationMachine> | 'feedback' | 'progress' | 'rate'

/** Statuses in which the village may record its feedback on the result (as the shared mutation allows). */
const feedbackStatuses: readonly EscalationStatus[] = ['resolved', 'closed']

/**
 * The actions to offer on an escalation in `status` to someone in `role`: the transitions the state
 * machine allows them, then feedback (cadres, once resolved) and progress notes (township staff,
 * while they work it). The server checks the same rules again.
 *
 * `reported`: the department has already reported in (报到) for the current assignment.
 *
 * @example
 * escalationActions('submitted', 'township') // ['accept', 'return', 'progress']
 */
export function escalationActions(status: EscalationStatus, role: ActorRole, reported = false): EscalationAction[] {
  // `reopen` is the callback's answer (部分解决 / 没解决), asked with the rating, not a button of its own.
  // The callback (`rate`) takes the place of `reject_result` on the village's side: 部分解决 / 没解决
  // sends it back with the reason, 解决了 lets it be crossed off.
  const actions: EscalationAction[] = transitionsFrom(escalationMachine, status, role)
    .filter((name) => name !== 'reopen' && name !== 'reject_result' && !(name === 'report' && reported))
  if (role === 'cadre' && status === 'resolved') actions.splice(actions.indexOf('close') + 1, 0, 'rate')
  if (role === 'cadre' && feedbackStatuses.includes(status)) actions.push('feedback')
  if (role === 'township' && workingStatuses.includes(status)) actions.push('progress')
  return actions
}

