import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { useDb } from '@app/db'
import EscalationDue from '@app/components/escalation/EscalationDue.vue'
import { anEscalation, aTownship } from '../builders'
import { mountWithApp } from '../helpers/mount'
import { resetDb, sessionAs } from './fixtures'

/** Accepted on Friday 4 December 2026, due Tuesday 5 January 2027: across 元旦 (1–3 January 2027). */
const acrossNewYear = anEscalation({ status: 'accepted', dueOn: '2027-01-05' })
const entered2027 = { year: 2027, holidays: { '2027-01-01': '元旦', '2027-01-02': '元旦', '2027-01-03': '元旦' }, workdays: {} }

beforeEach(resetDb)

describe('an escalation’s deadline on the desk counts with the township’s calendar', () => {
  it('warns about 2027 and counts Monday–Friday until the township enters it, then counts 元旦 as days off', async () => {
    const { wrapper } = await mountWithApp(EscalationDue, {
      props: { escalation: acrossNewYear, today: '2026-12-04' },
      session: sessionAs('township'),
    })
    await vi.waitFor(() => expect(wrapper.text()).toContain('还剩 22 个工作日'))
    expect(wrapper.find('[data-testid="calendar-warning"]').text()).toBe('2027年节假日安排尚未录入，暂按周一至周五计算。')

    // The next sync brings the township row with the year its administrator entered.
    const township = aTownship()
    await useDb().townships.put({ ...township, version: township.version + 1, holidayYears: [entered2027] })
    await vi.waitFor(() => expect(wrapper.text()).toContain('还剩 21 个工作日'))
    expect(wrapper.find('[data-testid="calendar-warning"]').exists()).toBe(false)
  })
})
