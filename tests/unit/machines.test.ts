import { describe, expect, it } from 'vitest'
import type { Machine } from '@shared/machines'
import {
  checkTransition, decisionMachine, escalationMachine, machines, meetingMachine, suggestionMachine,
  targetOf, transitionsFrom,
} from '@shared/machines'
import type { ActorRole } from '@shared/records'
import {
  actorRoles, decisionStatuses, escalationStatuses, meetingStatuses, suggestionStatuses,
} from '@shared/records'

// The expected rules, written out by hand from the design (not derived from the implementation):
// one line per transition, "name: from statuses -> target | roles".
const expected = {
  suggestion: `
    schedule:      new decided escalated    -> on_agenda | cadre
    answer:        new on_agenda            -> answered  | cadre
    decline:       new on_agenda            -> declined  | cadre
    merge:         new on_agenda            -> merged    | cadre
    unschedule:    on_agenda                -> new       | cadre
    decide:        new on_agenda            -> decided   | cadre
    escalate:      new on_agenda            -> escalated | cadre
    resolve:       decided escalated        -> resolved  | cadre township
    close:         answered resolved        -> closed    | villager collector cadre
    reopen:        answered resolved closed -> on_agenda | villager collector cadre`,
  meeting: `
    announce:      draft                    -> announced   | cadre
    start:         draft announced          -> in_progress | cadre
    close:         in_progress              -> closed      | cadre
    cancel:        draft announced          -> cancelled   | cadre
    reschedule:    announced                -> draft       | cadre`,
  decision: `
    complete:      open                     -> done      | cadre
    cancel:        open                     -> cancelled | cadre
    reopen:        done                     -> open      | cadre`,
  escalation: `
    accept:        submitted                -> accepted  | township
    return:        submitted accepted       -> returned  | township
    resubmit:      returned                 -> submitted | cadre
    assign:        accepted assigned        -> assigned  | township
    report:        assigned                 -> assigned  | township
    forward:       accepted assigned        -> forwarded | township
    resolve:       accepted assigned forwarded -> resolved | township
    close:         resolved                 -> closed    | township cadre
    reject_result: resolved                 -> assigned  | cadre
    reopen:        resolved                 -> assigned  | cadre`,
}

interface Rule { from: string[]; to: string; roles: string[] }

function parseRules(text: string): Map<string, Rule> {
  const rules = new Map<string, Rule>()
  for (const line of text.trim().split('\n')) {
    const match = /^\s*(\w+):\s*([\w ]+?)\s*->\s*(\w+)\s*\|\s*([\w ]+)$/.exec(line)
    if (!match) throw new Error(`Bad expected line: ${line}`)
    const [, name = '', from = '', to = '', roles = ''] = match
    rules.set(name, { from: from.split(/\s+/), to, roles: roles.trim().split(/\s+/) })
  }
  return rules
}

interface MachineCase { machine: Machine; statuses: readonly string[]; rules: Map<string, Rule> }

const cases: MachineCase[] = [
  { machine: suggestionMachine, statuses: suggestionStatuses, rules: parseRules(expected.suggestion) },
  { machine: meetingMachine, statuses: meetingStatuses, rules: parseRules(expected.meeting) },
  { machine: decisionMachine, statuses: decisionStatuses, rules: parseRules(expected.decision) },
  { machine: escalationMachine, statuses: escalationStatuses, rules: parseRules(expected.escalation) },
]

function expectedOutcome(rule: Rule | undefined, from: string, role: ActorRole) {
  if (!rule || !rule.from.includes(from)) return 'illegal_transition'
  return rule.roles.includes(role) ? null : 'forbidden'
}

describe.each(cases)('$machine.name machine', ({ machine, statuses, rules }) => {
  it('has exactly the expected transitions, each leading to the expected status', () => {
    expect(Object.keys(machine.transitions).sort()).toEqual([...rules.keys()].sort())
    for (const [name, rule] of rules) expect(targetOf(machine, name)).toBe(rule.to)
  })

  it('uses the statuses of the record schema', () => {
    expect(machine.statuses).toEqual(statuses)
  })

  // Every status × every transition (plus an unknown one) × every role.
  const grid = statuses.flatMap((from) =>
    [...rules.keys(), 'no_such_transition', 'toString'].flatMap((name) =>
      actorRoles.map((role) => ({ from, name, role, want: expectedOutcome(rules.get(name), from, role) })),
    ),
  )

  it.each(grid)('$name from $from by $role → $want', ({ from, name, role, want }) => {
    expect(checkTransition(machine, name, from, role)).toBe(want)
  })

  it('lists for every status and role exactly the transitions that are allowed', () => {
    for (const from of statuses) {
      for (const role of actorRoles) {
        const allowed = [...rules].filter(([, r]) => r.from.includes(from) && r.roles.includes(role))
        expect(transitionsFrom(machine, from, role).sort()).toEqual(allowed.map(([n]) => n).sort())
      }
    }
  })
})

interface ListCase { machine: Machine; from: string; role: ActorRole; want: string[] }

describe('transitionsFrom', () => {
  it.each<ListCase>([
    { machine: suggestionMachine, from: 'new', role: 'cadre', want: ['schedule', 'answer', 'decline', 'merge', 'decide', 'escalate'] },
    { machine: suggestionMachine, from: 'new', role: 'villager', want: [] },
    { machine: suggestionMachine, from: 'resolved', role: 'villager', want: ['close', 'reopen'] },
    { machine: suggestionMachine, from: 'resolved', role: 'township', want: [] },
    { machine: suggestionMachine, from: 'escalated', role: 'township', want: ['resolve'] },
    { machine: suggestionMachine, from: 'escalated', role: 'cadre', want: ['schedule', 'resolve'] },
    { machine: meetingMachine, from: 'announced', role: 'cadre', want: ['start', 'cancel', 'reschedule'] },
    { machine: meetingMachine, from: 'closed', role: 'cadre', want: [] },
    { machine: decisionMachine, from: 'open', role: 'cadre', want: ['complete', 'cancel'] },
    { machine: escalationMachine, from: 'resolved', role: 'cadre', want: ['close', 'reopen', 'reject_result'] },
    { machine: escalationMachine, from: 'accepted', role: 'township', want: ['return', 'assign', 'forward', 'resolve'] },
    { machine: escalationMachine, from: 'submitted', role: 'admin', want: [] },
  ])(
    '$machine.name $from for $role: $want',
    ({ machine, from, role, want }) => {
      expect(transitionsFrom(machine, from, role)).toEqual(want)
    },
  )
})

describe('checkTransition', () => {
  it('reports an illegal status before a forbidden role', () => {
    expect(checkTransition(suggestionMachine, 'schedule', 'closed', 'villager')).toBe('illegal_transition')
    expect(checkTransition(suggestionMachine, 'schedule', 'new', 'villager')).toBe('forbidden')
  })
})

describe('targetOf', () => {
  it('returns undefined for unknown or inherited names', () => {
    expect(targetOf(meetingMachine, 'publish')).toBeUndefined()
    expect(targetOf(meetingMachine, 'constructor')).toBeUndefined()
  })
})

describe('machines', () => {
  it('holds each machine under the record it governs', () => {
    expect(Object.fromEntries(Object.entries(machines).map(([k, m]) => [k, m.name]))).toEqual({
      suggestion: 'suggestion', meeting: 'meeting', decision: 'decision', escalation: 'escalation',
    })
  })
})
