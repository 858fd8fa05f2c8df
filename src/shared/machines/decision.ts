import { decisionStatuses } from '../statuses'
import { defineMachine } from './machine'

/** A decision taken on the spot (当场拍板), with its owner and deadline. Village cadres only. */
export const decisionMachine = defineMachine({
  name: 'decision',
  statuses: decisionStatuses,
  transitions: {
    complete: { from: ['open'], to: 'done', roles: ['cadre'] },
    cancel: { from: ['open'], to: 'cancelled', roles: ['cadre'] },
    reopen: { from: ['done'], to: 'open', roles: ['cadre'] },
  },
})
