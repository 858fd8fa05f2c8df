import { describe, expect, it } from 'vitest'
import {
  addWorkingDays, calendarOf, defaultCalendar, dueStatus, isKnownYear, parseHolidayNotice, unknownYearsBetween,
  unknownYearsOf, workingDaysBetween,
} from '@shared/calendar'
import { yearData } from '@shared/calendar/yearData'
import { policyDeadline } from '@shared/deadlines'
import { defaultDeadlinePolicy, township as townshipSchema } from '@shared/records'

// The wording of the State Council's notice for 2026 (国办发明电〔2025〕7号), as published.
const notice2026 = `国务院办公厅关于2026年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。`

// An illustrative 2027 as an administrator would enter it (not the published arrangement).
const entered2027 = {
  year: 2027,
  holidays: { '2027-01-01': '元旦', '2027-01-02': '元旦', '2027-01-03': '元旦' },
  workdays: { '2027-01-09': '元旦' },
}

const township = (holidayYears?: unknown[]) =>
  townshipSchema.parse({
    id: '01900000-0000-7000-8000-000000000001', version: 1, createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z', deletedAt: null, name: '单县', policy: defaultDeadlinePolicy,
    ...(holidayYears ? { holidayYears } : {}),
  })

describe('parseHolidayNotice', () => {
  it('reads the 2026 notice into exactly the published days off and 调休 working days', async () => {
    const parsed = parseHolidayNotice(notice2026, 2026)
    const reference = (await import('chinese-days/dist/years/2026.json')).default
    expect(Object.keys(parsed.holidays).sort()).toEqual(Object.keys(reference.holidays).sort())
    expect(Object.keys(parsed.workdays).sort()).toEqual(Object.keys(reference.workdays).sort())
    expect(parsed.holidays['2026-02-15']).toBe('春节')
    expect(parsed.workdays['2026-09-20']).toBe('国庆节')
    expect(parsed.unread).toEqual([])
    expect(yearData.safeParse(parsed).success).toBe(true)
  })

  it('reads a single day off, full-width digits and a date with its own year', () => {
    const parsed = parseHolidayNotice('一、元旦：１月１日（周三）放假１天，不调休。二、春节：2026年12月31日（周四）上班。', 2027)
    expect(parsed.holidays).toEqual({ '2027-01-01': '元旦' })
    // Kept as written, so the year's validation names it to the person.
    expect(parsed.workdays).toEqual({ '2026-12-31': '春节' })
    const checked = yearData.safeParse(parsed)
    expect(checked.success).toBe(false)
    expect(checked.error?.issues.map((i) => i.message)).toContain('date_outside_year')
  })

  it('lists what it cannot read instead of guessing', () => {
    const parsed = parseHolidayNotice('一、元旦：2月30日放假。二、春节：放假时间另行通知。', 2027)
    expect(parsed.holidays).toEqual({})
    expect(parsed.unread).toEqual(['元旦：2月30日放假'])
    expect(parseHolidayNotice('明年放假安排', 2027).unread).toEqual(['明年放假安排'])
  })
})

describe('yearData validation of an entered year', () => {
  it('accepts a year whose dates are all inside it', () => {
    expect(yearData.safeParse(entered2027).success).toBe(true)
  })

  it.each([
    ['a date of another year', { ...entered2027, holidays: { ...entered2027.holidays, '2026-12-31': '元旦' } }, 'date_outside_year'],
    ['a day both off and working', { ...entered2027, workdays: { '2027-01-02': '元旦' } }, 'both_holiday_and_workday'],
    ['a 调休 day that is a weekday', { ...entered2027, workdays: { '2027-01-04': '元旦' } }, 'workday_not_weekend'],
    ['no day off at all', { ...entered2027, holidays: {} }, 'no_holidays'],
  ])('refuses %s', (_name, data, message) => {
    const checked = yearData.safeParse(data)
    expect(checked.success).toBe(false)
    expect(checked.error?.issues.map((i) => i.message)).toContain(message)
  })
})

describe('calendarOf', () => {
  it('is the bundled calendar for a township without entered years', () => {
    expect(calendarOf(township())).toBe(defaultCalendar)
    expect(calendarOf(null)).toBe(defaultCalendar)
  })

  it('counts working days with an entered year', () => {
    const cal = calendarOf(township([entered2027]))
    expect(isKnownYear(cal, 2027)).toBe(true)
    expect(isKnownYear(cal, 2026)).toBe(true)
    // Set on Fri 2026-12-04: without 2027, 元旦 (Fri 1 Jan) would count; with it, it does not.
    expect(workingDaysBetween(defaultCalendar, '2026-12-04', '2027-01-04')).toBe(21)
    expect(workingDaysBetween(cal, '2026-12-04', '2027-01-04')).toBe(20)
    expect(addWorkingDays(cal, '2026-12-31', 1)).toBe('2027-01-04')
    // Sat 9 Jan is worked (调休).
    expect(addWorkingDays(cal, '2027-01-08', 1)).toBe('2027-01-09')
    expect(dueStatus(cal, '2027-01-04', '2026-12-31')).toEqual({ status: 'on_time', workingDaysLeft: 1 })
  })

  it('keeps the same calendar while the row is unchanged and ignores a year that does not validate', () => {
    const row = township([entered2027])
    expect(calendarOf(row)).toBe(calendarOf(row))
    const bad = calendarOf({ holidayYears: [{ ...entered2027, year: 2028 }] })
    expect(isKnownYear(bad, 2028)).toBe(false)
  })

  it('lets an entered year replace a bundled one', () => {
    const cal = calendarOf(township([{ year: 2026, holidays: { '2026-12-07': '假日' }, workdays: {} }]))
    expect(addWorkingDays(cal, '2026-12-04', 1)).toBe('2026-12-08')
    expect(addWorkingDays(cal, '2026-10-01', 1)).toBe('2026-10-02')
  })
})

describe('the unknown-year warning', () => {
  it('names the years a range reaches without data', () => {
    expect(unknownYearsBetween(defaultCalendar, '2026-12-04', '2027-01-04')).toEqual([2027])
    expect(unknownYearsBetween(defaultCalendar, '2027-01-04', '2026-12-04')).toEqual([2027])
    expect(unknownYearsBetween(defaultCalendar, '2026-12-04', '2026-12-31')).toEqual([])
    expect(unknownYearsBetween(calendarOf(township([entered2027])), '2026-12-04', '2027-01-04')).toEqual([])
    expect(unknownYearsOf(defaultCalendar, [['2026-12-04', '2028-01-02'], ['2023-12-29', '2026-12-04']])).toEqual([2023, 2027, 2028])
  })
})

describe('policyDeadline', () => {
  it('applies the policy and the calendar to the deadline set now; a stored deadline keeps its date', () => {
    const before = township([entered2027])
    const stored = policyDeadline(before, 'townshipDays', '2026-12-30')
    expect(stored).toBe('2027-01-05')
    const after = { ...before, policy: { ...before.policy, townshipDays: 5 } }
    expect(policyDeadline(after, 'townshipDays', '2026-12-30')).toBe('2027-01-07')
    // Without 2027 the same policy would have put 元旦 among the working days.
    expect(policyDeadline(township(), 'townshipDays', '2026-12-30')).toBe('2027-01-04')
    expect(stored).toBe('2027-01-05')
  })
})
