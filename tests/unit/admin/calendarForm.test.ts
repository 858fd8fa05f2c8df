import { describe, expect, it } from 'vitest'
import { parseHolidayNotice } from '@shared/calendar'
import { calendarCheck, datesOf, linesOf } from '@app/components/admin/calendarForm'
import { refusalKey } from '@app/components/admin/adminApi'

const form = (overrides: Partial<Record<'year' | 'holidays' | 'workdays', string>> = {}) => ({
  year: '2027', notice: '', holidays: '2027-01-01 元旦\n2027-01-02 元旦', workdays: '2027-01-09 元旦', ...overrides,
})

describe('the holiday year form', () => {
  it('turns a parsed notice into lines and back', () => {
    const parsed = parseHolidayNotice('一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。1月9日（周六）上班。', 2027)
    const lines = linesOf(parsed.holidays)
    expect(lines).toBe('2027-01-01 元旦\n2027-01-02 元旦\n2027-01-03 元旦')
    expect(datesOf(lines)).toEqual({ dates: parsed.holidays })
    expect(datesOf('2027-01-01 元旦\n1月2日')).toEqual({ line: 2 })
  })

  it('gives the year as the server takes it when every date checks out', () => {
    expect(calendarCheck(form())).toEqual({
      errors: {}, params: {},
      data: { year: 2027, holidays: { '2027-01-01': '元旦', '2027-01-02': '元旦' }, workdays: { '2027-01-09': '元旦' } },
    })
  })

  it.each([
    [{ year: '27' }, 'year', 'admin.validation.year_invalid', undefined],
    [{ holidays: '2027-01-01 元旦\nnext friday' }, 'holidays', 'admin.validation.line_invalid', { line: 2 }],
    [{ holidays: '2026-12-31 元旦' }, 'holidays', 'admin.validation.date_outside_year', { date: '2026-12-31' }],
    [{ workdays: '2027-01-02 元旦' }, 'workdays', 'admin.validation.both_holiday_and_workday', { date: '2027-01-02' }],
    [{ workdays: '2027-01-04 元旦' }, 'workdays', 'admin.validation.workday_not_weekend', { date: '2027-01-04' }],
    [{ holidays: '' }, 'holidays', 'admin.validation.no_holidays', { date: undefined }],
  ])('refuses %j with words naming the date or line', (overrides, field, key, params) => {
    const check = calendarCheck(form(overrides))
    expect(check.data).toBeNull()
    expect(check.errors[field]).toBe(key)
    expect(check.params[field]).toEqual(params)
  })
})

describe('refusalKey', () => {
  it.each([
    [{ status: 403, code: 'forbidden' }, 'admin.refused.forbidden'],
    [{ status: 403, code: 'out_of_scope' }, 'admin.refused.out_of_scope'],
    [{ status: 409, code: 'code_taken' }, 'admin.refused.code_taken'],
    [{ status: 409, code: 'self' }, 'admin.refused.self'],
    [{ status: 0, code: 'offline' }, 'admin.refused.offline'],
    [{ status: 400, code: 'invalid_body' }, 'admin.refused.invalid'],
    [{ status: 502, code: 'http_502' }, 'admin.refused.server'],
  ])('words %j', (result, key) => {
    expect(refusalKey(result)).toBe(key)
  })
})
