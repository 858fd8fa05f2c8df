import { suggestionStatuses } from '../statuses'
import { defineMachine } from './machine'

/** The path of a suggestion (意见建议) through triage, the meeting, escalation and the callback. */
export const suggestionMachine = defineMachine({
  name: 'suggestion',
  statuses: suggestionStatuses,
  transitions: {
    // Also from decided (its decision was cancelled) and escalated (the township returned it):
    // without this such an item would be stuck with nobody able to act on it.
    schedule: { from: ['new', 'decided', 'escalated'], to: 'on_agenda', roles: ['cadre'] },
    answer: { from: ['new', 'on_agenda'], to: 'answered', roles: ['cadre'] },
    decline: { from: ['new', 'on_agenda'], to: 'declined', roles: ['cadre'] },
    merge: { from: ['new', 'on_agenda'], to: 'merged', roles: ['cadre'] },
    // Deferred: back to the inbox.
    unschedule: { from: ['on_agenda'], to: 'new', roles: ['cadre'] },
    decide: { from: ['new', 'on_agenda'], to: 'decided', roles: ['cadre'] },
    escalate: { from: ['new', 'on_agenda'], to: 'escalated', roles: ['cadre'] },
    resolve: { from: ['decided', 'escalated'], to: 'resolved', roles: ['cadre', 'township'] },
    // A satisfied rating crosses the item off (销号).
    close: { from: ['answered', 'resolved'], to: 'closed', roles: ['villager', 'collector', 'cadre'] },
    // A "partly" or "not resolved" rating puts it on the next meeting's report-back.
    reopen: {
      from: ['answered', 'resolved', 'closed'],
      to: 'on_agenda',
      roles: ['villager', 'collector', 'cadre'],
    },
  },
})
