import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { effectScope } from 'vue'
import { defaultCalendar, dueStatus } from '@shared/calendar'
import { useDb } from '@app/db'
import { idAt, useMeetingRunStore } from '@app/stores/meetingRun'
import type { ReportItem } from '@app/stores/meetingRun'
import { useSessionStore } from '@app/stores/session'
import { aDecision, aMeeting, aRemark, aTopic, anEscalation, EVENING, testId } from '../builders'
import { outboxNames, resetDb, seed, sessionAs, tonight } from './fixtures'

const september = aMeeting({ startsAt: '2026-09-10T11:30:00.000Z', status: 'closed' })
const meeting = tonight()
const scope = effectScope()

function store() {
  setActivePinia(createPinia())
  useSessionStore().session = sessionAs('cadre')
  return useMeetingRunStore()
}

async function reportBack(): Promise<ReportItem[]> {
  const items = scope.run(() => store().watchReportBack(meeting))!
  await vi.waitFor(() => expect(items.value).toBeDefined())
  return items.value!
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date(EVENING))
  await resetDb()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('meetingRun store', () => {
  it("lists earlier meetings' open decisions and escalations, not tonight's own", async () => {
    const earlier = aDecision({ meetingId: september.id, text: '修好村东路灯', dueOn: '2026-09-20' })
    const own = aDecision({ meetingId: meeting.id, text: '今晚定的事', dueOn: '2026-10-20' })
    const crossedOff = aDecision({ meetingId: september.id, status: 'done' })
    const working = anEscalation({ status: 'assigned', dueOn: '2026-10-15', title: '村西桥面破损需维修' })
    await seed({ meetings: [september, meeting], decisions: [earlier, own, crossedOff], escalations: [working] })
    const items = await reportBack()
    expect(items.map((i) => [i.kind, i.title, i.open])).toEqual([
      ['decision', '修好村东路灯', true],
      ['escalation', '村西桥面破损需维修', true],
    ])
    // Counted on the working-day calendar from today, 9 October.
    expect(items[0]!.due).toEqual(dueStatus(defaultCalendar, '2026-09-20', '2026-10-09'))
    expect(items[0]!.due?.status).toBe('overdue')
  })

  it("counts as tonight's reports only those recorded from the meeting's day on", async () => {
    const earlier = aDecision({ meetingId: september.id, text: '修好村东路灯' })
    const lastMonth = aRemark({
      id: idAt(Date.parse('2026-09-10T12:00:00.000Z')).replace(/0000$/, '0001'), subjectType: 'decision',
      subjectId: earlier.id, kind: 'followup', text: '九月说过了',
    })
    const tonightsReport = aRemark({
      id: idAt(Date.parse(EVENING)).replace(/0000$/, '0002'), subjectType: 'decision', subjectId: earlier.id,
      kind: 'followup', text: '十月的汇报',
    })
    await seed({ meetings: [september, meeting], decisions: [earlier], remarks: [lastMonth, tonightsReport] })
    const [item] = await reportBack()
    expect(item!.reports.map((r) => r.text)).toEqual(['十月的汇报'])
  })

  it('writes nothing at all when one part of a report is refused', async () => {
    const topic = aTopic({ meetingId: september.id, suggestionIds: [testId(0x77)], outcome: 'decided' })
    const earlier = aDecision({ meetingId: september.id, topicId: topic.id })
    await seed({ meetings: [september, meeting], topics: [topic], decisions: [earlier] })
    const [item] = await reportBack()
    // The phone's copy of the topic's list is out of date: decision.complete is refused after remark.add passed.
    const stale = { ...item!, topic: { ...topic, suggestionIds: [] } }
    const result = await store().report(stale, '已经修好了', 'done')
    expect(result).toMatchObject({ ok: false, rejection: { code: 'invalid_args', detail: 'list_changed' } })
    expect(await useDb().remarks.count()).toBe(0)
    expect(await outboxNames()).toEqual([])
    expect((await useDb().decisions.get(earlier.id))?.status).toBe('open')
    expect(await useDb().meta.get('nextMid')).toBeUndefined()
  })
})
