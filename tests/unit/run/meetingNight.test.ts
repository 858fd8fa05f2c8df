// The lighter meeting night: one-tap reports, speakers picked from names, the topic being
// recorded kept across a reload, and a report-back list that keeps its order.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { effectScope } from 'vue'
import RunStepDiscussion from '@app/components/run/RunStepDiscussion.vue'
import RunStepReportBack from '@app/components/run/RunStepReportBack.vue'
import type { ReportPayload, ViewPayload } from '@app/components/run/runPayloads'
import zh from '@app/locales/zh-CN'
import { useMeetingRunStore, villageSpeakers } from '@app/stores/meetingRun'
import type { ReportItem } from '@app/stores/meetingRun'
import { useSessionStore } from '@app/stores/session'
import { aDecision, aMeeting, aRemark, aSuggestion, aTopic, anEscalation, EVENING, ids } from '../builders'
import { mountWithApp } from '../helpers/mount'
import { BLANK_ROUTE, decisionItem, escalationItem, resetDb, runTopic, seed, sessionAs, tonight } from './fixtures'

const meeting = tonight()

describe('one-tap reports at the report-back', () => {
  beforeEach(() => localStorage.clear())

  async function mountStep(items: ReportItem[]) {
    const { wrapper } = await mountWithApp(RunStepReportBack, { route: BLANK_ROUTE, props: { meetingId: meeting.id, items } })
    return wrapper
  }
  const quickButtons = (card: ReturnType<Awaited<ReturnType<typeof mountStep>>['get']>) =>
    card.get(`[role="group"][aria-label="${zh.run.report.quickLabel}"]`).findAll('button')

  it('reports 无变化, 进行中 or 已办结 on an open decision with one tap each', async () => {
    const lamp = decisionItem(aDecision({ text: '修好村东路灯' }))
    const wrapper = await mountStep([lamp])
    const buttons = quickButtons(wrapper.get('article'))
    expect(buttons.map((b) => b.text())).toEqual(['无变化', '进行中', '已办结'])
    for (const button of buttons) await button.trigger('click')
    const payloads = wrapper.emitted<[ReportPayload]>('report')!.map(([p]) => [p.text, p.outcome])
    expect(payloads).toEqual([['无变化', 'in_progress'], ['进行中', 'in_progress'], ['已办结', 'done']])
  })

  it('crosses off a resolved escalation with 已办结, and offers no 已办结 where the village cannot cross off', async () => {
    const resolved = escalationItem(anEscalation({ status: 'resolved', title: '村西桥面破损' }))
    const working = escalationItem(anEscalation({ status: 'assigned', title: '道路修补' }))
    const wrapper = await mountStep([resolved, working])
    const [first, second] = wrapper.findAll('article')
    await quickButtons(first!).find((b) => b.text() === '已办结')!.trigger('click')
    expect(wrapper.emitted<[ReportPayload]>('report')![0]![0]).toMatchObject({ text: '已办结', outcome: 'result_received' })
    expect(quickButtons(second!).map((b) => b.text())).toEqual(['无变化', '进行中'])
  })
})

describe('the report-back list', () => {
  const scope = effectScope()
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date(EVENING))
    await resetDb()
    setActivePinia(createPinia())
    useSessionStore().session = sessionAs('cadre')
  })
  afterEach(() => vi.useRealTimers())

  it('keeps every item in its place when one is crossed off', async () => {
    const september = aMeeting({ startsAt: '2026-09-10T11:30:00.000Z', status: 'closed' })
    const first = aDecision({ meetingId: september.id, text: '修好村东路灯', dueOn: '2026-09-20' })
    const second = aDecision({ meetingId: september.id, text: '清理东街排水沟', dueOn: '2026-09-25' })
    const third = aDecision({ meetingId: september.id, text: '规范集市摆摊', dueOn: '2026-10-20' })
    await seed({ meetings: [september, meeting], decisions: [first, second, third] })
    const store = useMeetingRunStore()
    const items = scope.run(() => store.watchReportBack(meeting))!
    await vi.waitFor(() => expect(items.value).toHaveLength(3))
    const order = () => items.value!.map((i) => i.title)
    expect(order()).toEqual(['修好村东路灯', '清理东街排水沟', '规范集市摆摊'])

    expect((await store.report(meeting.id, items.value![0]!, '已办结', 'done')).ok).toBe(true)
    await vi.waitFor(() => expect(items.value![0]!.open).toBe(false))
    expect(order()).toEqual(['修好村东路灯', '清理东街排水沟', '规范集市摆摊'])
  })

  it('offers the names already used in the village, most recent first', async () => {
    await seed({
      remarks: [
        aRemark({ kind: 'view', speaker: '刘大爷' }),
        aRemark({ kind: 'view', speaker: '孙大娘' }),
        aRemark({ kind: 'view', speaker: null }),
        aRemark({ kind: 'view', speaker: '刘大爷' }),
        aRemark({ kind: 'view', speaker: '别村的人', villageId: ids.otherVillage }),
      ],
      suggestions: [aSuggestion({ source: 'on_site', submitterName: '王婶' }), aSuggestion({ source: 'collector', submitterName: '入户的人' })],
    })
    expect(await villageSpeakers(ids.village)).toEqual(['王婶', '刘大爷', '孙大娘'])
  })
})

describe('群众议事', () => {
  beforeEach(() => localStorage.clear())
  const lamps = aTopic({ title: '修路灯', meetingId: meeting.id })
  const ditch = aTopic({ title: '疏通排水沟', meetingId: meeting.id, order: 1 })

  async function mountStep(speakers: string[] = []) {
    const { wrapper } = await mountWithApp(RunStepDiscussion, {
      route: BLANK_ROUTE,
      props: { meetingId: meeting.id, topics: [runTopic(lamps), runTopic(ditch)], openViews: [], questions: [], speakers },
    })
    return wrapper
  }

  it('reopens after a reload on the topic that was being recorded, with its draft', async () => {
    const before = await mountStep()
    await before.findAll('button').find((b) => b.text().startsWith('2. 疏通排水沟'))!.trigger('click')
    await before.get('textarea[name="view"]').setValue('沟里的垃圾要先清')
    before.unmount()

    const after = await mountStep()
    expect(after.get('[aria-pressed="true"]').text()).toContain('2. 疏通排水沟')
    expect((after.get('textarea[name="view"]').element as HTMLTextAreaElement).value).toBe('沟里的垃圾要先清')
  })

  it('takes the speaker from a chip with one tap, and typing still works', async () => {
    const wrapper = await mountStep(['刘大爷', '孙大娘'])
    const chips = wrapper.get(`[role="group"][aria-label="${zh.run.discussion.speakers}"]`).findAll('button')
    expect(chips.map((c) => c.text())).toEqual(['刘大爷', '孙大娘'])
    await chips[1]!.trigger('click')
    expect((wrapper.get('input[name="speaker"]').element as HTMLInputElement).value).toBe('孙大娘')
    expect(chips[1]!.attributes('aria-pressed')).toBe('true')
    await wrapper.get('textarea[name="view"]').setValue('排水沟要加盖板')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.emitted<[ViewPayload]>('view')![0]![0]).toMatchObject({ text: '排水沟要加盖板', speaker: '孙大娘' })

    await wrapper.get('input[name="speaker"]').setValue('新来的赵叔')
    await flushPromises()
    expect(chips.every((c) => c.attributes('aria-pressed') === 'false')).toBe(true)
  })
})

