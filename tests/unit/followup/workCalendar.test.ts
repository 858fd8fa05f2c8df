import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useDb } from '@app/db'
import { useFollowUpStore } from '@app/stores/followUp'
import { useSessionStore } from '@app/stores/session'
import { aDecision, testId } from '../builders'
import { resetDb, sessionAs } from '../escalation/fixtures'
import { meeting, seedVillage } from './village'

/** Due Tuesday 5 January 2027, across 元旦 (Friday 1 January 2027). */
const acrossNewYear = aDecision({ id: testId(0x9311), meetingId: meeting.id, topicId: null, text: '修村北的桥', owner: '刘主任', dueOn: '2027-01-05' })
const entered2027 = { year: 2027, holidays: { '2027-01-01': '元旦', '2027-01-02': '元旦', '2027-01-03': '元旦' }, workdays: {} }

beforeEach(async () => {
  await resetDb()
  await seedVillage()
  await useDb().decisions.put(acrossNewYear)
  setActivePinia(createPinia())
  const session = useSessionStore()
  session.session = sessionAs('cadre')
  session.loaded = true
  await useDb().townships.put(session.session.township)
})

describe('the follow-through counts with the township’s calendar from the device database', () => {
  it('warns about 2027 until its holidays arrive with the township row, then counts 元旦 as a day off', async () => {
    const store = useFollowUpStore()
    store.follow()
    store.today = '2026-12-04'
    const item = () => store.items.find((i) => i.id === acrossNewYear.id)
    await vi.waitFor(() => expect(item()?.due).toEqual({ status: 'on_time', workingDaysLeft: 22 }))
    expect(store.unknownYears).toEqual([2027])

    // The next sync brings the township row with the year its administrator entered.
    const township = useSessionStore().session!.township
    await useDb().townships.put({ ...township, version: township.version + 1, holidayYears: [entered2027] })
    await vi.waitFor(() => expect(item()?.due).toEqual({ status: 'on_time', workingDaysLeft: 21 }))
    expect(store.unknownYears).toEqual([])
    // The stored deadline itself is unchanged: only the count in working days is.
    expect(item()?.dueOn).toBe('2027-01-05')
  })
})
