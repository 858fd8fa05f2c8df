import { describe, expect, it } from 'vitest'
import { isWorkday as referenceIsWorkday } from 'chinese-days'
import {
  addWorkingDays, bundledYears, defaultCalendar, dueStatus, isKnownYear,
  isWorkday, todayInShanghai, workingDaysBetween,
} from '@shared/calendar'
import { addYear, createCalendar, yearData } from '@shared/calendar/yearData'

const cal = defaultCalendar

// An illustrative 2027, not the published arrangement: Fri 1 – Sun 3 Jan off, Mon 8 and Tue 9 Feb
// off, Sat 20 Feb worked.
const year2027 = {
  year: 2027,
  holidays: {
    '2027-01-01': "New Year's Day,元旦,1",
    '2027-01-02': "New Year's Day,元旦,1",
    '2027-01-03': "New Year's Day,元旦,1",
    '2027-02-08': 'Spring Festival,春节,4',
    '2027-02-09': 'Spring Festival,春节,4',
  },
  workdays: { '2027-02-20': 'Spring Festival,春节,4' },
}

describe('isWorkday', () => {
  it.each([
    // plain weeks
    ['2026-11-27', true], ['2026-11-28', false], ['2026-11-29', false], ['2026-11-30', true],
    // 春节 2026: Feb 15–23 off, Sat Feb 14 and Sat Feb 28 worked
    ['2026-02-13', true], ['2026-02-14', true], ['2026-02-15', false], ['2026-02-16', false],
    ['2026-02-20', false], ['2026-02-23', false], ['2026-02-24', true], ['2026-02-28', true],
    ['2026-03-01', false],
    // 中秋 2026 Sep 25–27, 国庆 2026 Oct 1–7 off; Sun Sep 20 and Sat Oct 10 worked
    ['2026-09-19', false], ['2026-09-20', true], ['2026-09-25', false], ['2026-09-28', true],
    ['2026-10-01', false], ['2026-10-05', false], ['2026-10-07', false], ['2026-10-08', true],
    ['2026-10-10', true], ['2026-10-11', false],
    // 春节 2025: Jan 28 – Feb 4 off; Sun Jan 26 and Sat Feb 8 worked
    ['2025-01-25', false], ['2025-01-26', true], ['2025-01-27', true], ['2025-01-28', false],
    ['2025-02-04', false], ['2025-02-05', true], ['2025-02-08', true], ['2025-02-09', false],
    // 国庆+中秋 2025: Oct 1–8 off; Sun Sep 28 and Sat Oct 11 worked
    ['2025-09-27', false], ['2025-09-28', true], ['2025-10-01', false], ['2025-10-08', false],
    ['2025-10-09', true], ['2025-10-11', true], ['2025-10-12', false],
    // 2024: 国庆 Oct 1–7 off, Sat Oct 12 worked
    ['2024-10-07', false], ['2024-10-12', true],
    // unknown year: plain weekends (Fri 1 Jan 2027 counts as a working day without 2027 data)
    ['2027-01-01', true], ['2027-01-02', false],
  ])('%s → %s', (date, want) => {
    expect(isWorkday(cal, date)).toBe(want)
  })

  it('agrees with chinese-days on every day of the bundled years', () => {
    const differ: string[] = []
    for (let d = new Date('2024-01-01T00:00:00Z'); d.getUTCFullYear() <= 2026; d.setUTCDate(d.getUTCDate() + 1)) {
      const date = d.toISOString().slice(0, 10)
      if (isWorkday(cal, date) !== referenceIsWorkday(date)) differ.push(date)
    }
    expect(differ).toEqual([])
  })

  it.each(['2026-02-30', '2026-2-3', '20261001', '', '2026-10-01T00:00:00Z'])('rejects %j', (date) => {
    expect(() => isWorkday(cal, date)).toThrow(RangeError)
  })
})

describe('addWorkingDays', () => {
  it.each([
    // plain weekends
    ['2026-11-27', 1, '2026-11-30'], ['2026-11-26', 2, '2026-11-30'], ['2026-11-23', 5, '2026-11-30'],
    // set on a weekend: counts from Monday
    ['2026-11-28', 1, '2026-11-30'], ['2026-11-29', 2, '2026-12-01'],
    // 国庆 2026: the day before, 3 working days → Oct 8, 9, Sat 10
    ['2026-09-30', 1, '2026-10-08'], ['2026-09-30', 3, '2026-10-10'], ['2026-09-30', 4, '2026-10-12'],
    // set during the holiday: counts from the first working day after it
    ['2026-10-03', 1, '2026-10-08'], ['2026-10-07', 2, '2026-10-09'],
    // 中秋 2026 then 国庆
    ['2026-09-24', 1, '2026-09-28'], ['2026-09-24', 4, '2026-10-08'],
    // Sun Sep 20 2026 is worked
    ['2026-09-18', 1, '2026-09-20'], ['2026-09-18', 2, '2026-09-21'],
    // 春节 2026
    ['2026-02-13', 1, '2026-02-14'], ['2026-02-13', 2, '2026-02-24'], ['2026-02-12', 3, '2026-02-24'],
    ['2026-02-26', 2, '2026-02-28'], ['2026-02-14', 1, '2026-02-24'],
    // 国庆+中秋 2025
    ['2025-09-30', 1, '2025-10-09'], ['2025-09-30', 3, '2025-10-11'], ['2025-09-30', 4, '2025-10-13'],
    ['2025-09-26', 1, '2025-09-28'], ['2025-10-01', 2, '2025-10-10'],
    // 春节 2025
    ['2025-01-24', 1, '2025-01-26'], ['2025-01-24', 2, '2025-01-27'], ['2025-01-24', 3, '2025-02-05'],
    ['2025-02-06', 2, '2025-02-08'],
    // into a year without data: Fri 1 Jan 2027 is taken as a working day
    ['2026-12-31', 1, '2027-01-01'],
  ] as const)('%s + %i working days → %s', (date, n, want) => {
    expect(addWorkingDays(cal, date, n)).toBe(want)
  })

  it.each([0, -1, 1.5, Number.NaN])('refuses n = %d', (n) => {
    expect(() => addWorkingDays(cal, '2026-10-01', n)).toThrow(RangeError)
  })
})

describe('workingDaysBetween', () => {
  it.each([
    ['2026-11-27', '2026-12-04', 5], ['2026-12-04', '2026-11-27', -5],
    ['2026-10-01', '2026-10-01', 0],
    ['2026-09-30', '2026-10-10', 3], ['2026-10-10', '2026-09-30', -3],
    ['2026-09-30', '2026-10-07', 0], // only holidays in between
    ['2026-02-13', '2026-02-28', 6], // Sat 14, Tue 24 – Fri 27, Sat 28
    ['2025-01-27', '2025-02-08', 4], // Feb 5, 6, 7, Sat 8
    ['2025-09-26', '2025-10-13', 7], // Sun 28, Mon 29, Tue 30, Oct 9, 10, Sat 11, Mon 13
    ['2026-11-28', '2026-11-29', 0], // a weekend
    ['2026-11-27', '2026-11-28', 0], // Fri → Sat: the start day never counts
    ['2026-11-26', '2026-11-27', 1],
  ] as const)('(%s, %s] → %i', (from, to, want) => {
    expect(workingDaysBetween(cal, from, to)).toBe(want)
  })

  it('inverts addWorkingDays for every start day of 2025 and 2026', () => {
    const mismatches: string[] = []
    for (let d = new Date('2025-01-01T00:00:00Z'); d.getUTCFullYear() <= 2026; d.setUTCDate(d.getUTCDate() + 1)) {
      const date = d.toISOString().slice(0, 10)
      for (const n of [1, 2, 3, 5]) {
        const due = addWorkingDays(cal, date, n)
        if (workingDaysBetween(cal, date, due) !== n || !isWorkday(cal, due)) mismatches.push(`${date}+${n}`)
      }
    }
    expect(mismatches).toEqual([])
  })
})

describe('dueStatus', () => {
  it.each([
    ['2026-10-09', '2026-09-30', 'on_time', 2],
    ['2026-10-10', '2026-10-09', 'on_time', 1],
    ['2026-10-04', '2026-10-03', 'on_time', 0], // only days off left, due on a day off
    ['2026-10-09', '2026-10-09', 'due_today', 0],
    ['2026-11-28', '2026-11-28', 'due_today', 0],
    ['2026-10-09', '2026-10-10', 'overdue', -1], // Sat Oct 10 is worked
    ['2026-10-09', '2026-10-12', 'overdue', -2],
    ['2026-11-27', '2026-11-28', 'overdue', 0], // due Friday, Saturday: late, no working day lost yet
  ] as const)('due %s, today %s → %s, %i', (dueOn, today, status, workingDaysLeft) => {
    expect(dueStatus(cal, dueOn, today)).toEqual({ status, workingDaysLeft })
  })
})

describe('todayInShanghai', () => {
  it.each([
    ['2026-09-30T15:59:59Z', '2026-09-30'],
    ['2026-09-30T16:00:00Z', '2026-10-01'],
    ['2026-09-30T16:30:00Z', '2026-10-01'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
    ['2026-10-01T00:00:00+08:00', '2026-10-01'],
    ['2026-10-01T23:59:59+08:00', '2026-10-01'],
    ['2024-02-28T16:00:00Z', '2024-02-29'],
  ])('%s → %s', (instant, want) => {
    expect(todayInShanghai(new Date(instant))).toBe(want)
  })

  it('throws for an invalid date', () => {
    expect(() => todayInShanghai(new Date('not a date'))).toThrow(RangeError)
  })
})

describe('known years', () => {
  it.each([
    [2023, false], [2024, true], [2025, true], [2026, true], [2027, false],
  ])('%i known: %s', (year, want) => {
    expect(isKnownYear(cal, year)).toBe(want)
  })

  it('bundles exactly 2024–2026', () => {
    expect([...cal.years.keys()].sort()).toEqual([...bundledYears])
  })

  it('bundles years that pass the yearData schema (the app builds its calendar from them without zod)', () => {
    for (const year of bundledYears) expect(yearData.safeParse(cal.years.get(year)).success).toBe(true)
    expect(createCalendar([...cal.years.values()])).toEqual(cal)
  })

  it('falls back to plain weekends with no data at all', () => {
    const empty = createCalendar()
    expect(isKnownYear(empty, 2026)).toBe(false)
    expect(isWorkday(empty, '2026-10-01')).toBe(true)
    expect(addWorkingDays(empty, '2026-09-30', 3)).toBe('2026-10-05')
  })
})

describe('addYear', () => {
  it('uses an added 2027 and leaves the original calendar as it was', () => {
    const with2027 = addYear(cal, year2027)
    expect(isKnownYear(with2027, 2027)).toBe(true)
    expect(isWorkday(with2027, '2027-01-01')).toBe(false)
    expect(isWorkday(with2027, '2027-02-20')).toBe(true)
    expect(addWorkingDays(with2027, '2026-12-31', 1)).toBe('2027-01-04')
    // Wed 10 – Fri 12, Mon 15 – Fri 19, Sat 20, Mon 22
    expect(workingDaysBetween(with2027, '2027-02-05', '2027-02-22')).toBe(10)
    // 2026 still counts as before
    expect(addWorkingDays(with2027, '2026-09-30', 3)).toBe('2026-10-10')
    expect(isKnownYear(cal, 2027)).toBe(false)
    expect(addWorkingDays(cal, '2026-12-31', 1)).toBe('2027-01-01')
  })

  it('is what createCalendar builds from a list of years', () => {
    const built = createCalendar([year2027])
    expect([...built.years.keys()]).toEqual([2027])
    expect(isWorkday(built, '2027-01-01')).toBe(false)
    expect(isWorkday(built, '2026-10-01')).toBe(true)
  })

  it('replaces a year already present', () => {
    const corrected = addYear(cal, { year: 2026, holidays: { '2026-01-01': '元旦' }, workdays: {} })
    // the old 2026 data is gone, not merged: Thu Oct 1 is worked and Sat Oct 10 is not
    expect(isWorkday(corrected, '2026-10-01')).toBe(true)
    expect(isWorkday(corrected, '2026-01-01')).toBe(false)
    expect(isWorkday(corrected, '2026-10-10')).toBe(false)
    expect(isWorkday(cal, '2026-10-10')).toBe(true)
  })

  it.each([
    ['not an object', 'nope', ''],
    ['no year', { holidays: { '2027-01-01': '元旦' }, workdays: {} }, 'year'],
    ['a fractional year', { ...year2027, year: 2027.5 }, 'year'],
    ['holidays as a list', { ...year2027, holidays: ['2027-01-01'] }, 'holidays'],
    ['a date that does not exist', { ...year2027, holidays: { '2027-02-30': '春节' } }, 'holidays.2027-02-30'],
    ['a label that is not text', { ...year2027, holidays: { '2027-01-01': 1 } }, 'holidays.2027-01-01'],
    ['no holidays at all', { ...year2027, holidays: {}, workdays: {} }, 'holidays'],
  ])('rejects %s', (_, data, path) => {
    const result = yearData.safeParse(data)
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path.join('.')).toBe(path)
    expect(() => addYear(cal, data)).toThrow()
  })

  it.each([
    ['a date outside the year', { ...year2027, holidays: { '2026-10-01': '国庆节' } }, 'holidays.2026-10-01', 'date_outside_year'],
    ['an adjusted workday on a weekday', { ...year2027, workdays: { '2027-01-04': '元旦' } }, 'workdays.2027-01-04', 'workday_not_weekend'],
    ['a day both off and worked', { ...year2027, workdays: { '2027-01-02': '元旦' } }, 'workdays.2027-01-02', 'both_holiday_and_workday'],
  ])('rejects %s', (_, data, path, message) => {
    const result = yearData.safeParse(data)
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([[path, message]])
    expect(() => addYear(cal, data)).toThrow(message)
  })
})
