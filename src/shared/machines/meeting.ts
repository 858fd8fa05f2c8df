import { meetingStatuses } from '../statuses'
import { defineMachine } from './machine'

/** A meeting (夜话) from draft through its notice to the evening itself. Village cadres only. */
export const meetingMachine = defineMachine({
  name: 'meeting',
  statuses: meetingStatuses,
  transitions: {
    announce: { from: ['draft'], to: 'announced', roles: ['cadre'] },
    start: { from: ['draft', 'announced'], to: 'in_progress', roles: ['cadre'] },
    close: { from: ['in_progress'], to: 'closed', roles: ['cadre'] },
    cancel: { from: ['draft', 'announced'], to: 'cancelled', roles: ['cadre'] },
    // Back to draft to change the time or place and announce again.
    reschedule: { from: ['announced'], to: 'draft', roles: ['cadre'] },
  },
})
