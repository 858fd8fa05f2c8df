import { describe, expect, it } from 'vitest'
import { defaultCalendar } from '@shared/calendar'
import { weekOf, weeklyList } from '@shared/desk/weekly'
import { defaultDeadlinePolicy } from '@shared/records'
import type { Escalation } from '@shared/records'
import { anEscalation, testId } from '../builders'

describe('weeklyList', () => {
  it('takes Monday to Sunday as the week', () => {
    expect(weekOf('2026-09-16')).toEqual({ from: '2026-09-14', to: '2026-09-20' })
    expect(weekOf('2026-09-14')).toEqual({ from: '2026-09-14', to: '2026-09-20' })
    expect(weekOf('2026-09-20')).toEqual({ from: '2026-09-14', to: '2026-09-20' })
  })

  it('lists escalations past their deadline or acceptance and those due this week, in working days, nothing else', () => {
    const e = (n: number, overrides: Partial<Escalation>) => anEscalation({ id: testId(0x9000 + n), status: 'assigned', ...overrides })
    const list = weeklyList(
      [
        e(1, { dueOn: '2026-09-18' }),
        e(2, { dueOn: '2026-09-11', assignedAt: '2026-09-08T02:00:00.000Z' }),
        e(3, { dueOn: '2026-09-16' }),
        e(4, { dueOn: '2026-09-21' }),
        e(5, { dueOn: '2026-09-10', status: 'resolved' }),
        // sent on Friday 11 Sep: to be accepted by Monday 14 Sep (one working day)
        e(6, { dueOn: null, status: 'submitted', submittedAt: '2026-09-11T02:00:00.000Z' }),
        // sent on Tuesday 15 Sep: accepted by Wednesday 16 Sep, today
        e(7, { dueOn: null, status: 'submitted', submittedAt: '2026-09-15T02:00:00.000Z' }),
        { ...e(8, { dueOn: '2026-09-01' }), deletedAt: '2026-09-02T00:00:00.000Z' },
        e(9, { dueOn: '2026-09-01', status: 'returned' }),
      ],
      defaultCalendar,
      defaultDeadlinePolicy,
      '2026-09-16',
    )
    expect(list.overdue.map((i) => [i.escalation.id, i.clock.step, i.clock.workingDaysLeft])).toEqual([
      [testId(0x9002), 'work', -3],
      [testId(0x9006), 'accept', -2],
    ])
    expect(list.dueThisWeek.map((i) => [i.escalation.id, i.clock.state])).toEqual([
      [testId(0x9003), 'due_today'],
      [testId(0x9007), 'due_today'],
      [testId(0x9001), 'on_time'],
    ])
  })
})
