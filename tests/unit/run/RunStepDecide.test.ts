import { beforeEach, describe, expect, it } from 'vitest'
import RunStepDecide from '@app/components/run/RunStepDecide.vue'
import type { DecidePayload, EscalatePayload } from '@app/components/run/runPayloads'
import zh from '@app/locales/zh-CN'
import type { RunTopic } from '@app/stores/meetingRun'
import { aDecision, aSuggestion, aTopic } from '../builders'
import { mountWithApp } from '../helpers/mount'
import { BLANK_ROUTE, runTopic } from './fixtures'

const meetingId = '0190f5a0-0000-7000-8000-00000000aaaa'
/** Friday 9 October 2026, the day after the National Day holiday; Saturday the 10th is a 调休 workday. */
const today = '2026-10-09'

const lamps = aTopic({ title: '修路灯', meetingId })
const east = aSuggestion({ content: '村东头路灯坏了', status: 'on_agenda', topicId: lamps.id })
const school = aSuggestion({ content: '小学门口没有路灯', status: 'on_agenda', topicId: lamps.id })
const pending = runTopic({ ...lamps, suggestionIds: [east.id, school.id] }, [east, school])

async function mountStep(topics: RunTopic[] = [pending], readonly = false) {
  const { wrapper } = await mountWithApp(RunStepDecide, { route: BLANK_ROUTE, props: { meetingId, topics, today, readonly } })
  return wrapper
}

type Wrapper = Awaited<ReturnType<typeof mountStep>>
const button = (wrapper: Wrapper, label: string) => {
  const found = wrapper.findAll('button').find((b) => b.text() === label)
  if (!found) throw new Error(`no button ${label} in:\n${wrapper.text()}`)
  return found
}
const radio = (wrapper: Wrapper, label: string) => wrapper.findAll('[role="radio"]').find((r) => r.text() === label)!

beforeEach(() => localStorage.clear())

describe('RunStepDecide', () => {
  it('offers to decide, escalate or defer a pending topic, and nothing for a deferred one', async () => {
    const deferred = runTopic(aTopic({ title: '东街排水沟', outcome: 'deferred' }))
    const wrapper = await mountStep([pending, deferred])
    const [first, second] = wrapper.findAll('article')
    expect(first!.findAll('button').map((b) => b.text())).toEqual([
      zh.run.decide.actions.decide, zh.run.decide.actions.escalate, zh.run.decide.actions.defer,
    ])
    expect(second!.text()).toContain(zh.run.outcome.deferred)
    expect(second!.findAll('button')).toHaveLength(0)
  })

  it('refuses a decision without text, 专人 or a valid number of working days, in Chinese', async () => {
    const wrapper = await mountStep()
    await button(wrapper, zh.run.decide.actions.decide).trigger('click')
    await wrapper.get('input[name="days"]').setValue('0')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain(zh.run.validation.text_required)
    expect(wrapper.text()).toContain(zh.run.validation.owner_required)
    expect(wrapper.text()).toContain('工作日数请填 1 到 60 之间的整数')
    expect(wrapper.emitted('decide')).toBeUndefined()
  })

  it('refuses a deadline date in the past', async () => {
    const wrapper = await mountStep()
    await button(wrapper, zh.run.decide.actions.decide).trigger('click')
    await wrapper.get('textarea[name="text"]').setValue('本周内修好村东路灯')
    await wrapper.get('input[name="owner"]').setValue('张主任')
    await radio(wrapper, zh.run.decide.dueMode.date).trigger('click')
    await wrapper.get('input[name="dueOn"]').setValue('2026-10-08')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain(zh.run.validation.due_past)
    expect(wrapper.emitted('decide')).toBeUndefined()
  })

  it('turns N working days into a date on the working-day calendar and emits the decision', async () => {
    const wrapper = await mountStep()
    await button(wrapper, zh.run.decide.actions.decide).trigger('click')
    await wrapper.get('textarea[name="text"]').setValue(' 本周内修好村东路灯 ')
    await wrapper.get('input[name="owner"]').setValue('张主任')
    await wrapper.get('input[name="days"]').setValue('3')
    // Saturday the 10th is a workday (调休), Sunday is not: three working days end on Tuesday the 13th.
    expect(wrapper.text()).toContain('即 2026-10-13 前办完')
    await radio(wrapper, zh.run.decide.kinds.rule).trigger('click')
    await wrapper.get('form').trigger('submit')
    const [payload] = wrapper.emitted<[DecidePayload]>('decide')![0]!
    expect(payload).toMatchObject({
      topicId: lamps.id,
      input: { text: '本周内修好村东路灯', owner: '张主任', dueOn: '2026-10-13', kind: 'rule' },
    })
  })

  it('escalates with the suggestions still waiting on the topic that the cadre keeps ticked', async () => {
    const wrapper = await mountStep()
    await button(wrapper, zh.run.decide.actions.escalate).trigger('click')
    expect((wrapper.get('input[name="title"]').element as HTMLInputElement).value).toBe('修路灯')
    await wrapper.findAll('[role="checkbox"]').find((c) => c.text() === '小学门口没有路灯')!.trigger('click')
    await wrapper.get('textarea[name="details"]').setValue('需要镇里出钱')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.emitted<[EscalatePayload]>('escalate')![0]![0]).toMatchObject({
      topicId: lamps.id, title: '修路灯', details: '需要镇里出钱', suggestionIds: [east.id],
    })
  })

  it('defers only after the cadre confirms', async () => {
    const wrapper = await mountStep()
    await button(wrapper, zh.run.decide.actions.defer).trigger('click')
    expect(wrapper.text()).toContain(zh.run.decide.deferConfirm)
    expect(wrapper.emitted('defer')).toBeUndefined()
    await button(wrapper, zh.run.decide.deferSubmit).trigger('click')
    expect(wrapper.emitted('defer')).toEqual([[lamps.id]])
  })

  it('lists the decisions taken with 专人 and 时限, and offers no action when read-only', async () => {
    const decided = runTopic({ ...lamps, outcome: 'decided' }, [], {
      decisions: [aDecision({ text: '本周内修好村东路灯', owner: '张主任', dueOn: '2026-10-13', kind: 'rule' })],
    })
    const wrapper = await mountStep([decided], true)
    expect(wrapper.text()).toContain('本周内修好村东路灯（专人 张主任，2026-10-13 前）')
    expect(wrapper.text()).toContain(zh.run.decide.kinds.rule)
    expect(wrapper.findAll('button')).toHaveLength(0)
  })
})
