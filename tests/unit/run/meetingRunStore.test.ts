import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { effectScope } from 'vue'
import { defaultCalendar, dueStatus } from '@shared/calendar'
import { useDb } from '@app/db'
import { idAt } from '@shared/ledger'
import { useMeetingRunStore } from '@app/stores/meetingRun'
import type { ReportItem } from '@app/stores/meetingRun'
import { useSessionStore } from '@app/stores/session'
import { aDecision, aMeeting, aRemark, aSuggestion, aTopic, anEscalation, EVENING, testId } from '../builders'
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

  it("counts as tonight's reports those that name tonight's meeting, whatever the phone's clock says", async () => {
    const earlier = aDecision({ meetingId: september.id, text: '修好村东路灯' })
    const lastMonth = aRemark({ subjectType: 'decision', subjectId: earlier.id, kind: 'followup', text: '九月说过了', meetingId: september.id })
    const tonightsReport = aRemark({
      id: idAt(Date.parse('2026-09-10T12:00:00.000Z')).replace(/0000$/, '0002'), subjectType: 'decision',
      subjectId: earlier.id, kind: 'followup', text: '十月的汇报', meetingId: meeting.id,
    })
    // Typed on this phone tonight, outside meeting mode: it names no meeting.
    const aside = aRemark({
      id: idAt(Date.parse(EVENING)).replace(/0000$/, '0003'), subjectType: 'decision', subjectId: earlier.id,
      kind: 'followup', text: '顺便记一笔',
    })
    await seed({ meetings: [september, meeting], decisions: [earlier], remarks: [lastMonth, tonightsReport, aside] })
    const [item] = await reportBack()
    expect(item!.reports.map((r) => r.text)).toEqual(['十月的汇报'])
  })

  it("lists as tonight's questions only the on-site suggestions raised at it", async () => {
    // Made today on the phone's clock (as the demo's rows are, when the server starts), raised at September's.
    const septemberQuestion = aSuggestion({
      id: idAt(Date.parse(EVENING) - 3_600_000).replace(/0000$/, '0005'), source: 'on_site', content: '红白事定个规矩',
      meetingId: september.id,
    })
    const earlierToday = aSuggestion({ id: idAt(Date.parse(EVENING) - 7_200_000).replace(/0000$/, '0006'), source: 'on_site', content: '下午打电话说的事' })
    const raised = aSuggestion({ source: 'on_site', content: '村里能不能建个快递点', meetingId: meeting.id })
    await seed({ meetings: [september, meeting], suggestions: [septemberQuestion, earlierToday, raised] })
    const view = scope.run(() => store().watchRun(meeting.id))!
    await vi.waitFor(() => expect(view.value).toBeTruthy())
    expect(view.value!.questions.map((q) => q.content)).toEqual(['村里能不能建个快递点'])
  })

  it('records a report, a view and a question with the meeting they were given at', async () => {
    const earlier = aDecision({ meetingId: september.id })
    const topic = aTopic({ meetingId: meeting.id })
    await seed({ meetings: [september, meeting], decisions: [earlier], topics: [topic] })
    const [item] = await reportBack()
    const run = store()
    expect((await run.report(meeting.id, item!, '还在办', 'in_progress')).ok).toBe(true)
    expect((await run.addView(meeting, { type: 'topic', id: topic.id }, '同意', '刘大爷')).ok).toBe(true)
    expect((await run.raiseQuestion(meeting, '村里能不能建个快递点', '王婶')).ok).toBe(true)
    expect((await useDb().remarks.toArray()).map((r) => [r.kind, r.meetingId])).toEqual([['followup', meeting.id], ['view', meeting.id]])
    expect((await useDb().suggestions.toArray()).map((s) => [s.source, s.meetingId])).toEqual([['on_site', meeting.id]])
  })

  it('writes nothing at all when one part of a report is refused', async () => {
    const topic = aTopic({ meetingId: september.id, suggestionIds: [testId(0x77)], outcome: 'decided' })
    const earlier = aDecision({ meetingId: september.id, topicId: topic.id })
    await seed({ meetings: [september, meeting], topics: [topic], decisions: [earlier] })
    const [item] = await reportBack()
    // The phone's copy of the topic's list is out of date: decision.complete is refused after remark.add passed.
    const stale = { ...item!, topic: { ...topic, suggestionIds: [] } }
    const result = await store().report(meeting.id, stale, '已经修好了', 'done')
    expect(result).toMatchObject({ ok: false, rejection: { code: 'invalid_args', detail: 'list_changed' } })
    expect(await useDb().remarks.count()).toBe(0)
    expect(await outboxNames()).toEqual([])
    expect((await useDb().decisions.get(earlier.id))?.status).toBe('open')
    expect(await useDb().meta.get('nextMid')).toBeUndefined()
  })
})
