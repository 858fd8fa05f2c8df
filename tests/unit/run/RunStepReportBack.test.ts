import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import RunStepReportBack from '@app/components/run/RunStepReportBack.vue'
import type { ReportPayload } from '@app/components/run/runPayloads'
import zh from '@app/locales/zh-CN'
import type { ReportItem } from '@app/stores/meetingRun'
import { aDecision, aRemark, anEscalation } from '../builders'
import { mountWithApp } from '../helpers/mount'
import { BLANK_ROUTE, decisionItem, escalationItem } from './fixtures'

const meetingId = '0190f5a0-0000-7000-8000-00000000aaaa'

async function mountStep(items: ReportItem[] | undefined, readonly = false, mount: { attachTo?: HTMLElement } = {}) {
  const { wrapper } = await mountWithApp(RunStepReportBack, { route: BLANK_ROUTE, props: { meetingId, items, readonly }, mount })
  return wrapper
}

/** Tap 记录汇报 on every item that offers it. */
async function openReports(wrapper: VueWrapper): Promise<void> {
  for (const button of wrapper.findAll('button').filter((b) => b.text() === zh.run.report.open)) await button.trigger('click')
  await flushPromises()
}

const lamp = aDecision({ text: '本周内修好村东路灯', owner: '张主任', dueOn: '2026-10-07' })
const bridge = anEscalation({ title: '村西桥面破损需维修', status: 'resolved', assignee: '镇交通所王工', dueOn: '2026-10-08' })

beforeEach(() => localStorage.clear())

describe('RunStepReportBack', () => {
  it('lists every open item with its kind, 专人, 时限 and how the deadline stands', async () => {
    const wrapper = await mountStep([
      decisionItem(lamp, { due: { status: 'overdue', workingDaysLeft: -2 } }),
      escalationItem(bridge),
    ])
    const cards = wrapper.findAll('article')
    expect(cards).toHaveLength(2)
    expect(cards[0]!.text()).toContain('拍板的事')
    expect(cards[0]!.text()).toContain('本周内修好村东路灯')
    expect(cards[0]!.text()).toContain('专人：张主任')
    expect(cards[0]!.text()).toContain('时限：2026-10-07')
    expect(cards[0]!.text()).toContain('已超期 2 个工作日')
    expect(cards[1]!.text()).toContain('上报镇街的事')
    expect(cards[1]!.text()).toContain(zh.escalation.status.resolved)
    expect(wrapper.text()).toContain('以前的夜话还有 2 件事没办完')
  })

  it('shows each item closed, and opens one form on tap with the cursor in it', async () => {
    const wrapper = await mountStep([decisionItem(lamp), escalationItem(bridge)], false, { attachTo: document.body })
    expect(wrapper.findAll('textarea')).toHaveLength(0)
    const buttons = wrapper.findAll('button').filter((b) => b.text() === zh.run.report.open)
    expect(buttons).toHaveLength(2)
    await buttons[0]!.trigger('click')
    await flushPromises()
    expect(wrapper.findAll('textarea')).toHaveLength(1)
    expect(document.activeElement).toBe(wrapper.get('textarea[name="report"]').element)
    wrapper.unmount()
  })

  it('says so when earlier meetings left nothing open', async () => {
    expect((await mountStep([])).text()).toContain(zh.run.report.empty)
  })

  it('refuses an empty report in Chinese and emits nothing', async () => {
    const wrapper = await mountStep([decisionItem(lamp)])
    await openReports(wrapper)
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain(zh.run.validation.report_required)
    expect(wrapper.emitted('report')).toBeUndefined()
  })

  it('wants words of evidence to cross a decision off', async () => {
    const wrapper = await mountStep([decisionItem(lamp)])
    await openReports(wrapper)
    await wrapper.get('textarea[name="report"]').setValue('好')
    await wrapper.findAll('[role="radio"]').find((r) => r.text() === zh.run.report.outcomes.done)!.trigger('click')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain(zh.run.validation.report_too_short)
    expect(wrapper.emitted('report')).toBeUndefined()
  })

  it('emits the report and the new status, and empties the box once saved', async () => {
    const item = decisionItem(lamp)
    const wrapper = await mountStep([item])
    await openReports(wrapper)
    await wrapper.get('textarea[name="report"]').setValue('  路灯已经换好了  ')
    await wrapper.findAll('[role="radio"]').find((r) => r.text() === zh.run.report.outcomes.done)!.trigger('click')
    await wrapper.get('form').trigger('submit')
    const [payload] = wrapper.emitted<[ReportPayload]>('report')![0]!
    expect(payload).toMatchObject({ item, text: '路灯已经换好了', outcome: 'done' })
    payload.done()
    await wrapper.vm.$nextTick()
    expect(wrapper.find('textarea').exists()).toBe(false)
    await openReports(wrapper)
    expect((wrapper.get('textarea[name="report"]').element as HTMLTextAreaElement).value).toBe('')
  })

  it('offers to cross off a resolved escalation, and nothing more for one the township still works', async () => {
    const wrapper = await mountStep([escalationItem(bridge), escalationItem(anEscalation({ status: 'assigned' }))])
    await openReports(wrapper)
    const [resolved, working] = wrapper.findAll('article')
    expect(resolved!.findAll('[role="radio"]').map((r) => r.text())).toEqual([
      zh.run.report.outcomes.in_progress, zh.run.report.outcomes.result_received,
    ])
    expect(working!.findAll('[role="radio"]')).toHaveLength(0)
  })

  it('keeps the text being typed on the phone: it is back after a remount', async () => {
    const first = await mountStep([decisionItem(lamp)])
    await openReports(first)
    await first.get('textarea[name="report"]').setValue('灯泡买好了，周六装')
    first.unmount()
    const again = await mountStep([decisionItem(lamp)])
    expect((again.get('textarea[name="report"]').element as HTMLTextAreaElement).value).toBe('灯泡买好了，周六装')
  })

  it('shows the reports given and no form when read-only or already crossed off', async () => {
    const report = aRemark({ subjectType: 'decision', subjectId: lamp.id, kind: 'followup', text: '已经修好' })
    const done = decisionItem({ ...lamp, status: 'done' }, { open: false, reports: [report] })
    const wrapper = await mountStep([done, decisionItem(aDecision())], true)
    expect(wrapper.text()).toContain('已经修好')
    expect(wrapper.text()).toContain(zh.run.decisionStatus.done)
    expect(wrapper.find('form').exists()).toBe(false)
  })
})
