import { describe, expect, it } from 'vitest'
import { defaultCalendar, dueStatus } from '@shared/calendar'
import { dueWords } from '@app/components/app/dueWords'

describe('dueWords', () => {
  // 国庆 2026: 1–7 October off, Saturday 10 October a working day (调休).
  it.each([
    ['working days left, the holiday not counted', '2026-10-09', '2026-09-29', { kind: 'left', n: 3, tone: 'normal' }],
    ['only days off left before a due day off', '2026-10-04', '2026-10-01', { kind: 'beforeNextWorkday', n: 0, tone: 'normal' }],
    ['the due date itself', '2026-10-09', '2026-10-09', { kind: 'today', n: 0, tone: 'today' }],
    ['working days past the due date', '2026-10-09', '2026-10-12', { kind: 'overdue', n: 2, tone: 'overdue' }],
    ['a day off right after the due date', '2026-09-30', '2026-10-02', { kind: 'overdueToday', n: 0, tone: 'overdue' }],
  ] as const)('reads %s', (_, dueOn, today, expected) => {
    expect(dueWords(dueStatus(defaultCalendar, dueOn, today))).toEqual(expected)
  })
})
