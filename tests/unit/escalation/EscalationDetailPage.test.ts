import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { Escalation } from '@shared/records'
import EscalationDetailPage from '@app/pages/EscalationDetailPage.vue'
import zh from '@app/locales/zh-CN'
import { useDb } from '@app/db'
import { aRemark, aSuggestion, anEscalation } from '../builders'
import { mountWithApp } from '../helpers/mount'
import { setUpPageTests } from '../helpers/page'
import { seed, sessionAs, settle } from './fixtures'

const page = setUpPageTests()

async function openAs(role: 'cadre' | 'township', escalation: Escalation) {
  const result = await mountWithApp(EscalationDetailPage, { route: `/escalations/${escalation.id}`, session: sessionAs(role) })
  page.keep(result.wrapper)
  await vi.waitFor(() => expect(result.wrapper.text()).toContain(escalation.title))
  return result.wrapper
}

const buttons = (wrapper: VueWrapper) => wrapper.findAll('.escalation-actions button').map((b) => b.text())
const button = (wrapper: VueWrapper, label: string) => {
  const found = wrapper.findAll('button').find((b) => b.text() === label)
  if (!found) throw new Error(`no button ${label} in:\n${wrapper.text()}`)
  return found
}

describe('EscalationDetailPage', () => {
  it.each([
    ['township', 'submitted', [zh.escalation.action.accept, zh.escalation.action.return, zh.escalation.action.progress]],
    ['township', 'assigned', [zh.escalation.action.assign, zh.escalation.action.report, zh.escalation.action.forward, zh.escalation.action.resolve, zh.escalation.action.progress]],
    ['township', 'resolved', [zh.escalation.action.close]],
    ['cadre', 'submitted', []],
    ['cadre', 'returned', [zh.escalation.action.resubmit]],
    ['cadre', 'resolved', [zh.escalation.action.close, zh.escalation.action.rate, zh.escalation.action.feedback]],
  ] as const)('shows a %s member of a %s escalation exactly the allowed actions', async (role, status, expected) => {
    const escalation = anEscalation({ status, dueOn: status === 'submitted' ? null : '2026-10-12' })
    await seed({ escalations: [escalation] })
    const wrapper = await openAs(role, escalation)
    expect(buttons(wrapper)).toEqual(expected)
    expect(wrapper.text()).toContain(zh.escalation.status[status])
  })

  it('tells a cadre the township is working on it when there is nothing for them to do', async () => {
    const escalation = anEscalation({ status: 'accepted', dueOn: '2026-10-12' })
    await seed({ escalations: [escalation] })
    const wrapper = await openAs('cadre', escalation)
    expect(wrapper.text()).toContain(zh.escalation.detail.readOnly)
    expect(wrapper.find('.escalation-actions').exists()).toBe(false)
  })

  it('shows the linked suggestions, the village and the remarks of the escalation', async () => {
    const suggestion = aSuggestion({ content: '东街排水沟堵了，一下雨就积水', status: 'escalated' })
    const escalation = anEscalation({ status: 'returned', suggestionIds: [suggestion.id], title: '东街排水沟疏通' })
    const remark = aRemark({ subjectType: 'escalation', subjectId: escalation.id, kind: 'note', text: '村里可以自己组织清淤' })
    await seed({ suggestions: [suggestion], escalations: [escalation], remarks: [remark] })
    const wrapper = await openAs('township', escalation)
    await vi.waitFor(() => expect(wrapper.text()).toContain('村里可以自己组织清淤'))
    expect(wrapper.text()).toContain('刘土城村')
    expect(wrapper.text()).toContain(zh.escalation.remarkKind.note)
    const link = wrapper.get(`a[href="/suggestions/${suggestion.id}"]`)
    expect(link.text()).toBe('东街排水沟堵了，一下雨就积水')
  })

  it("proposes the township policy's deadline in working days when accepting, and accepts on the device", async () => {
    // 30 September 2026 in Shanghai: three working days later is Saturday 10 October (国庆, then 调休).
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-09-30T04:00:00.000Z'))
    const escalation = anEscalation({ createdAt: '2026-09-30T02:00:00.000Z', updatedAt: '2026-09-30T02:00:00.000Z' })
    await seed({ escalations: [escalation] })
    const wrapper = await openAs('township', escalation)

    await button(wrapper, zh.escalation.action.accept).trigger('click')
    const due = wrapper.get('input[name="dueOn"]').element as HTMLInputElement
    expect(due.value).toBe('2026-10-10')
    expect(wrapper.text()).toContain('按本镇街规定，默认受理后 3 个工作日')

    await wrapper.get('input[name="department"]').setValue('镇水利站')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(async () => expect((await useDb().escalations.get(escalation.id))?.status).toBe('accepted'))
    const saved = await useDb().escalations.get(escalation.id)
    expect(saved).toMatchObject({ dueOn: '2026-10-10', department: '镇水利站' })
    expect((await useDb().outbox.toArray()).map((m) => m.name)).toEqual(['escalation.accept'])
    await vi.waitFor(() => expect(wrapper.text()).toContain(zh.escalation.status.accepted))
    expect(buttons(wrapper)).toEqual([zh.escalation.action.return, zh.escalation.action.assign, zh.escalation.action.forward, zh.escalation.action.resolve, zh.escalation.action.progress])
  })

  it('refuses a deadline before the day of the escalation, in Chinese, and saves nothing', async () => {
    const escalation = anEscalation({ createdAt: '2026-09-30T02:00:00.000Z' })
    await seed({ escalations: [escalation] })
    const wrapper = await openAs('township', escalation)
    await button(wrapper, zh.escalation.action.accept).trigger('click')
    await wrapper.get('input[name="dueOn"]').setValue('2026-09-29')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain(zh.escalation.validation.date_before_escalation)
    await settle()
    expect(await useDb().outbox.count()).toBe(0)
  })

  it('returns an escalation to the village with the reason as a note', async () => {
    const escalation = anEscalation()
    await seed({ escalations: [escalation] })
    const wrapper = await openAs('township', escalation)
    await button(wrapper, zh.escalation.action.return).trigger('click')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain(zh.escalation.validation.reason_required)

    await wrapper.get('textarea[name="text"]').setValue('村里可以自己解决')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.text()).toContain(zh.escalation.status.returned))
    await vi.waitFor(() => expect(wrapper.text()).toContain('村里可以自己解决'))
    const remarks = await useDb().remarks.where('subjectId').equals(escalation.id).toArray()
    expect(remarks.map((r) => [r.kind, r.text])).toEqual([['note', '村里可以自己解决']])
  })

  it('shows 报到 after 交办 and records it, and flags 未报到 once its day has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-18T04:00:00.000Z'))
    const escalation = anEscalation({ status: 'assigned', department: '镇水利站', assignee: '李站长', dueOn: '2026-11-25', assignedAt: '2026-11-13T02:00:00.000Z' })
    await seed({ escalations: [escalation] })
    const wrapper = await openAs('township', escalation)
    expect(wrapper.get('[data-clock="unreported"]').text()).toContain('未报到')
    await button(wrapper, zh.escalation.action.report).trigger('click')
    await button(wrapper, zh.escalation.form.submit.report).trigger('click')
    await vi.waitFor(async () => expect((await useDb().escalations.get(escalation.id))?.reportedAt).toBeDefined())
    await vi.waitFor(() => expect(wrapper.find('[data-clock="unreported"]').exists()).toBe(false))
    expect(wrapper.get('[data-clock="reported"]').text()).toBe('2026-11-18 已报到')
    expect(buttons(wrapper)).not.toContain(zh.escalation.action.report)
  })

  it('offers 销号 to the township only after the village answered, or with a note after closeAfterDays', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-12T04:00:00.000Z'))
    const escalation = anEscalation({ status: 'resolved', resolution: '已清淤', resolvedAt: '2026-11-10T02:00:00.000Z' })
    await seed({ escalations: [escalation] })
    const wrapper = await openAs('township', escalation)
    expect(buttons(wrapper)).toEqual([])
    expect(wrapper.text()).toContain('2026-11-17 起可以不等反馈销号')
    wrapper.unmount()

    vi.setSystemTime(new Date('2026-11-17T04:00:00.000Z'))
    const later = await openAs('township', escalation)
    expect(buttons(later)).toEqual([zh.escalation.action.close])
    await button(later, zh.escalation.action.close).trigger('click')
    await later.get('textarea[name="text"]').setValue('已电话联系，五个工作日未反馈')
    await later.get('form').trigger('submit')
    await vi.waitFor(async () => expect((await useDb().escalations.get(escalation.id))?.status).toBe('closed'))
    const remarks = await useDb().remarks.where('subjectId').equals(escalation.id).toArray()
    expect(remarks.map((r) => r.text)).toEqual(['已电话联系，五个工作日未反馈'])
  })

  it('takes the village\'s 部分解决 and shows the desk the reason on top', async () => {
    const suggestion = aSuggestion({ status: 'resolved' })
    const escalation = anEscalation({ status: 'resolved', suggestionIds: [suggestion.id], resolution: '已清淤', resolvedAt: '2026-10-05T02:00:00.000Z' })
    await seed({ suggestions: [suggestion], escalations: [escalation] })
    const cadrePage = await openAs('cadre', escalation)
    await button(cadrePage, zh.escalation.action.rate).trigger('click')
    await cadrePage.get('input[name="stars"][value="2"]').setValue(true)
    await cadrePage.get('input[name="outcome"][value="partly"]').setValue(true)
    await cadrePage.get('form').trigger('submit')
    expect(cadrePage.text()).toContain(zh.escalation.validation.feedback_required)
    await cadrePage.get('textarea[name="feedback"]').setValue('下游还堵着一段')
    await cadrePage.get('form').trigger('submit')
    await vi.waitFor(async () => expect((await useDb().escalations.get(escalation.id))?.status).toBe('assigned'))
    cadrePage.unmount()

    const desk = await openAs('township', escalation)
    await vi.waitFor(() => expect(desk.find('[data-testid="reopened"]').exists()).toBe(true))
    const top = desk.get('[data-testid="reopened"]').text()
    expect(top).toContain('村里认为部分解决，已退回办理')
    expect(top).toContain('理由：下游还堵着一段')
    // On top: before the facts of the escalation.
    expect(desk.html().indexOf('data-testid="reopened"')).toBeLessThan(desk.html().indexOf(zh.escalation.detail.status))
  })

  it('shows the village\'s rating on the desk', async () => {
    const escalation = anEscalation({
      status: 'resolved', resolution: '已清淤', resolvedAt: '2026-10-05T02:00:00.000Z',
      rating: { stars: 5, outcome: 'resolved', ratedAt: '2026-10-06T02:00:00.000Z' },
    })
    await seed({ escalations: [escalation] })
    const wrapper = await openAs('township', escalation)
    expect(wrapper.get('[data-testid="village-rating"]').text()).toBe('村里的评价：5 星 · 解决了（2026-10-06）')
    expect(buttons(wrapper)).toEqual([zh.escalation.action.close])
  })

  it('says when the phone does not hold the escalation', async () => {
    const { wrapper } = await mountWithApp(EscalationDetailPage, {
      route: `/escalations/${anEscalation().id}`,
      session: sessionAs('township'),
    })
    page.keep(wrapper)
    await vi.waitFor(() => expect(wrapper.text()).toContain(zh.escalation.detail.notFound))
  })
})
