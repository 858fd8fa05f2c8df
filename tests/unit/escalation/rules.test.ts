import { describe, expect, it } from 'vitest'
import { escalationActions } from '@app/components/escalation/escalationActions'
import { suggestionActions } from '@app/components/suggestion/suggestionActions'
import { escalationDue } from '@app/components/escalation/escalationDue'
import { groupOf, queueGroupKeys } from '@app/components/escalation/queueGroups'
import { escalationStatuses } from '@shared/records'
import { anEscalation } from '../builders'

describe('escalationActions', () => {
  it.each([
    ['submitted', 'township', ['accept', 'return', 'progress']],
    ['accepted', 'township', ['return', 'assign', 'forward', 'resolve', 'progress']],
    ['assigned', 'township', ['assign', 'report', 'forward', 'resolve', 'progress']],
    ['forwarded', 'township', ['resolve', 'progress']],
    ['resolved', 'township', ['close']],
    ['closed', 'township', []],
    ['returned', 'township', []],
    ['submitted', 'cadre', []],
    ['assigned', 'cadre', []],
    ['returned', 'cadre', ['resubmit']],
    ['resolved', 'cadre', ['close', 'rate', 'feedback']],
    ['closed', 'cadre', ['feedback']],
    ['resolved', 'collector', []],
    ['submitted', 'admin', []],
  ] as const)('offers %s to %s: %j', (status, role, expected) => {
    expect(escalationActions(status, role)).toEqual(expected)
  })

  it('offers 报到 only until the department reported in', () => {
    expect(escalationActions('assigned', 'township', true)).toEqual(['assign', 'forward', 'resolve', 'progress'])
  })
})

describe('suggestionActions', () => {
  it.each([
    ['new', 'cadre', ['escalate', 'answer', 'decline']],
    ['on_agenda', 'cadre', ['escalate', 'answer', 'decline']],
    ['escalated', 'cadre', []],
    ['answered', 'cadre', []],
    ['new', 'collector', []],
    ['new', 'township', []],
  ] as const)('offers %s to %s: %j', (status, role, expected) => {
    expect(suggestionActions(status, role)).toEqual(expected)
  })
})

describe('escalationDue', () => {
  // 国庆 2026: 1–7 October off, Saturday 10 October a working day (调休).
  it.each([
    ['waiting since the day before', { status: 'submitted', dueOn: null, createdAt: '2026-09-29T02:00:00.000Z' }, '2026-09-30', { key: 'escalation.due.waiting', n: 1, tone: 'normal' }],
    ['waiting past the acceptance limit (1 working day)', { status: 'submitted', dueOn: null, createdAt: '2026-09-28T02:00:00.000Z' }, '2026-09-30', { key: 'escalation.due.waiting', n: 2, tone: 'overdue' }],
    ['sent again, waiting since', { status: 'submitted', dueOn: null, createdAt: '2026-09-01T02:00:00.000Z', submittedAt: '2026-09-29T02:00:00.000Z' }, '2026-09-30', { key: 'escalation.due.waiting', n: 1, tone: 'normal' }],
    ['sent today', { status: 'submitted', dueOn: null, createdAt: '2026-09-30T02:00:00.000Z' }, '2026-09-30', { key: 'escalation.due.waitingToday', n: 0, tone: 'normal' }],
    ['working days left across the holiday', { status: 'accepted', dueOn: '2026-10-10' }, '2026-09-30', { key: 'escalation.due.left', n: 3, tone: 'normal' }],
    ['due today', { status: 'assigned', dueOn: '2026-10-12' }, '2026-10-12', { key: 'escalation.due.today', n: 0, tone: 'today' }],
    ['overdue in working days', { status: 'assigned', dueOn: '2026-10-09' }, '2026-10-13', { key: 'escalation.due.overdue', n: 3, tone: 'overdue' }],
    ['overdue on a day off right after', { status: 'forwarded', dueOn: '2026-10-16' }, '2026-10-17', { key: 'escalation.due.overdueToday', n: 0, tone: 'overdue' }],
    ['only days off left', { status: 'accepted', dueOn: '2026-10-04' }, '2026-10-02', { key: 'escalation.due.beforeNextWorkday', n: 0, tone: 'normal' }],
  ] as const)('%s', (_case, fields, today, expected) => {
    expect(escalationDue(anEscalation(fields), today)).toEqual(expected)
  })

  it.each(['resolved', 'closed', 'returned'] as const)('does not run the clock once %s', (status) => {
    expect(escalationDue(anEscalation({ status, dueOn: '2026-10-09' }), '2026-10-20')).toBeNull()
  })
})

describe('queue groups', () => {
  it('put each status in its group, in the order the queue shows them', () => {
    expect(queueGroupKeys).toEqual(['waiting', 'working', 'resolved', 'returned', 'closed'])
    expect(escalationStatuses.map((status) => [status, groupOf(status)])).toEqual([
      ['submitted', 'waiting'], ['accepted', 'working'], ['assigned', 'working'], ['resolved', 'resolved'],
      ['closed', 'closed'], ['returned', 'returned'], ['forwarded', 'working'],
    ])
  })
})
