import { describe, expect, it } from 'vitest'
import { defaultCalendar, todayInShanghai } from '@shared/calendar'
import {
  acceptanceDue, closeWithoutAnswerFrom, dayOf, deskClock, isReported, reportDue, shanghaiDayOfUtc, villageAnswered,
} from '@shared/desk/clock'
import { defaultDeadlinePolicy } from '@shared/records'
import { anEscalation } from '../builders'

// November 2026 has no holiday: Fri 13, Mon 16 … Fri 20 are working days, 14–15 a weekend.
const cal = defaultCalendar
const policy = defaultDeadlinePolicy
/** 10:00 in Shanghai on a November day. */
const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T02:00:00.000Z`

describe('acceptance', () => {
  const submitted = anEscalation({ status: 'submitted', createdAt: at(2), submittedAt: at(13) })

  it('is due acceptDays working days after it was sent (again), over the weekend', () => {
    expect(acceptanceDue(cal, policy, submitted)).toBe('2026-11-16')
    expect(acceptanceDue(cal, { ...policy, acceptDays: 2 }, submitted)).toBe('2026-11-17')
  })

  it('reads the creation time of a row without submittedAt', () => {
    expect(acceptanceDue(cal, policy, { ...submitted, submittedAt: undefined })).toBe('2026-11-03')
  })

  it.each([
    ['2026-11-13', 'on_time', 1],
    ['2026-11-16', 'due_today', 0],
    ['2026-11-17', 'overdue', -1],
    ['2026-11-20', 'overdue', -4],
  ] as const)('on %s is %s (%i working days)', (today, state, left) => {
    expect(deskClock(cal, policy, submitted, today)).toMatchObject({ step: 'accept', dueOn: '2026-11-16', state, workingDaysLeft: left })
  })
})

describe('吹哨报到', () => {
  const assigned = anEscalation({ status: 'assigned', dueOn: '2026-11-20', assignedAt: at(13) })

  it('is due reportDays working days after 交办', () => {
    expect(reportDue(cal, policy, assigned)).toBe('2026-11-16')
  })

  it('flags 未报到 only after that day', () => {
    expect(deskClock(cal, policy, assigned, '2026-11-16').unreported).toBe(false)
    expect(deskClock(cal, policy, assigned, '2026-11-17').unreported).toBe(true)
  })

  it('stops once the department reported in, and starts again on a reassignment', () => {
    const reported = { ...assigned, reportedAt: at(16) }
    expect(isReported(reported)).toBe(true)
    expect(reportDue(cal, policy, reported)).toBeNull()
    expect(deskClock(cal, policy, reported, '2026-11-19').unreported).toBe(false)
    const reassigned = { ...reported, assignedAt: at(17) }
    expect(isReported(reassigned)).toBe(false)
    expect(reportDue(cal, policy, reassigned)).toBe('2026-11-18')
  })

  it('does not run before 交办 or after 办结', () => {
    expect(reportDue(cal, policy, { ...assigned, status: 'accepted' })).toBeNull()
    expect(reportDue(cal, policy, { ...assigned, status: 'resolved' })).toBeNull()
  })
})

describe('the department deadline', () => {
  it.each(['accepted', 'assigned', 'forwarded'] as const)('runs while %s', (status) => {
    const worked = anEscalation({ status, dueOn: '2026-11-18' })
    expect(deskClock(cal, policy, worked, '2026-11-16')).toMatchObject({ step: 'work', state: 'on_time', workingDaysLeft: 2 })
    expect(deskClock(cal, policy, worked, '2026-11-18')).toMatchObject({ state: 'due_today', workingDaysLeft: 0 })
    expect(deskClock(cal, policy, worked, '2026-11-23')).toMatchObject({ state: 'overdue', workingDaysLeft: -3 })
  })

  it.each(['resolved', 'closed', 'returned'] as const)('stops when %s', (status) => {
    const stopped = anEscalation({ status, dueOn: '2026-11-10', resolvedAt: at(9), feedback: '好', feedbackAt: at(10) })
    expect(deskClock(cal, policy, stopped, '2026-11-20')).toMatchObject({ step: null, state: null, workingDaysLeft: 0 })
  })
})

describe('销号 without the village\'s answer', () => {
  const resolved = anEscalation({ status: 'resolved', resolution: '已修', resolvedAt: at(9) })

  it('is allowed closeAfterDays working days after 办结', () => {
    expect(closeWithoutAnswerFrom(cal, policy, resolved)).toBe('2026-11-16')
    expect(deskClock(cal, policy, resolved, '2026-11-13')).toMatchObject({ step: 'village', mayCloseWithoutAnswer: false })
    expect(deskClock(cal, policy, resolved, '2026-11-16')).toMatchObject({ step: 'village', mayCloseWithoutAnswer: true })
  })

  it('is not needed once the village answered the result', () => {
    const rated = { ...resolved, rating: { stars: 4, outcome: 'resolved' as const, ratedAt: at(10) } }
    expect(villageAnswered(rated)).toBe(true)
    expect(closeWithoutAnswerFrom(cal, policy, rated)).toBeNull()
    expect(deskClock(cal, policy, rated, '2026-11-20').mayCloseWithoutAnswer).toBe(false)
  })

  it('does not count feedback given on an earlier result', () => {
    expect(villageAnswered({ ...resolved, feedback: '只修了一半', feedbackAt: at(5) })).toBe(false)
    expect(villageAnswered({ ...resolved, feedback: '修好了', feedbackAt: at(10) })).toBe(true)
  })

  it('takes the feedback of a row from before the clocks as an answer', () => {
    expect(villageAnswered({ ...resolved, resolvedAt: undefined, feedback: '修好了' })).toBe(true)
  })
})

describe('dayOf', () => {
  it.each([
    '2026-09-30T16:30:00.000Z', '2026-09-30T15:59:59.999Z', '2026-12-31T16:00:00.000Z', '2026-06-01T00:00:00+08:00', '2024-02-28T20:00:00Z',
  ])('gives the Shanghai date of %s as the Intl calendar does', (instant) => {
    expect(dayOf(instant)).toBe(todayInShanghai(new Date(instant)))
  })
})

describe('shanghaiDayOfUtc', () => {
  it('reads the Shanghai date of a UTC instant from its text, as Date would', () => {
    const instants = ['2026-09-30T15:59:59.999Z', '2026-09-30T16:00:00.000Z', '2026-12-31T23:30:00Z', '2028-02-28T16:00:00.000Z', '2026-01-01T00:00:00.000Z']
    for (const instant of instants) {
      expect(shanghaiDayOfUtc(instant)).toBe(new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10))
      expect(dayOf(instant)).toBe(shanghaiDayOfUtc(instant))
    }
    expect(shanghaiDayOfUtc('2026-12-31T16:00:00.000Z')).toBe('2027-01-01')
  })

  it('leaves other forms to Date', () => {
    expect(shanghaiDayOfUtc('2026-09-30T20:00:00+08:00')).toBeNull()
    expect(dayOf('2026-09-30T20:00:00+08:00')).toBe('2026-09-30')
    expect(shanghaiDayOfUtc('not a date')).toBeNull()
  })
})
