import { describe, expect, it } from 'vitest'
import { deskCalendar } from '@shared/desk/deskCalendar'
import { weekOf, weeklyList } from '@shared/desk/weekly'
import { anEscalation, testId } from '../builders'

describe('weeklyList', () => {
  it('takes Monday to Sunday as the week', () => {
    expect(weekOf('2026-09-16')).toEqual({ from: '2026-09-14', to: '2026-09-20' })
    expect(weekOf('2026-09-14')).toEqual({ from: '2026-09-14', to: '2026-09-20' })
    expect(weekOf('2026-09-20')).toEqual({ from: '2026-09-14', to: '2026-09-20' })
  })

  it('lists worked escalations overdue and due this week, in working days, nothing else', () => {
    const e = (n: number, dueOn: string | null, status: 'submitted' | 'assigned' | 'resolved' = 'assigned') =>
      anEscalation({ id: testId(0x9000 + n), dueOn, status })
    const list = weeklyList(
      [
        e(1, '2026-09-18'), e(2, '2026-09-11'), e(3, '2026-09-16'), e(4, '2026-09-21'), e(5, '2026-09-10', 'resolved'),
        e(6, null, 'submitted'), e(7, '2026-09-14', 'submitted'),
        { ...e(8, '2026-09-01'), deletedAt: '2026-09-02T00:00:00.000Z' },
      ],
      deskCalendar(),
      '2026-09-16',
    )
    expect(list.overdue.map((i) => [i.escalation.id, i.due.workingDaysLeft])).toEqual([
      [testId(0x9002), -3],
      [testId(0x9007), -2],
    ])
    expect(list.dueThisWeek.map((i) => [i.escalation.id, i.due.status])).toEqual([
      [testId(0x9003), 'due_today'],
      [testId(0x9001), 'on_time'],
    ])
  })
})
