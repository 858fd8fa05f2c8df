import { describe, expect, it } from 'vitest'
import { defaultCalendar, workingDaysBetween } from '@shared/calendar'
import {
  allTime, customPeriod, median, periodOf, shanghaiDateOf, townshipStats, workingDayCounter,
} from '@shared/desk/stats'
import { funnel } from '@shared/ledger'
import { townshipRows, villageA, villageB, villageRows } from './fixture'

const calendar = defaultCalendar

describe('periods', () => {
  it('gives the month, quarter and year that hold a date', () => {
    expect(periodOf('month', '2026-02-11')).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    expect(periodOf('month', '2028-02-11')).toEqual({ from: '2028-02-01', to: '2028-02-29' })
    expect(periodOf('quarter', '2026-11-04')).toEqual({ from: '2026-10-01', to: '2026-12-31' })
    expect(periodOf('quarter', '2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' })
    expect(periodOf('year', '2026-07-01')).toEqual({ from: '2026-01-01', to: '2026-12-31' })
    expect(periodOf('all', '2026-07-01')).toBe(allTime)
    expect(customPeriod('2026-09-30', '2026-09-01')).toEqual({ from: '2026-09-01', to: '2026-09-30' })
  })

  it('dates an instant in Shanghai', () => {
    expect(shanghaiDateOf('2026-09-30T16:30:00.000Z')).toBe('2026-10-01')
    expect(shanghaiDateOf('2026-09-30T15:59:59.000Z')).toBe('2026-09-30')
  })

  it('takes the median of an odd and an even count, null of none', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNull()
  })

  it('counts working days as the calendar does, each pair once', () => {
    const count = workingDayCounter(calendar)
    expect(count('2026-09-30', '2026-10-10')).toBe(workingDaysBetween(calendar, '2026-09-30', '2026-10-10'))
    expect(count('2026-09-30', '2026-10-10')).toBe(3)
  })
})

describe('townshipStats', () => {
  it("gives each village, over all time, exactly its own ledger's funnel", () => {
    const stats = townshipStats(townshipRows(), allTime, { calendar })
    for (const village of [villageA, villageB]) {
      const ledger = funnel(villageRows(village.id)).byVillage[village.id]!
      const mine = stats.byVillage[village.id]!
      expect({
        collected: mine.collected, onAgenda: mine.onAgenda, decided: mine.decided, escalated: mine.escalated,
        resolved: mine.resolved, rated: mine.rated, rulesFormed: mine.rulesFormed,
      }).toEqual({
        collected: ledger.collected, onAgenda: ledger.onAgenda, decided: ledger.decided, escalated: ledger.escalated,
        resolved: ledger.resolved, rated: ledger.rated, rulesFormed: ledger.rulesFormed,
      })
      // and a cadre's page (their village only, from their device's rows) shows the same figures
      expect(townshipStats(villageRows(village.id), allTime, { calendar, villageIds: [village.id] }).byVillage[village.id]).toEqual(mine)
    }
    expect(stats.total.collected).toBe(12)
    expect(stats.total.collected).toBe(stats.byVillage[villageA.id]!.collected + stats.byVillage[villageB.id]!.collected)
  })

  it('counts the cohort of a period, finished work, ratings and meetings', () => {
    const stats = townshipStats(townshipRows(), periodOf('month', '2026-09-15'), { calendar })
    const b = stats.byVillage[villageB.id]!
    // the August suggestion is left out
    expect(b.collected).toBe(3)
    expect(b.decided).toBe(1)
    expect(b.escalated).toBe(1)
    expect(b.resolved).toBe(2)
    expect(b.resolutionRate).toBeCloseTo(2 / 3)
    // decision done 22 Sep, due 17 Sep: late (6 working days: Sunday 20 Sep is a 调休 workday);
    // escalation resolved 10 Sep, due 11 Sep: on time
    expect(b.finished).toBe(2)
    expect(b.finishedOnTime).toBe(1)
    expect(b.onTimeRate).toBe(0.5)
    expect(b.decisionDays).toBe(6)
    expect(b.escalationDays).toBe(3)
    expect(b.ratingMean).toBe(4)
    expect(b.resolvedShare).toBe(0.5)
    expect(b.meetings).toBe(1)
    expect(b.attendance).toBe(42)

    const a = stats.byVillage[villageA.id]!
    expect(a.collected).toBe(8)
    expect(a.rulesFormed).toBe(1)
    // two decisions done on 17 Sep (decided 10 Sep): 5 working days each, both by their deadline
    expect(a.decisionDays).toBe(5)
    expect(a.escalationDays).toBeNull()
    expect(a.onTimeRate).toBe(1)
    expect(a.meetings).toBe(1)

    expect(stats.total.finished).toBe(4)
    expect(stats.total.onTimeRate).toBe(0.75)
    expect(stats.total.decisionDays).toBe(5)
    expect(stats.total.meetings).toBe(2)
    expect(stats.trend).toEqual([{ month: '2026-09', collected: 11, escalated: 1, finished: 4 }])
  })

  it('shows every month of a period in the trend, empty ones as zeros', () => {
    const stats = townshipStats(townshipRows(), periodOf('quarter', '2026-08-01'), { calendar })
    expect(stats.trend.map((m) => [m.month, m.collected])).toEqual([['2026-07', 0], ['2026-08', 1], ['2026-09', 11]])
  })

  it('gives zeros and no rates for a period without records', () => {
    const stats = townshipStats(townshipRows(), customPeriod('2025-01-01', '2025-01-31'), { calendar })
    expect(stats.total).toMatchObject({ collected: 0, resolutionRate: null, onTimeRate: null, decisionDays: null, ratingMean: null, meetings: 0 })
    expect(stats.villageIds).toEqual([villageA.id, villageB.id])
  })
})
