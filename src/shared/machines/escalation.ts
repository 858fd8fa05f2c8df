import { escalationStatuses } from '../statuses'
import { defineMachine } from './machine'

/** A matter handed to the township (上报事项): worked by township staff, followed by the village. */
export const escalationMachine = defineMachine({
  name: 'escalation',
  statuses: escalationStatuses,
  transitions: {
    accept: { from: ['submitted'], to: 'accepted', roles: ['township'] },
    // Back to the village with a reason (e.g. the village can settle it itself).
    return: { from: ['submitted', 'accepted'], to: 'returned', roles: ['township'] },
    resubmit: { from: ['returned'], to: 'submitted', roles: ['cadre'] },
    // Assigning again from assigned is a reassignment.
    assign: { from: ['accepted', 'assigned'], to: 'assigned', roles: ['township'] },
    // 吹哨报到: the assigned department acknowledged, recorded by the staff (the status stays).
    report: { from: ['assigned'], to: 'assigned', roles: ['township'] },
    // Reported beyond the township.
    forward: { from: ['accepted', 'assigned'], to: 'forwarded', roles: ['township'] },
    resolve: { from: ['accepted', 'assigned', 'forwarded'], to: 'resolved', roles: ['township'] },
    // Crossed off after the village's feedback or rating, by either side (the township also
    // without one after the policy's closeAfterDays, with a note).
    close: { from: ['resolved'], to: 'closed', roles: ['township', 'cadre'] },
    // The village's callback says 部分解决 / 没解决: back to work (办理中) with the reason on top.
    reopen: { from: ['resolved'], to: 'assigned', roles: ['cadre'] },
    // The village finds the result not good enough: the township works it again.
    reject_result: { from: ['resolved'], to: 'assigned', roles: ['cadre'] },
  },
})
